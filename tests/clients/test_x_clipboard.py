"""A real X clipboard: Xvfb on a free display, `reviewdesk copy`, `xclip -o`.

The command runs as a writer runs it (a subprocess with DISPLAY set);
pyperclip hands the text to xclip, which keeps serving the selection after
the command exits. Its output goes to files, not pipes: xclip's background
process inherits them and would hold a pipe open.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from clients.conftest import need
from reviewdesk.publish.targets import render
from reviewdesk.review.template import load_template


@pytest.fixture
def x_display(tmp_path):
    """A private Xvfb server; Xvfb picks the free display and tells us (-displayfd)."""
    xvfb = need("Xvfb", "xvfb")
    need("xclip")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-nolisten", "tcp", "-screen", "0", "320x240x24"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as announced:
        number = announced.readline().strip()  # blocks until the server is ready
    if not number:
        proc.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    proc.terminate()
    proc.wait()


def reviewdesk(tmp_path, env, *argv):
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with open(out, "wb") as o, open(err, "wb") as e:
        code = subprocess.run([sys.executable, "-m", "reviewdesk", *argv], env=env, stdout=o, stderr=e,
                              stdin=subprocess.DEVNULL).returncode
    return code, out.read_bytes(), err.read_text(encoding="utf-8")


@pytest.mark.parametrize("target", ["markdown", "wordpress", "hugo"])
def test_copy_puts_the_exact_post_on_the_x_clipboard(sample, library, tmp_path, x_display, target):
    env = {**os.environ, "DISPLAY": x_display}
    env.pop("WAYLAND_DISPLAY", None)
    code, _, err = reviewdesk(tmp_path, env, "copy", sample.slug, "--target", target)
    assert code == 0, err
    assert "system clipboard" in err
    pasted = subprocess.run([need("xclip"), "-o", "-selection", "clipboard"], env=env, capture_output=True,
                            check=True).stdout
    on_disk = library.load(sample.slug)  # what the command read
    template = load_template(on_disk.template)
    expected = render(on_disk, template, library.season_mates(on_disk), target).text.encode("utf-8")
    assert pasted == expected


def test_without_any_clipboard_copy_fails_clearly_and_keeps_the_post(sample, library, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PATH"] = os.path.dirname(sys.executable)  # no xclip, xsel, wl-copy: nothing to reach
    code, out, err = reviewdesk(tmp_path, env, "copy", sample.slug, "--target", "ghost")
    assert code == 3 and out == b""
    saved = library.root / "exports" / f"{sample.slug}.md"
    assert f"The post is saved in {saved}" in err
    assert "no system clipboard is reachable" in err and "--osc52" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    on_disk = library.load(sample.slug)
    template = load_template(on_disk.template)
    assert saved.read_text(encoding="utf-8") == render(on_disk, template, library.season_mates(on_disk), "ghost").text
