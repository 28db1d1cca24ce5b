"""Publishing to Ghost, against the local Admin API stand-in (blog_servers.GhostServer).

No real Ghost checks these: Ghost cannot be installed here (see the report
on issue 20). What is checked is everything up to the wire: the token as
Ghost documents it, verified with PyJWT; the requests' paths, query and
bodies; and what Review Desk does with Ghost's answers.
"""

from __future__ import annotations

import jwt

from blogs.blog_servers import GHOST_KEY_ID, GHOST_SECRET
from clients.html_outline import outline
from reviewdesk.publish.blogs.ghost import token
from samples import metallic_rouge as mr


def publish(cli, slug, *more):
    ran = cli("publish", slug, "--to", "ghost", "--json", *more)
    assert ran.code == 0, ran.err
    return ran.json()


def test_the_token_is_signed_as_ghost_documents():
    made = token(f"{GHOST_KEY_ID}:{GHOST_SECRET}", now=1_700_000_000)
    header = jwt.get_unverified_header(made)
    assert header == {"alg": "HS256", "kid": GHOST_KEY_ID, "typ": "JWT"}
    claims = jwt.decode(made, bytes.fromhex(GHOST_SECRET), algorithms=["HS256"], audience="/admin/",
                        options={"verify_exp": False})
    assert claims == {"iat": 1_700_000_000, "exp": 1_700_000_300, "aud": "/admin/"}
    # Signed with the secret's bytes, not its hex text.
    try:
        jwt.decode(made, GHOST_SECRET, algorithms=["HS256"], audience="/admin/", options={"verify_exp": False})
    except jwt.InvalidSignatureError:
        pass
    else:
        raise AssertionError("the token verified with the hex text as the key")


def test_the_seed_review_becomes_a_draft_with_its_images_uploaded(seed, library, ghost, cli):
    seed.cover = "images/metallic-rouge-cover.jpg"
    library.save(seed)

    sent = publish(cli, seed.slug)

    post = ghost.posts[sent["id"]]
    assert post["status"] == "draft" and sent["live"] is False
    assert (post["title"], post["slug"]) == (mr.TITLE, mr.SLUG)
    # The tagline is 304 characters; Ghost takes 300: cut at a word, marked.
    excerpt = post["custom_excerpt"]
    assert len(excerpt) <= 300 and excerpt.endswith("…") and mr.TAGLINE.startswith(excerpt[:-1] + " ")
    assert [t["name"] for t in post["tags"]] == ["Action", "Science Fiction", "Mystery", "Winter 2024"]
    assert post["feature_image"] == f"{ghost.url}/content/images/2024/04/metallic-rouge-cover.jpg"
    page = outline(post["html"])
    assert page.figcaptions == [caption for _, _, caption in mr.IMAGES]
    assert [src for src, _ in page.images][1:] == [f"{ghost.url}/content/images/2024/04/{local.split('/')[-1]}"
                                                    for _, local, _ in mr.IMAGES[1:]]
    assert [name for name, _ in ghost.images] == ["metallic-rouge-cover.jpg",
                                                  "metallic-rouge-episode-4-rouge-redstar.jpg",
                                                  "metallic-rouge-episode-7-naomi-orthmann.jpg"]
    # Every request but /site/ carried a valid token; posts went with ?source=html and Accept-Version.
    created = ghost.requests("POST", "/ghost/api/admin/posts/")
    assert len(created) == 1 and created[0].query == {"source": ["html"]}
    assert created[0].headers["Accept-Version"] == "v5.0"
    assert ghost.tokens and all(t["claims"]["aud"] == "/admin/" for t in ghost.tokens)
    record = library.load(seed.slug).published["ghost"]
    assert (record.service, record.id, record.url, record.status) == ("ghost", sent["id"], post["url"], "draft")


def test_a_second_publish_updates_the_post_with_its_updated_at(seed, library, ghost, cli):
    first = publish(cli, seed.slug)
    seen_at = ghost.posts[first["id"]]["updated_at"]
    review = library.load(seed.slug)
    review.set_answer("more", "Yes, please.")
    library.save(review)

    second = publish(cli, seed.slug)

    assert second["id"] == first["id"] and len(ghost.posts) == 1
    put = ghost.requests("PUT", f"/ghost/api/admin/posts/{first['id']}/")
    assert len(put) == 1 and put[0].json()["posts"][0]["updated_at"] == seen_at
    assert put[0].query == {"source": ["html"]}
    assert "Yes, please." in ghost.posts[first["id"]]["html"]
    assert len(ghost.images) == 2  # the screenshots, once


def test_publish_live_then_a_draft_publish_keeps_it_live(seed, library, ghost, cli):
    live = publish(cli, seed.slug, "--status", "publish")
    assert ghost.posts[live["id"]]["status"] == "published"
    assert library.load(seed.slug).url == f"{ghost.url}/{mr.SLUG}/"

    again = cli("publish", seed.slug, "--to", "ghost")

    assert again.code == 0, again.err
    assert ghost.posts[live["id"]]["status"] == "published"
    assert "status" not in ghost.requests("PUT", "/ghost/api/admin/posts/")[0].json()["posts"][0]
    assert "stays live" in again.err


def test_a_post_deleted_on_ghost_is_reported(seed, ghost, cli):
    first = publish(cli, seed.slug)
    del ghost.posts[first["id"]]

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1 and "no longer on the blog" in ran.err and "--new" in ran.err
    assert ghost.posts == {}


def test_a_wrong_key_names_the_account_and_never_shows_the_key(seed, ghost, cli, monkeypatch):
    wrong = f"{GHOST_KEY_ID}:{'1' * 64}"
    monkeypatch.setenv("REVIEWDESK_GHOST_ADMIN_KEY", wrong)

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1
    assert "did not accept the Ghost account ghost" in ran.err and "REVIEWDESK_GHOST_ADMIN_KEY" in ran.err
    assert "1" * 64 not in ran.err
    assert ghost.images == [] and ghost.posts == {}


def test_an_address_that_is_not_ghost_says_so(seed, micropub, cli, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_GHOST_URL", micropub.url)
    monkeypatch.setenv("REVIEWDESK_GHOST_ADMIN_KEY", f"{GHOST_KEY_ID}:{GHOST_SECRET}")

    ran = cli("publish", seed.slug, "--to", "ghost")

    assert ran.code == 1 and f"{micropub.url} has no Ghost Admin API" in ran.err
