"""Autosave writes in a thread worker: the writer types on while a draft is written,
and nothing typed meanwhile is lost, shadowed by a false conflict, or dropped
from the edit journal before it is on disk."""

from __future__ import annotations

import json
import threading
import tomllib

from reviewdesk.review.library import Library
from reviewdesk.review.session import EditingSession
from reviewdesk.tui.screens.conflict import ConflictScreen
from reviewdesk.tui.screens.review import ReviewScreen
from reviewdesk.tui.widgets.status import StatusLine
from waiting import wait_for


def happened_on_disk(library_dir, slug) -> str:
    data = tomllib.loads((library_dir / f"{slug}.toml").read_text())
    return data.get("answers", {}).get("happened", {}).get("text", "")


class SlowDisk:
    """Library.save that, once armed, waits in its thread until released."""

    def __init__(self, monkeypatch):
        self.real = Library.save
        self.armed = False
        self.entered = threading.Event()
        self.release = threading.Event()
        self.threads: list[str] = []
        slow = self

        def save(library, review, **kw):
            slow.threads.append(threading.current_thread().name)
            if slow.armed:
                slow.armed = False
                slow.entered.set()
                assert slow.release.wait(30), "the test never released the save"
            return slow.real(library, review, **kw)

        monkeypatch.setattr(Library, "save", save)


async def test_autosave_runs_in_a_thread_and_keys_go_on_while_it_writes(draft, review_app, library_dir, monkeypatch):
    lib, slug = draft
    disk = SlowDisk(monkeypatch)
    async with review_app() as (app, pilot):
        screen = app.screen
        disk.armed = True
        await pilot.press(*"Rouge hunts")
        await wait_for(pilot, disk.entered.is_set, "the autosave in its write")  # stuck on the disk...
        assert screen.saving
        await pilot.press(*" the Neans")  # ...and the writer's keys still land at once
        assert app.focused.text == "Rouge hunts the Neans"
        assert screen.dirty
        assert happened_on_disk(library_dir, slug) == ""
        # Until the newest words are on disk, the journal still holds them.
        screen.journal.flush()
        records = [json.loads(line) for line in screen.journal.path.read_text().splitlines()]
        assert [r["text"] for r in records if r["q"] == "happened"][-1] == "Rouge hunts the Neans"
        disk.release.set()
        await wait_for(pilot, lambda: happened_on_disk(library_dir, slug) == "Rouge hunts the Neans",
                       "the newest words on disk")
        await wait_for(pilot, lambda: not screen.dirty, "the screen to know they are saved")
        assert not isinstance(app.screen, ConflictScreen)
        assert "Saved" in str(screen.query_one(StatusLine).render())
    assert disk.threads and threading.main_thread().name not in disk.threads, "saved in a worker's thread"


async def test_quitting_during_a_background_save_waits_for_it_and_keeps_every_word(draft, review_app, library_dir,
                                                                                    monkeypatch):
    lib, slug = draft
    disk = SlowDisk(monkeypatch)
    async with review_app() as (app, pilot):
        disk.armed = True
        app.focused.insert("First words.")
        await wait_for(pilot, disk.entered.is_set, "the autosave in its write")
        app.focused.insert(" And the last ones.")
        # The quit's own save waits for the write in flight: that write is let
        # go only once the quit's save has begun.
        quit_saving = threading.Event()
        real_save = EditingSession.save

        def save(session):
            quit_saving.set()
            return real_save(session)

        monkeypatch.setattr(EditingSession, "save", save)
        threading.Thread(target=lambda: quit_saving.wait(30) and disk.release.set(), daemon=True).start()
        await pilot.press("ctrl+q")
        assert quit_saving.is_set(), "the quit saved nothing"
    assert happened_on_disk(library_dir, slug) == "First words. And the last ones."


async def test_the_file_changing_under_an_own_save_is_no_conflict(draft, review_app, library_dir, monkeypatch):
    lib, slug = draft
    disk = SlowDisk(monkeypatch)
    async with review_app() as (app, pilot):
        screen = app.screen
        disk.armed = True
        app.focused.insert("Words on their way.")
        await wait_for(pilot, disk.entered.is_set, "the autosave in its write")
        screen._watch_disk()  # the disk watcher ticks while the save is in flight
        disk.release.set()
        await wait_for(pilot, lambda: not screen.saving, "the save to finish")
        screen._watch_disk()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert not screen.dirty
        assert happened_on_disk(library_dir, slug) == "Words on their way."


async def test_a_change_made_elsewhere_is_still_a_conflict_when_found_by_a_background_save(draft, review_app, library_dir):
    lib, slug = draft
    async with review_app() as (app, pilot):
        other = Library(library_dir).load(slug)
        other.set_answer("happened", "The other window's words.")
        Library(library_dir).save(other)
        app.focused.insert("My words.")
        app.screen.save_soon()
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictScreen), "the conflict question")
        assert happened_on_disk(library_dir, slug) == "The other window's words."
