"""The Review Desk app: wires the screens, the keys and the clipboard."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding

from reviewdesk.config.settings import LibraryChoice, Settings
from reviewdesk.errors import ClipboardError, ReviewDeskError
from reviewdesk.publish.export_options import ExportOptions
from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.review.template import Template, list_templates, load_template
from reviewdesk.review.text import visible


class ReviewDeskApp(App):
    """The app; what its screens may use of it is declared in
    :class:`reviewdesk.tui.desk.Desk`."""

    library: Library
    settings: Settings
    autosave_delay: float
    preview_open: bool
    export_options: ExportOptions
    export_target: str
    export_folder: Path
    export_folder_setting: Path | None

    TITLE = "Review Desk"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-medium"), (120, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f2", "settings", "Settings", id="app.settings", show=False),
        # A priority binding: F1 lists the keys of whatever is on screen, a dialog's too.
        Binding("f1", "keys", "Keys", id="app.keys", priority=True),
        # Tab moves the focus as the key arrives, before the keys after it
        # are handed out: as a plain binding it runs in the widget being
        # left, after the app has already given that widget the keys typed
        # next (a fast typist's, a paste's), which then land in the wrong
        # field. A widget that takes Tab itself (an editor that indents)
        # still gets it: Textual leaves out the bindings of keys the focused
        # widget consumes.
        Binding("tab", "focus_next", "Next field", id="app.focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", id="app.focus_previous", show=False,
                priority=True),
    ]

    def __init__(self, library: Library, open_slug: str | None = None,
                 library_choice: LibraryChoice | None = None) -> None:
        super().__init__()
        from reviewdesk.config.locations import exports_dir
        from reviewdesk.tui.theming import choose_theme

        self.library = library
        self.open_slug = open_slug
        self._library_choice = library_choice
        self.settings = Settings()  # until the settings file is read (choose_theme, below)
        self.autosave_delay = self.settings.autosave_delay
        self.preview_open = self.settings.preview_open
        self.export_options = ExportOptions()
        self.export_target = self.settings.export.target
        # Where Export proposes to save: the export folder setting (the
        # library's exports/ unless the writer chose another), then the
        # folder of the last save; never the folder the app was started in.
        self.export_folder = exports_dir(library.root)
        self.export_folder_setting: Path | None = None  # the setting's folder, as last applied
        self.import_folder: Path | None = None  # where Import starts looking; None: the folder the app started in
        # The writer's theme before any CSS is parsed: the app's CSS is then
        # parsed with the writer's colours, not with Textual's and again.
        self._start_problems = choose_theme(self)

    @property
    def library_choice(self) -> LibraryChoice:
        """The library folder in use and where it comes from (the flag, the
        variable, the setting, the default), as the command line chose it."""
        if self._library_choice is None:
            from reviewdesk.config.settings import library_origin

            self._library_choice = library_origin(self.library.root)
        return self._library_choice

    def format_title(self, title: str, sub_title: str):
        """The title, then the subtitle in the muted text colour. Textual dims
        the subtitle, and how dim a terminal draws it is its own choice: in
        the sepia theme it measured 3.93:1 against the title bar."""
        from textual.content import Content

        if not sub_title:
            return Content(title)
        return Content.assemble(Content(title), (" — ", "$text-muted"), Content(sub_title).stylize("$text-muted"))

    def get_default_screen(self):
        """The library is the first screen, at the bottom of the stack (rather
        than pushed over Textual's empty default screen, made and styled for
        nothing)."""
        from reviewdesk.tui.screens.library import LibraryScreen

        return LibraryScreen(self.library)

    def on_mount(self) -> None:
        from reviewdesk.tui.theming import setup

        setup(self, self._start_problems)  # problems with the settings or themes: one notification
        self._save_on_signals()
        if self.open_slug:
            self.open_review(self.open_slug)

    def _save_on_signals(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves first."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self._save_and_exit, sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not on this platform, or not the main thread (tests)

    def save_all(self) -> bool:
        """Write every open draft now; True when all of them are on disk."""
        from reviewdesk.tui.screens.review import ReviewScreen

        return all([s.save_now() for s in self.screen_stack if isinstance(s, ReviewScreen)])

    def _save_and_exit(self, sig: int) -> None:
        """Save first. After SIGHUP the terminal is gone: leave at once (a hung-up
        terminal also sends SIGCONT, and Textual's handler for it can stall its
        shutdown for ever); after SIGTERM, exit normally to restore the terminal."""
        import os
        import signal

        from reviewdesk.tui.screens.review import ReviewScreen

        if sig == signal.SIGHUP:
            import threading

            # Nobody is there to see a stalled exit: ignore the SIGCONT that
            # follows a hang-up, and leave within 5 s even if a save hangs
            # (a network folder gone away); the edit journal holds the text.
            signal.signal(signal.SIGCONT, signal.SIG_DFL)
            deadline = threading.Timer(5.0, os._exit, (1,))
            deadline.daemon = True
            deadline.start()
        self.save_all()
        if sig == signal.SIGHUP:
            for screen in self.screen_stack:
                if isinstance(screen, ReviewScreen):
                    screen.session.close()
            os._exit(0)
        self.exit(return_code=0)

    # Screens ---------------------------------------------------------------
    def open_review(self, slug: str, start: int | None = None) -> None:
        from reviewdesk.tui.screens.review import ReviewScreen

        try:
            review = self.library.load(slug)
            template = load_template(review.template)
        except ReviewDeskError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", timeout=8)
            return
        self.push_screen(ReviewScreen(self.library, review, template, start=start), self._back_in_library)

    def _back_in_library(self, slug: str | None) -> None:
        from reviewdesk.tui.screens.library import LibraryScreen

        screen = self.screen
        if isinstance(screen, LibraryScreen):
            screen.reload(select=slug)

    def start_new_review(self) -> None:
        from reviewdesk.tui.screens.new_review import NewReview, NewReviewScreen

        templates, problems = list_templates()
        for problem in problems:
            self.notify(str(problem), title="Template skipped", severity="warning", timeout=8)
        if not templates:
            self.notify("No question set could be loaded.", severity="error")
            return
        seasons = [e.season for e in self.library.summaries() if e.season]

        def created(answer: NewReview | None) -> None:
            if answer is None:
                return
            try:
                review = self.library.create(answer.title, season=answer.season,
                                             template=answer.template, tagline=answer.tagline)
            except ReviewDeskError as exc:
                self.notify(str(exc), title="Could not start the review", severity="error", timeout=8)
                return
            self.open_review(review.slug, start=0)

        self.push_screen(NewReviewScreen(templates, season=seasons[0] if seasons else ""), created)

    def start_import(self) -> None:
        from reviewdesk.tui.screens.import_file import ImportRequest, ImportScreen

        templates, _problems = list_templates()

        def chosen(request: ImportRequest | None) -> None:
            if request is None:
                return
            from reviewdesk.importer.markdown import import_file

            try:
                result = import_file(self.library, request.path, request.template)
            except ReviewDeskError as exc:
                self.notify(str(exc), title="Could not import", severity="error", timeout=10)
                return
            matched, extras = len(result.matched), len(result.extras)
            message = (f"{matched} of {len(result.template.questions)} questions matched"
                       + (f"; {extras} extra section{'s' * (extras != 1)} kept (F4 moves one into a question)"
                          if extras else "") + ".")
            notes = "\n".join(f"• {n}" for n in result.notes[:6])
            self.notify(message + (f"\n{notes}" if notes else ""), title=f"Imported {result.review.title}",
                        timeout=12)
            self.open_review(result.review.slug, start=0)

        self.push_screen(ImportScreen(templates, self.import_folder or Path.cwd()), chosen)

    def render_post(self, review: Review, template: Template):
        """The post for the writer's default target (Settings → export)."""
        from reviewdesk.publish.targets import render

        try:
            return render(review, template, self.library.season_mates(review), self.export_target,
                          self.export_options)
        except ReviewDeskError:
            return render(review, template, self.library.season_mates(review), "markdown", self.export_options)

    def open_export(self, review: Review, template: Template | None, publish_to: str | None = None) -> None:
        """The Export dialog; with ``publish_to`` (an account name) it starts publishing there."""
        from reviewdesk.tui.screens.export import ExportScreen

        template = template or load_template(review.template)
        def go_to(finding) -> None:
            from reviewdesk.tui.screens.review import ReviewScreen

            if finding is None:
                return
            if isinstance(self.screen, ReviewScreen) and self.screen.review.slug == review.slug:
                self.screen.show_finding(finding)
            else:
                self.open_review(review.slug)
                self.call_after_refresh(lambda: isinstance(self.screen, ReviewScreen)
                                        and self.screen.show_finding(finding))

        self.push_screen(ExportScreen(review, template, self.library.season_mates(review), self.export_folder,
                                      target=self.export_target,
                                      options=self.export_options, publish_to=publish_to,
                                      library_root=self.library.root), go_to)

    # Clipboard ---------------------------------------------------------------
    def copy_post(self, review: Review, template: Template | None) -> None:
        template = template or load_template(review.template)
        rendered = self.render_post(review, template)
        self.copy_text(rendered.text, what=review.title, filename=rendered.filename)

    def notify(self, message: str, *, title: str = "", **kwargs) -> None:
        """Every notification shows a control character (in a name from disk,
        an error quoting a file) as a visible one, never sends it raw."""
        super().notify(visible(message), title=visible(title), **kwargs)

    def copy_text(self, text: str, what: str = "The post", filename: str = "review.md",
                  message: str | None = None) -> str | None:
        """Copy, saying which way it went: system clipboard, OSC 52, or neither
        (then the post is written to a file, and the message says where).
        ``message`` replaces what is said when the system clipboard took it."""
        from reviewdesk.publish.clipboard import TMUX_HINT, copy_system, osc52_sequence

        try:
            copy_system(text)
        except ClipboardError as system_error:
            try:
                osc52_sequence(text)  # refuses a post too large for terminals to take
            except ClipboardError as exc:
                kept = self._keep_on_disk(text, filename)
                where = f" The post is saved in {kept}." if kept else " Use Export → Save file."
                self.notify(f"{system_error}; {exc}.{where}", title="Not copied", severity="error", timeout=12)
                return None
            self.copy_to_clipboard(text)  # Textual sends it to the terminal as OSC 52
            hint = f" ({TMUX_HINT})" if os.environ.get("TMUX") else ""
            self.notify(f"“{what}” was sent to your terminal's clipboard (OSC 52): no system clipboard "
                        f"here. If pasting gives nothing, your terminal blocks it{hint}: use Export → Save file.",
                        title="Copied via the terminal", timeout=8)
            return "osc52"
        self.notify(message or f"“{what}” is on the clipboard: {len(text):,} characters of Markdown.",
                    title="Copied", timeout=6 if message else 4)
        return "system"

    # Publishing --------------------------------------------------------------
    def record_published(self, review: Review, outcome) -> str | None:
        """Where the post went, into the draft: through the open review if there
        is one (its next save writes it), else straight to the file. The
        message to show when it could not be written, else None."""
        from reviewdesk.publish.blogs.publisher import record
        from reviewdesk.tui.screens.review import ReviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen) and screen.review.slug == review.slug:
                record(screen.review, outcome)
                screen.mark_dirty()
                if screen.save_now():
                    return None
                return (f"The post is on the blog ({outcome.url}), but the draft could not be saved with its "
                        f"record: {screen.save_error or 'the save did not finish'}. Save the review before "
                        "publishing again, or the next publish makes another post.")
        try:
            with self.library.edit(review.slug) as fresh:  # as it is on disk now, under its write lock
                record(fresh, outcome)
        except ReviewDeskError as exc:
            return (f"The post is on the blog ({outcome.url}), but the draft could not record it: {exc}. "
                    "Publishing again would make another post.")
        record(review, outcome)  # the copy the dialog holds, for another publish from it
        return None

    def publish_commands(self, screen):
        """"Publish to …" for each account, in the palette of a review or the library."""
        from reviewdesk.tui.screens.library import LibraryScreen
        from reviewdesk.tui.screens.review import ReviewScreen

        if not isinstance(screen, (ReviewScreen, LibraryScreen)):
            return
        from reviewdesk.publish.blogs import accounts

        try:
            found = accounts.every()
        except ReviewDeskError:
            found = []
        for account in found:
            label = accounts.LABELS[account.service]

            def go(name=account.name) -> None:
                if isinstance(screen, ReviewScreen):
                    screen.save_soon()  # the post is made from the text in memory
                    loaded = (screen.review, screen.template)
                else:
                    loaded = screen._load_selected()
                if loaded:
                    self.open_export(*loaded, publish_to=name)

            yield (f"Publish to {label}: {account.name}",
                   f"Send the review to {account.site} as a draft, images uploaded (Export → Publish)", go)

    def _keep_on_disk(self, text: str, filename: str) -> Path | None:
        """A copy that failed still leaves the post somewhere the writer can find."""
        import tempfile

        from reviewdesk.publish.output_guard import ExportRefused, write

        for folder in (self.export_folder, Path(tempfile.gettempdir())):
            try:  # never over a draft nor into the library but its exports/ (made on first use)
                return write(self.library.root, folder / filename, text, make_folder=True)
            except (ExportRefused, OSError):
                continue
        return None

    # Commands ----------------------------------------------------------------
    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Settings", "Theme, export defaults, autosave, preview, library (F2)",
                            self.action_settings)
        yield SystemCommand("Keys of this screen", "Every key here and what it does (F1)", self.action_keys)
        from reviewdesk.tui.desk import OffersCommands

        if isinstance(screen, OffersCommands):
            for title, help_text, callback in screen.palette_commands():
                yield SystemCommand(title, help_text, callback)
        for title, help_text, callback in self.publish_commands(screen):
            yield SystemCommand(title, help_text, callback)

    def action_keys(self) -> None:
        """Every key of the screen on top, from its bindings (F1 again closes the list)."""
        from reviewdesk.tui.screens.keys import KeysScreen

        screen = self.screen
        if isinstance(screen, KeysScreen):
            screen.dismiss(None)
            return
        self.push_screen(KeysScreen(screen, screen.sub_title or "this dialog"))

    def action_settings(self) -> None:
        from reviewdesk.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    async def action_quit(self) -> None:
        from reviewdesk.tui.screens.confirm import ConfirmScreen
        from reviewdesk.tui.screens.conflict import ConflictScreen
        from reviewdesk.tui.screens.review import ReviewScreen

        reviews = [s for s in self.screen_stack if isinstance(s, ReviewScreen)]
        # One question at a time: quitting over an unsettled conflict asks
        # only whether to quit (the conflict question comes back on "Stay"),
        # rather than stacking "Quit anyway?" on top of the conflict.
        if isinstance(self.screen, ConflictScreen):
            self.pop_screen()
        for review in reviews:
            review.hold_conflict_question()
        unsaved = [s for s in reviews if not s.save_now()]
        if not unsaved:
            self.exit()
            return
        rescue = unsaved[0].session.rescue()

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()
                return
            for review in reviews:
                review.conflict_question_held = False
                review.ask_pending_conflict()

        where = f" A copy was written to {rescue}." if rescue else ""
        self.push_screen(ConfirmScreen(
            f"[b]Your latest changes are not on disk[/b]: {unsaved[0].unsaved_reason()}."
            f"{where}\nQuit anyway?", yes="Quit anyway", no="Stay"), answer)
