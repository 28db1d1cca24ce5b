"""The clipboard's routes without a display: OSC 52 as the app's fallback,
tmux wrapping, the size guard, and the file a failed copy leaves behind."""

from __future__ import annotations

import base64

import pytest

from reviewdesk.publish import clipboard
from reviewdesk.errors import ClipboardError


@pytest.fixture
def no_system_clipboard(monkeypatch):
    def refuse(text):
        raise ClipboardError("no system clipboard is reachable (test)")

    monkeypatch.setattr(clipboard, "copy_system", refuse)


def test_the_system_clipboard_is_tried_first(monkeypatch):
    got = []
    monkeypatch.setattr(clipboard, "copy_system", lambda text: got.append(text) or "system clipboard")
    result = clipboard.copy("post", osc52_write=lambda s: pytest.fail("OSC 52 must not be used"))
    assert result.route == "system" and got == ["post"] and "4 characters" in result.message


def test_without_one_the_app_falls_back_to_osc52_and_says_so(no_system_clipboard):
    written = []
    result = clipboard.copy("Rouge ✓", osc52_write=written.append, tmux=False)
    assert result.route == "osc52" and "OSC 52" in result.message and "tmux" not in result.message
    assert written == ["\x1b]52;c;" + base64.b64encode("Rouge ✓".encode()).decode() + "\x07"]


def test_inside_tmux_the_sequence_goes_both_plain_and_wrapped_for_passthrough(no_system_clipboard, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    written = []
    result = clipboard.copy("x", osc52_write=written.append)
    plain = "\x1b]52;c;eA==\x07"
    # tmux takes the plain one itself (set-clipboard on); the wrapped one passes
    # through to the outer terminal (allow-passthrough on).
    assert written == [plain + "\x1bPtmux;" + plain.replace("\x1b", "\x1b\x1b") + "\x1b\\"]
    assert "through tmux" in result.message and "set-clipboard on" in result.message


def test_too_large_for_the_terminal_is_refused_with_both_reasons(no_system_clipboard):
    written = []
    big = "x" * (clipboard.OSC52_LIMIT)  # base64 makes it larger than the limit
    with pytest.raises(ClipboardError, match="no system clipboard.*too large for the terminal clipboard"):
        clipboard.copy(big, osc52_write=written.append)
    assert written == []


def test_the_command_line_gets_the_error_not_a_silent_osc52(no_system_clipboard):
    with pytest.raises(ClipboardError, match="no system clipboard"):
        clipboard.copy("post")


def test_save_fallback_writes_into_the_exports_folder(library):
    folder = clipboard.exports_dir(library.root)
    path = clipboard.save_fallback("text ✓\n", folder, "../escape.md")
    assert path == library.root / "exports" / "escape.md"
    assert path.read_text(encoding="utf-8") == "text ✓\n"
    assert clipboard.save_fallback("newer\n", folder, "escape.md").read_text(encoding="utf-8") == "newer\n"
    assert library.slugs() == []  # the exports folder is not mistaken for drafts


def test_copy_osc52_that_is_too_large_keeps_the_post(sample, library, capsys):
    from reviewdesk.cli import main

    sample.set_answer("thought", "word " * 30_000)
    library.save(sample)
    capsys.readouterr()
    assert main(["copy", sample.slug, "--osc52"]) == 3
    out, err = capsys.readouterr()
    assert out == "" and "too large for the terminal clipboard" in err
    saved = library.root / "exports" / f"{sample.slug}.md"
    assert f"The post is saved in {saved}" in err and saved.stat().st_size > 150_000


def test_a_post_that_cannot_be_copied_goes_to_the_export_folder_setting(sample, library, capsys, config_dir,
                                                                        tmp_path):
    from reviewdesk.cli import main

    folder = tmp_path / "blog exports"
    (config_dir / "settings.toml").write_text(f'[export]\nfolder = "{folder}"\n')
    sample.set_answer("thought", "word " * 30_000)
    library.save(sample)
    capsys.readouterr()
    assert main(["copy", sample.slug, "--osc52"]) == 3
    saved = folder / f"{sample.slug}.md"
    assert f"The post is saved in {saved}" in capsys.readouterr().err and saved.is_file()
