"""``reviewdesk lookup``: candidates without --pick, a fill field by field
with it, the cover, the stored entry refreshed, and bad answers as one line
with the draft untouched."""

from __future__ import annotations

import json

import pytest

from lookup.web import recorded, recorded_json, requests_to, serve
from reviewdesk.review.library import Library


@pytest.fixture
def draft(library):
    return library.create("Mushishi (Season One)", season="Fall 2005").slug


@pytest.fixture
def mushishi(web):
    """Jikan answers a search with the recorded Mushishi entry (its search
    shape is the entry's), and the entry by its id."""
    entry = recorded_json("jikan-anime.json")["data"]
    serve(web, "/jikan/v4/anime", json.dumps({"pagination": recorded_json("jikan-anime-search.json")["pagination"],
                                              "data": [entry]}))
    serve(web, "/jikan/v4/anime/457", recorded("jikan-anime.json"))
    return web


def on_disk(library_dir, slug) -> bytes:
    return (library_dir / f"{slug}.toml").read_bytes()


def test_without_pick_it_lists_the_candidates_and_changes_nothing(cli, web, draft, library_dir):
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"), query_string={"q": "naruto", "limit": "10"})
    before = on_disk(library_dir, draft)
    result = cli("lookup", draft, "naruto")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 10
    assert lines[1] == " 2  Naruto (2002) · TV · 220 episodes"
    assert "reviewdesk lookup mushishi-season-one naruto --pick N" in result.err
    assert on_disk(library_dir, draft) == before


def test_the_query_defaults_to_the_title_without_its_season(cli, mushishi, draft):
    result = cli("lookup", draft)
    assert result.out == "1  Mushi-Shi (2005) · TV · 26 episodes\n"
    assert "for 'Mushishi'" in result.err
    assert requests_to(mushishi, "/jikan")[0].args["q"] == "Mushishi"


def test_pick_fills_the_fields_and_says_what_it_did(cli, mushishi, draft, library_dir, library):
    review = library.load(draft)
    review.info["medium"] = "TV series"  # the writer's own
    library.save(review)
    result = cli("lookup", draft, "--pick", "1")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Mushi-Shi: Jikan (MyAnimeList) 457 https://myanimelist.net/anime/457/Mushishi",
        "  filled     English Title      Mushi-Shi",
        "  filled     Japanese Title     蟲師",
        "  kept       Medium             TV series   (Jikan (MyAnimeList): Anime)",
        "  filled     Released           Fall 2005",
        "  filled     Episodes           26",
        "  filled     Animation Studios  Artland",
        "  filled     Genres             Adventure, Fantasy, Mystery, Slice of Life, Supernatural",
        "  filled     Demographic        Seinen",
    ]
    assert result.err == "1 field kept as you wrote it; --force takes the source's value\n"
    review = Library(library_dir).load(draft)
    assert review.info["medium"] == "TV series" and review.info["episodes"] == 26
    assert review.lookup == {"source": "jikan", "id": 457}
    assert "[lookup]" in on_disk(library_dir, draft).decode()


def test_force_takes_the_source_value(cli, mushishi, draft, library):
    review = library.load(draft)
    review.info["medium"] = "TV series"
    library.save(review)
    assert cli("lookup", draft, "--pick", "1", "--force").code == 0
    assert library.load(draft).info["medium"] == "Anime"


def test_a_later_lookup_refreshes_the_stored_entry(cli, mushishi, draft, library):
    cli("lookup", draft, "--pick", "1")
    searches = len(requests_to(mushishi, "/jikan/v4/anime"))
    listed = cli("lookup", draft)
    assert listed.out == "1  Mushi-Shi (2005) · TV · 26 episodes\n"
    assert "Jikan (MyAnimeList) 457 (stored in the draft)" in listed.err
    assert cli("lookup", draft, "--pick", "1").code == 0
    paths = [r.path for r in requests_to(mushishi, "/jikan")]
    assert paths[searches:] == ["/jikan/v4/anime/457"], "fetched once by its id, then from the cache"


