"""What a writer sees when the blog says no, is slow, or is not there.

One clear message, exit status 1, and nothing half done: a failed upload
creates or changes no post, and the publish run again reuses the images
already uploaded. Run against the local Ghost stand-in, whose answers can be
made to fail (blog_servers), and against addresses where nothing answers.
"""

from __future__ import annotations

import threading

from blogs.blog_servers import GHOST_ADMIN_KEY
from blogs.wordpress_site import free_port


def test_an_upload_refused_as_too_large_creates_no_post_and_a_retry_reuses_the_first_image(seed, library, ghost,
                                                                                          cli):
    # The first screenshot goes up; the second is refused.
    ghost.fail("POST", "/ghost/api/admin/images/upload/", 413, {"errors": [{"message": "Request entity too large"}]},
               after=1)

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1
    assert "too large while uploading metallic-rouge-episode-7-naomi-orthmann.jpg" in ran.err
    assert "No post was created or changed; the 1 image uploaded is remembered" in ran.err
    assert ghost.posts == {} and len(ghost.images) == 1
    assert library.load(seed.slug).published == {}

    again = cli("publish", seed.slug, "--to", "ghost", "--json")

    assert again.code == 0, again.err
    assert again.json()["reused"] == ["images/metallic-rouge-episode-4-rouge-redstar.jpg"]
    assert [name for name, _ in ghost.images] == ["metallic-rouge-episode-4-rouge-redstar.jpg",
                                                  "metallic-rouge-episode-7-naomi-orthmann.jpg"]
    assert len(ghost.posts) == 1


def test_a_server_error_on_the_post_is_one_message_and_no_record(seed, library, ghost, cli):
    ghost.fail("POST", "/ghost/api/admin/posts/", 503, {"errors": [{"message": "Service Unavailable"}]})

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1
    errors = [line for line in ran.err.splitlines() if not line.startswith("[")]  # not the progress lines
    assert len(errors) == 1 and errors[0].startswith("reviewdesk: ")
    assert "failed while creating the post (503 Service Unavailable" in ran.err
    assert "a fault on the server; try again later" in ran.err
    assert library.load(seed.slug).published == {}


def test_a_blog_that_does_not_answer_in_time_stops_before_the_post(seed, ghost, cli, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_PUBLISH_TIMEOUT", "0.3")
    # Answers normally, too late: only once the test is over.
    ghost.fail("POST", "/ghost/api/admin/images/upload/", 0, until=threading.Event())

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1
    assert "did not answer within 0.3 s while uploading" in ran.err and "REVIEWDESK_PUBLISH_TIMEOUT" in ran.err
    assert "No post was created or changed" in ran.err
    assert ghost.posts == {}


def test_a_post_sent_but_unanswered_says_the_blog_may_have_it(seed, ghost, cli, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_PUBLISH_TIMEOUT", "0.3")
    ghost.fail("POST", "/ghost/api/admin/posts/", 0, until=threading.Event())  # too late, likewise

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1 and "may have the post anyway" in ran.err


def test_a_tls_failure_is_named(seed, ghost, cli, monkeypatch):
    # The stand-in speaks plain HTTP: a TLS handshake with it fails.
    monkeypatch.setenv("REVIEWDESK_GHOST_URL", ghost.url.replace("http://", "https://"))

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1 and "a secure connection (TLS)" in ran.err and "http://" in ran.err
    assert ghost.posts == {}


def test_nothing_listening_is_named(seed, cli, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_GHOST_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("REVIEWDESK_GHOST_ADMIN_KEY", GHOST_ADMIN_KEY)

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1 and "could not connect to 127.0.0.1" in ran.err and "check the address" in ran.err


def test_an_address_without_wordpress_says_so(seed, micropub, cli, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_WORDPRESS_URL", micropub.url)
    monkeypatch.setenv("REVIEWDESK_WORDPRESS_USER", "admin")
    monkeypatch.setenv("REVIEWDESK_WORDPRESS_PASSWORD", "abcd efgh ijkl mnop")

    ran = cli("publish", seed.slug, "--to", "wordpress")

    assert ran.code == 1 and f"{micropub.url} has no WordPress REST API" in ran.err


def test_a_file_that_is_not_a_picture_is_never_uploaded(seed, library, ghost, cli, tmp_path):
    # An imported draft can name any file on disk as an image: a private key, say.
    private = tmp_path / "id_ed25519"
    private.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n")
    with library.edit(seed.slug) as review:
        review.add_image("favourite_moment", str(private), "A caption")

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1
    assert "nothing was sent: only JPEG, PNG, GIF, WebP or AVIF images are uploaded" in ran.err
    assert str(private) in ran.err and "What was your favourite moment?" in ran.err
    assert ghost.images == [] and ghost.posts == {}
    assert library.load(seed.slug).published == {}
