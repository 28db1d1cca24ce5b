"""The post a blog gets, and the memory of uploaded images: core calls, no network."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reviewdesk.cli import parser
from reviewdesk.errors import PublishError
from reviewdesk.publish.blogs import accounts
from reviewdesk.publish.blogs.content import check_files, gather, plain_text
from reviewdesk.publish.blogs.uploads import Ledger, Uploaded, digest
from reviewdesk.review.template import load_template
from samples import metallic_rouge as mr


def post_for(review, library):
    return gather(review, load_template(review.template), library.season_mates(review), library.root)


def test_image_paths_are_read_from_the_library_folder_and_web_images_are_left_alone(seed, library, library_dir,
                                                                                     tmp_path):
    elsewhere = tmp_path / "shots" / "ep9.jpg"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(b"jpeg")
    seed.add_image("more", str(elsewhere), "Episode 9")
    seed.add_image("learned", elsewhere.as_uri(), "Episode 9 again")

    post = post_for(seed, library)

    by_src = {use.src: use for use in post.images}
    assert by_src[mr.IMAGES[0][1]].on_the_web
    assert by_src[mr.IMAGES[1][1]].path == library_dir / mr.IMAGES[1][1]
    assert by_src[str(elsewhere)].path == elsewhere
    assert by_src[elsewhere.as_uri()].path == elsewhere
    assert [use.src for use in post.files] == [mr.IMAGES[1][1], mr.IMAGES[2][1], str(elsewhere), elsewhere.as_uri()]


def test_every_missing_file_is_named_with_its_question(sample, library):
    sample.cover = "images/not-there-cover.jpg"

    with pytest.raises(PublishError) as caught:
        check_files(post_for(sample, library))

    said = str(caught.value)
    assert said.startswith("nothing was sent: 3 images are missing")
    assert "'images/not-there-cover.jpg' (the cover)" in said
    assert f"'{mr.IMAGES[1][1]}' (after “What was your favourite moment?”)" in said
    assert f"'{mr.IMAGES[2][1]}' (after “Who was your favourite character?”)" in said


def test_the_body_uses_the_uploaded_addresses_and_leaves_out_the_title(seed, library):
    post = post_for(seed, library)
    html = post.html({mr.IMAGES[1][1]: "https://blog.example/up/ep4.jpg"})

    assert '<img src="https://blog.example/up/ep4.jpg" alt="Metallic Rouge Episode 4 Rouge Redstar">' in html
    assert f'<img src="{mr.IMAGES[2][1]}"' in html  # not uploaded: as written
    assert "<h1>" not in html and mr.TITLE not in html
    assert seed.answers["favourite_moment"].images[0].src == mr.IMAGES[1][1]  # the review is untouched


def test_the_excerpt_is_the_tagline_as_plain_text():
    assert plain_text("A *bold* [start](https://x.example)\nto `Mars`.\n\nSecond.") == "A bold start to Mars. Second."


def test_the_ledger_remembers_by_content_per_account_and_site(config_dir):
    sha = digest(b"the same picture")
    Ledger("wordpress", "https://blog.example").remember(sha, Uploaded("https://blog.example/a.jpg", "7"), "a.jpg")

    assert Ledger("wordpress", "https://blog.example").find(sha) == Uploaded("https://blog.example/a.jpg", "7")
    assert Ledger("ghost", "https://blog.example").find(sha) is None
    assert Ledger("wordpress", "https://moved.example").find(sha) is None
    (config_dir / "uploads.json").write_text("{ not json")
    assert Ledger("wordpress", "https://blog.example").find(sha) is None  # uploaded again, nothing lost


def test_the_parser_offers_every_blog_service():
    assert parser.BLOG_SERVICES == accounts.SERVICES


def test_a_dry_run_loads_neither_httpx_nor_textual(seed, library_dir, config_dir):
    code = (
        "import sys\n"
        "from reviewdesk.cli import main\n"
        f"code = main(['publish', {seed.slug!r}, '--to', 'micropub', '--dry-run'])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in ('httpx', 'jwt', 'textual') if m in sys.modules))\n")
    env = {"PATH": "/usr/bin:/bin", "REVIEWDESK_LIBRARY": str(library_dir), "REVIEWDESK_CONFIG_DIR": str(config_dir),
           "REVIEWDESK_MICROPUB_URL": "https://me.example", "REVIEWDESK_MICROPUB_TOKEN": "a-token-for-the-test"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_wordpress_fixture_names_the_missing_packages(monkeypatch):
    """Where WordPress cannot start, the skip (or, under CI, the failure) says which packages to install."""
    from blogs import wordpress_site

    monkeypatch.setattr(wordpress_site.shutil, "which", lambda tool: None if tool == "php" else f"/usr/bin/{tool}")
    assert wordpress_site.what_is_missing().endswith("(php-cli missing)")
    monkeypatch.setattr(wordpress_site, "WORDPRESS_DIRS", ())
    said = wordpress_site.what_is_missing()
    assert said.startswith("a real WordPress needs the Debian packages wordpress mariadb-server php-cli php-mysql")
    assert said.endswith("(wordpress, php-cli missing)")
