"""Publishing to a real WordPress (Debian's, started by the ``wordpress`` fixture).

What a writer would check on their blog after ``reviewdesk publish``: the
post's headings, figures and captions, the Series Information table, the
featured image, excerpt, slug and status, read back through WordPress's own
REST API; and that publishing again changes that post and no other.
"""

from __future__ import annotations

import urllib.request

from clients.html_outline import outline
from reviewdesk.review.template import load_template
from samples import metallic_rouge as mr

COVER = "images/metallic-rouge-cover.jpg"


def publish(cli, slug, *more):
    ran = cli("publish", slug, "--to", "wordpress", "--json", *more)
    assert ran.code == 0, ran.err
    return ran.json()


def with_cover(library, review):
    review.cover = COVER
    library.save(review)
    return review


def fetch_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read()


def test_the_seed_review_lands_as_a_draft_with_its_images_table_excerpt_and_cover(seed, library, library_dir,
                                                                                   wp_account, cli):
    wordpress = wp_account
    with_cover(library, seed)
    media_before = {m["id"] for m in wordpress.media()}

    sent = publish(cli, seed.slug)

    post = wordpress.post(sent["id"])
    assert sent["created"] is True and sent["url"] == post["link"]
    assert post["status"] == "draft"
    assert post["title"]["raw"] == mr.TITLE
    assert post["slug"] == mr.SLUG
    assert post["excerpt"]["raw"] == mr.TAGLINE
    page = outline(post["content"]["rendered"])
    template = load_template("anime-season")
    assert page.h2 == [q.heading for q in template.questions] + ["Series Information", "Other shows from Winter 2024"]
    assert page.figcaptions == [caption for _, _, caption in mr.IMAGES]
    sources = [src for src, _ in page.images]
    assert sources[0] == mr.IMAGES[0][1]  # on the web already: linked as it is
    for src, (_, local, _) in zip(sources[1:], mr.IMAGES[1:]):
        assert src.startswith(f"{wordpress.url}/wp-content/uploads/")
        assert fetch_bytes(src) == (library_dir / local).read_bytes()  # the blog serves the writer's file
    assert [row for row in page.rows if any(row)] == [[label, cell] for label, cell in mr.INFO_CELLS.items()]
    assert "Solo Leveling" in page.list_items
    # The featured image is the cover, uploaded with the screenshots and nothing else.
    featured = wordpress.api(f"/wp/v2/media/{post['featured_media']}")
    assert fetch_bytes(featured["source_url"]) == (library_dir / COVER).read_bytes()
    assert len({m["id"] for m in wordpress.media()} - media_before) == 3
    tags = {wordpress.api(f"/wp/v2/tags/{t}")["name"] for t in post["tags"]}
    assert tags == {"Action", "Science Fiction", "Mystery"}
    assert [wordpress.api(f"/wp/v2/categories/{c}")["name"] for c in post["categories"]] == ["Winter 2024"]
    # The draft remembers where it went, and is not marked published: nothing is live.
    again = library.load(seed.slug)
    record = again.published["wordpress"]
    assert (record.service, record.id, record.url, record.status, record.site) == (
        "wordpress", str(post["id"]), post["link"], "draft", wordpress.url)
    assert (again.status, again.url) == ("ready", "")


def test_a_second_publish_updates_the_same_post_and_uploads_nothing_again(seed, library, wp_account, cli):
    wordpress = wp_account
    first = publish(cli, seed.slug)
    media_after_first = len(wordpress.media())
    posts_after_first = len(wordpress.posts())
    review = library.load(seed.slug)
    review.set_answer("learned", "That a second draft is a better draft.")
    library.save(review)

    second = publish(cli, seed.slug)

    assert second["id"] == first["id"] and second["created"] is False
    assert second["uploaded"] == [] and len(second["reused"]) == 2
    assert len(wordpress.media()) == media_after_first
    assert len(wordpress.posts()) == posts_after_first
    post = wordpress.post(first["id"])
    assert "That a second draft is a better draft." in post["content"]["raw"]
    assert post["status"] == "draft"