def test_json_prints_the_candidates_and_the_result(cli, mushishi, draft):
    listed = json.loads(cli("lookup", draft, "--json").out)
    assert listed["query"] == "Mushishi"
    assert listed["candidates"] == [{"number": 1, "source": "jikan", "id": 457, "title": "Mushi-Shi",
                                     "year": 2005, "kind": "TV", "detail": "26 episodes"}]
    filled = json.loads(cli("lookup", draft, "--pick", "1", "--json").out)
    assert filled["id"] == 457 and filled["applied"][0] == "english_title"
    assert {"field": "japanese_title", "label": "Japanese Title", "status": "filled", "before": "",
            "source": "蟲師"} in filled["fields"]


def test_cover_saves_the_image_into_the_library(cli, web, draft, library_dir):
    entry = recorded_json("jikan-anime.json")
    # The recorded cover lives on MyAnimeList's CDN; here it is on the local server.
    entry["data"]["images"]["jpg"]["large_image_url"] = web.url_for("/cdn/73862l.jpg")
    serve(web, "/jikan/v4/anime", json.dumps({"data": [entry["data"]]}))
    serve(web, "/cdn/73862l.jpg", recorded("cover.jpg"), content_type="image/jpeg")
    result = cli("lookup", draft, "--pick", "1", "--cover")
    assert result.code == 0, result.err
    assert "  filled     Cover              images/mushishi-season-one-cover.jpg" in result.out.splitlines()
    assert (library_dir / "images" / "mushishi-season-one-cover.jpg").read_bytes() == recorded("cover.jpg")
    assert Library(library_dir).load(draft).cover == "images/mushishi-season-one-cover.jpg"


@pytest.mark.parametrize("body, kind, said", [
    ("cover.png", "image/jpeg", "is not the JPG image it claims to be"),
    ("jikan-error-404.json", "application/json", "is not a JPEG, PNG, WebP or GIF image (application/json)"),
])
def test_a_cover_that_is_not_an_image_leaves_the_draft_untouched(cli, web, draft, library_dir, body, kind, said):
    entry = recorded_json("jikan-anime.json")
    entry["data"]["images"]["jpg"]["large_image_url"] = web.url_for("/cdn/73862l.jpg")
    serve(web, "/jikan/v4/anime", json.dumps({"data": [entry["data"]]}))
    serve(web, "/cdn/73862l.jpg", recorded(body), content_type=kind)
    before = on_disk(library_dir, draft)
    result = cli("lookup", draft, "--pick", "1", "--cover")
    result.assert_one_clean_error_line(said, "the review was not changed")
    assert on_disk(library_dir, draft) == before
    assert not (library_dir / "images").exists()


def test_a_cover_too_large_is_refused(cli, web, draft, library_dir, monkeypatch):
    from reviewdesk.lookup import cover

    monkeypatch.setattr(cover, "MAX_BYTES", 100)
    entry = recorded_json("jikan-anime.json")
    entry["data"]["images"]["jpg"]["large_image_url"] = web.url_for("/cdn/73862l.jpg")
    serve(web, "/jikan/v4/anime", json.dumps({"data": [entry["data"]]}))
    serve(web, "/cdn/73862l.jpg", recorded("cover.jpg"), content_type="image/jpeg")
    before = on_disk(library_dir, draft)
    cli("lookup", draft, "--pick", "1", "--cover").assert_one_clean_error_line("sent more than")
    assert on_disk(library_dir, draft) == before


def test_a_bad_answer_is_one_line_and_the_draft_is_untouched(cli, web, draft, library_dir):
    answer = recorded_json("jikan-anime.json")
    del answer["data"]["mal_id"]  # the entry's id is missing
    serve(web, "/jikan/v4/anime", json.dumps({"data": [answer["data"]]}))
    before = on_disk(library_dir, draft)
    cli("lookup", draft, "--pick", "1").assert_one_clean_error_line("sent an entry without its 'mal_id'")
    assert on_disk(library_dir, draft) == before


