"""Publishing over Micropub, against the local stand-in (blog_servers.MicropubServer).

No real Micropub server checks these: the stand-in implements the endpoints
of the W3C recommendation that Review Desk uses (discovery, q=config, the
media endpoint, create, update, q=source), as the spec describes them.
"""

from __future__ import annotations

from clients.html_outline import outline
from samples import metallic_rouge as mr


def publish(cli, slug, *more):
    ran = cli("publish", slug, "--to", "micropub", "--json", *more)
    assert ran.code == 0, ran.err
    return ran.json()


def test_the_seed_review_is_an_h_entry_draft_with_its_images_on_the_media_endpoint(seed, library, micropub, cli):
    seed.cover = "images/metallic-rouge-cover.jpg"
    library.save(seed)

    sent = publish(cli, seed.slug)

    props = micropub.posts[sent["url"]]
    assert props["name"] == [mr.TITLE] and props["mp-slug"] == [mr.SLUG]
    assert props["summary"] == [mr.TAGLINE]
    assert props["post-status"] == ["draft"]
    assert props["category"] == ["Action", "Science Fiction", "Mystery", "Winter 2024"]
    assert props["featured"] == [f"{micropub.url}/media/1-metallic-rouge-cover.jpg"]
    page = outline(props["content"][0]["html"])
    assert page.figcaptions == [caption for _, _, caption in mr.IMAGES]
    assert [src for src, _ in page.images][1:] == [f"{micropub.url}/media/2-metallic-rouge-episode-4-rouge-redstar.jpg",
                                                    f"{micropub.url}/media/3-metallic-rouge-episode-7-naomi-orthmann.jpg"]
    assert all(s.headers.get("Authorization") == f"Bearer {micropub.TOKEN}"
               for s in micropub.seen if s.path != "/")
    assert library.load(seed.slug).published["micropub"].id == sent["url"]


def test_the_endpoint_is_also_found_in_a_link_header(seed, micropub, cli):
    micropub.link_header = True
    sent = publish(cli, seed.slug)
    assert sent["url"] in micropub.posts


def test_a_second_publish_replaces_the_posts_properties(seed, library, micropub, cli):
    first = publish(cli, seed.slug)
    review = library.load(seed.slug)
    review.set_field("title", "Metallic Rouge (the whole season)")
    library.save(review)

    second = publish(cli, seed.slug)

    assert second["url"] == first["url"] and len(micropub.posts) == 1
    update = micropub.requests("POST", "/micropub")[-1].json()
    assert update["action"] == "update" and update["url"] == first["url"]
    assert micropub.posts[first["url"]]["name"] == ["Metallic Rouge (the whole season)"]
    assert len(micropub.files) == 2


def test_a_live_post_stays_live(seed, micropub, cli):
    live = publish(cli, seed.slug, "--status", "publish")
    assert micropub.posts[live["url"]]["post-status"] == ["published"]

    again = cli("publish", seed.slug, "--to", "micropub")

    assert again.code == 0, again.err
    assert micropub.posts[live["url"]]["post-status"] == ["published"]
    assert "stays live" in again.err


def test_a_server_without_a_media_endpoint_says_so_before_any_post(seed, micropub, cli):
    micropub.media = False

    ran = cli("publish", seed.slug, "--to", "micropub")

    assert ran.code == 1 and "has no media endpoint" in ran.err
    assert micropub.posts == {}


def test_a_site_that_names_no_endpoint_says_so(seed, ghost, cli, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_MICROPUB_URL", ghost.url)
    monkeypatch.setenv("REVIEWDESK_MICROPUB_TOKEN", "a-token-for-a-site-without-micropub")

    ran = cli("publish", seed.slug, "--to", "micropub")

    assert ran.code == 1 and "names no Micropub endpoint" in ran.err


def test_a_bad_token_names_the_account(seed, micropub, cli, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_MICROPUB_TOKEN", "an-old-token-long-revoked")

    ran = cli("publish", seed.slug, "--to", "micropub")

    assert ran.code == 1 and "did not accept the Micropub account micropub" in ran.err
    assert "REVIEWDESK_MICROPUB_TOKEN" in ran.err and "an-old-token-long-revoked" not in ran.err