def test_publish_live_then_a_draft_publish_keeps_it_live(seed, library, wp_account, cli):
    wordpress = wp_account
    live = publish(cli, seed.slug, "--status", "publish")
    assert wordpress.post(live["id"])["status"] == "publish" and live["live"] is True
    review = library.load(seed.slug)
    assert review.status == "published" and review.url == wordpress.post(live["id"])["link"]

    ran = cli("publish", seed.slug, "--to", "wordpress")

    assert ran.code == 0, ran.err
    assert wordpress.post(live["id"])["status"] == "publish"
    assert "stays live" in ran.err
    assert ran.out.strip() == wordpress.post(live["id"])["link"]


def test_nothing_goes_live_without_status_publish(seed, wp_account, cli):
    sent = publish(cli, seed.slug)
    assert wp_account.post(sent["id"])["status"] == "draft" and sent["live"] is False


def test_a_post_deleted_on_the_blog_is_reported_and_new_makes_another(seed, library, wp_account, cli):
    wordpress = wp_account
    first = publish(cli, seed.slug)
    status, _ = wordpress.call("DELETE", f"/wp/v2/posts/{first['id']}&force=true")
    assert status == 200
    count = len(wordpress.posts())

    ran = cli("publish", seed.slug, "--to", "wordpress")

    assert ran.code == 1
    assert "no longer on the blog" in ran.err and "--new" in ran.err
    assert len(wordpress.posts()) == count  # and nothing else was made
    again = publish(cli, seed.slug, "--new")
    assert again["created"] is True and again["id"] != first["id"]
    assert library.load(seed.slug).published["wordpress"].id == str(again["id"])


def test_a_post_in_the_blogs_trash_is_reported(seed, wp_account, cli):
    first = publish(cli, seed.slug)
    status, _ = wp_account.call("DELETE", f"/wp/v2/posts/{first['id']}")
    assert status == 200

    ran = cli("publish", seed.slug, "--to", "wordpress")

    assert ran.code == 1 and "in the blog's trash" in ran.err
    assert wp_account.post(first["id"])["status"] == "trash"


def test_a_wrong_password_names_the_account_and_what_to_fix(seed, wp_account, cli, monkeypatch):
    wrong = "abcd EFGH ijkl MNOP qrst UVWX"
    monkeypatch.setenv("REVIEWDESK_WORDPRESS_PASSWORD", wrong)
    count = len(wp_account.posts())

    ran = cli("publish", seed.slug, "--to", "wordpress")

    assert ran.code == 1
    assert "did not accept the WordPress account wordpress" in ran.err
    assert "REVIEWDESK_WORDPRESS_PASSWORD" in ran.err
    assert wrong not in ran.err and wrong not in ran.out
    assert len(wp_account.posts()) == count


def test_a_stored_account_with_a_revoked_password_is_told_how_to_add_it_again(seed, wordpress, cli, monkeypatch):
    for name in ("REVIEWDESK_WORDPRESS_URL", "REVIEWDESK_WORDPRESS_USER", "REVIEWDESK_WORDPRESS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    added = cli("accounts", "add", "wordpress", "--name", "myblog", "--site", wordpress.url, "--user", "admin",
                "--password-stdin", stdin="not the password at all\n")
    assert added.code == 0, added.err

    ran = cli("publish", seed.slug, "--to", "wordpress")

    assert ran.code == 1
    assert f"reviewdesk accounts add wordpress --name myblog --site {wordpress.url} --user admin" in ran.err
    assert "not the password at all" not in ran.err


def test_an_author_without_the_right_to_upload_is_refused_before_any_post(seed, wordpress, cli, monkeypatch):
    status, user = wordpress.call("POST", "/wp/v2/users", {
        "username": f"contributor{len(wordpress.posts())}x", "email": f"c{id(seed)}@example.com",
        "password": "a long password for a contributor", "roles": ["contributor"]})
    assert status == 201, user
    status, made = wordpress.call("POST", f"/wp/v2/users/{user['id']}/application-passwords", {"name": "rd"})
    assert status == 201, made
    monkeypatch.setenv("REVIEWDESK_WORDPRESS_URL", wordpress.url)
    monkeypatch.setenv("REVIEWDESK_WORDPRESS_USER", user["username"])
    monkeypatch.setenv("REVIEWDESK_WORDPRESS_PASSWORD", made["password"])
    count = len(wordpress.posts())

    ran = cli("publish", seed.slug, "--to", "wordpress")

    assert ran.code == 1
    assert "refused the WordPress account wordpress" in ran.err and "403" in ran.err
    assert "No post was created or changed" in ran.err
    assert len(wordpress.posts()) == count