def test_no_network_is_one_line_and_exit_1(cli, draft, library_dir, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_JIKAN_URL", "http://127.0.0.1:9/v4")
    before = on_disk(library_dir, draft)
    result = cli("lookup", draft, "--pick", "1")
    assert result.code == 1
    result.assert_one_clean_error_line("cannot connect to 127.0.0.1:9", "fill the fields by hand")
    assert on_disk(library_dir, draft) == before


def test_pick_past_the_candidates_says_how_many_there_are(cli, mushishi, draft):
    cli("lookup", draft, "--pick", "3").assert_one_clean_error_line("there is only 1 candidate; --pick 1 to 1")
    cli("lookup", draft, "--pick", "0").assert_one_clean_error_line("1 is the first")


def test_nothing_found_says_what_to_try(cli, web, library, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_IGDB_CLIENT_ID", "id")
    monkeypatch.setenv("REVIEWDESK_IGDB_CLIENT_SECRET", "secret")
    serve(web, "/twitch/oauth2/token", recorded("twitch-token.json"), method="POST")
    serve(web, "/igdb/v4/games", recorded("igdb-games-search-empty.json"), method="POST")
    slug = library.create("Not a real game title", template="game").slug
    result = cli("lookup", slug)
    assert result.code == 1
    result.assert_one_clean_error_line("IGDB found nothing for 'Not a real game title'; try another QUERY")


def test_the_source_defaults_by_template_and_a_missing_key_says_where(cli, library, config_dir):
    slug = library.create("Fight Club", template="film").slug
    line = cli("lookup", slug).assert_one_clean_error_line("TMDB needs your API read access token")
    assert str(config_dir / "settings.toml") in line


def test_source_chooses_another(cli, web, draft):
    media = recorded_json("anilist-media.json")["data"]["Media"]
    # No AniList Page answer was recorded: the recorded Media record in the Page envelope.
    serve(web, "/anilist", json.dumps({"data": {"Page": {"media": [media]}}}), method="POST")
    result = cli("lookup", draft, "FMA", "--source", "anilist")
    assert result.out == "1  Fullmetal Alchemist: Brotherhood (2009) · TV · 64 episodes\n"


def test_the_parser_knows_every_source():
    from reviewdesk.cli.lookup import SOURCES
    from reviewdesk.lookup.sources import NAMES

    assert SOURCES == NAMES


def test_text_from_the_web_cannot_drive_the_terminal(cli, web, draft, library):
    entry = recorded_json("jikan-anime.json")["data"]
    entry["title_english"] = "Mushi-Shi\x1b]52;c;aGk=\x07"  # an escape sequence in a title
    serve(web, "/jikan/v4/anime", json.dumps({"data": [entry]}))
    result = cli("lookup", draft)
    assert "\x1b" not in result.out and "Mushi-Shi␛]52;c;aGk=␇" in result.out
    filled = cli("lookup", draft, "--pick", "1")
    assert filled.code == 0 and "\x1b" not in filled.out
    from reviewdesk.review.text import has_controls

    stored = library.load(draft).info
    assert stored.get("english_title") == "Mushi-Shi]52;c;aGk="  # removed as it entered the draft
    assert not any(has_controls(str(v)) for v in stored.values())


def test_other_commands_do_not_load_httpx(library_dir):
    import os
    import subprocess
    import sys

    probe = ("import sys, reviewdesk.cli as cli\n"
             "cli.build_parser()\n"
             "cli.main(['list'])\n"
             "print('httpx' in sys.modules, 'reviewdesk.lookup.http' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, env=os.environ.copy(), timeout=60)
    assert result.stdout.decode().split()[-2:] == ["False", "False"], result.stderr.decode()


def test_a_film_that_is_gone_is_one_line_and_the_draft_is_untouched(cli, web, library, library_dir, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_TMDB_TOKEN", "tmdb-read-token")
    serve(web, "/tmdb/3/search/movie", recorded("tmdb-search-movie.json"))
    serve(web, "/tmdb/3/movie/21778", recorded("tmdb-error-404.json"), status=404)
    slug = library.create("RRRrrrr", template="film").slug
    before = on_disk(library_dir, slug)
    cli("lookup", slug, "--pick", "1").assert_one_clean_error_line("TMDB has no such entry (HTTP 404)")
    assert on_disk(library_dir, slug) == before