def test_a_missing_image_stops_the_publish_before_anything_is_sent(seed, library_dir, wp_account, cli):
    (library_dir / mr.IMAGES[2][1]).unlink()
    media, posts = len(wp_account.media()), len(wp_account.posts())

    ran = cli("publish", seed.slug, "--to", "wordpress")

    assert ran.code == 1
    assert mr.IMAGES[2][1] in ran.err and "Who was your favourite character?" in ran.err
    assert "nothing was sent" in ran.err
    assert (len(wp_account.media()), len(wp_account.posts())) == (media, posts)


def test_a_dry_run_shows_the_post_and_images_and_sends_nothing(seed, library, wp_account, cli):
    with_cover(library, seed)
    media, posts = len(wp_account.media()), len(wp_account.posts())

    ran = cli("publish", seed.slug, "--to", "wordpress", "--dry-run")

    assert ran.code == 0, ran.err
    assert "nothing was sent" in ran.out
    for expected in (mr.TITLE, mr.SLUG, "Action, Science Fiction, Mystery", "Winter 2024", COVER,
                     mr.IMAGES[1][1], mr.IMAGES[2][1]):
        assert expected in ran.out
    assert (len(wp_account.media()), len(wp_account.posts())) == (media, posts)
    assert library.load(seed.slug).published == {}


def test_a_site_without_pretty_links_is_found_from_its_link_header(wordpress):
    """The fixture's WordPress has no pretty links: its API is only at ?rest_route=."""
    with urllib.request.urlopen(wordpress.url + "/", timeout=30) as answer:
        assert "?rest_route=/" in answer.headers["Link"]
    from reviewdesk.publish.blogs.accounts import Account
    from reviewdesk.publish.blogs.wordpress import WordPress

    with WordPress(Account("wordpress", "wordpress", wordpress.url, "admin", secret=wordpress.password)) as blog:
        blog.connect()
        assert "rest_route=/" in blog.root
        assert blog.url("wp/v2/posts").endswith("rest_route=/wp/v2/posts")


def test_the_command_as_a_writer_runs_it(seed, library_dir, config_dir, wordpress):
    """``reviewdesk publish`` in its own process: the address on standard output, the rest on standard error."""
    import os
    import subprocess
    import sys

    from blogs.wordpress_site import environment

    env = {**os.environ, **environment(wordpress), "REVIEWDESK_LIBRARY": str(library_dir),
           "REVIEWDESK_CONFIG_DIR": str(config_dir)}
    done = subprocess.run([sys.executable, "-m", "reviewdesk", "publish", seed.slug, "--to", "wordpress"],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)

    assert done.returncode == 0, done.stderr
    url = done.stdout.strip()
    assert url.startswith(wordpress.url + "/?p=")
    assert "created the post on WordPress (wordpress), draft; 2 images uploaded in" in done.stderr
    assert wordpress.post(url.rsplit("=", 1)[1])["status"] == "draft"


def test_a_cover_on_the_web_is_fetched_once_and_becomes_the_featured_image(seed, library, wp_account, cli):
    wordpress = wp_account
    cover = f"{wordpress.url}/wp-admin/images/wordpress-logo.png"  # any image on the web; here, WordPress's own
    seed.cover = cover
    library.save(seed)

    first = publish(cli, seed.slug)
    second = publish(cli, seed.slug)

    featured = wordpress.api(f"/wp/v2/media/{wordpress.post(first['id'])['featured_media']}")
    assert fetch_bytes(featured["source_url"]) == fetch_bytes(cover)
    assert cover in first["uploaded"] and cover in second["reused"]
    assert wordpress.post(second["id"])["featured_media"] == featured["id"]
