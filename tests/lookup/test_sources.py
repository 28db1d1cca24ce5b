"""Each source against its recorded answers: the candidates a writer picks
from, and the values an entry fills, in the seed post's style."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest

from lookup.web import recorded, recorded_json, requests_to, serve
from reviewdesk.config.settings import LookupDefaults
from reviewdesk.errors import LookupFailed, MissingKey
from reviewdesk.lookup.sources import Lookup


def anilist_page(*media) -> bytes:
    """AniList answers a Page query with its media in data.Page.media, each
    in the Media query's shape. No Page answer was recorded, so the recorded
    Media record goes into that envelope here."""
    return json.dumps({"data": {"Page": {"media": list(media)}}}).encode()


# Jikan ------------------------------------------------------------------------

def test_jikan_lists_every_result_with_year_kind_and_episodes(web):
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"), query_string={"q": "naruto", "limit": "10"})
    with Lookup("jikan") as lookup:
        found = lookup.search("naruto")
    assert len(found) == 10
    assert [c.id for c in found][:3] == [53240, 20, 32365]
    assert found[1].line() == "Naruto (2002) · TV · 220 episodes"
    assert found[0].line() == "Naruto: 20th Anniversary (2022) · Special · 1 episode"
    assert found[6].title == "Naruto Shippuden" and found[6].year == 2007


def test_jikan_fills_every_anime_field_in_the_seed_style(web):
    serve(web, "/jikan/v4/anime/457", recorded("jikan-anime.json"))
    with Lookup("jikan") as lookup:
        entry = lookup.entry(lookup.fetch(457))
    assert entry.values == {
        "english_title": "Mushi-Shi",
        "japanese_title": "蟲師",
        "medium": "Anime",
        "released": "Fall 2005",
        "episodes": 26,
        "animation_studios": ["Artland"],
        "genres": ["Adventure", "Fantasy", "Mystery", "Slice of Life", "Supernatural"],
        "demographic": "Seinen",
    }
    assert entry.cover_url == "https://cdn.myanimelist.net/images/anime/2/73862l.jpg"
    assert entry.url == "https://myanimelist.net/anime/457/Mushishi"


def test_jikan_gives_the_romaji_title_when_the_writer_asks_for_it(web):
    serve(web, "/jikan/v4/anime/457", recorded("jikan-anime.json"))
    with Lookup("jikan", settings=LookupDefaults(japanese_title="romaji")) as lookup:
        entry = lookup.entry(lookup.fetch(457))
    assert entry.values["japanese_title"] == "Mushishi"


def test_jikan_leaves_an_empty_demographic_alone_and_dates_a_show_without_a_season(web):
    record = recorded_json("jikan-anime.json")
    record["data"]["demographics"] = []  # an original anime has none
    record["data"]["season"] = None  # a film or an OVA has no season: the aired date stands in
    record["data"]["year"] = None
    serve(web, "/jikan/v4/anime/457", json.dumps(record))
    with Lookup("jikan") as lookup:
        entry = lookup.entry(lookup.fetch(457))
    assert "demographic" not in entry.values
    assert entry.values["released"] == "23 October 2005"


# AniList ------------------------------------------------------------------------

def test_anilist_fills_the_main_studio_only_and_no_demographic(web):
    media = recorded_json("anilist-media.json")["data"]["Media"]
    serve(web, "/anilist", anilist_page(media), method="POST")
    with Lookup("anilist") as lookup:
        found = lookup.search("Fullmetal Alchemist Brotherhood")
        entry = lookup.entry(found[0])
    assert found[0].line() == "Fullmetal Alchemist: Brotherhood (2009) · TV · 64 episodes"
    assert entry.values == {
        "english_title": "Fullmetal Alchemist: Brotherhood",
        "japanese_title": "鋼の錬金術師 FULLMETAL ALCHEMIST",
        "medium": "Anime",
        "released": "Spring 2009",
        "episodes": 64,
        "animation_studios": ["bones"],  # not Aniplex, Square Enix, MBS...: producers
        "genres": ["Action", "Adventure", "Drama", "Fantasy"],
    }
    assert entry.cover_url.endswith("/large/bx5114-KJTQz9AIm6Wk.jpg")
    asked = json.loads(requests_to(web, "/anilist")[0].get_data())
    assert asked["variables"] == {"search": "Fullmetal Alchemist Brotherhood", "perPage": 10}
    assert "tags" not in asked["query"]


def test_anilist_spoiler_tags_never_reach_the_review(web):
    media = recorded_json("anilist-media.json")["data"]["Media"]
    spoilers = {tag["name"] for tag in media["tags"] if tag["isMediaSpoiler"]}
    assert spoilers, "the recording has spoiler tags"
    serve(web, "/anilist", anilist_page(media), method="POST")
    with Lookup("anilist") as lookup:
        entry = lookup.entry(lookup.search("fma")[0])
    shown = json.dumps(entry.values, ensure_ascii=False)
    assert not [name for name in spoilers if name in shown]


def test_anilist_refreshes_an_entry_by_its_id(web):
    serve(web, "/anilist", recorded("anilist-media.json"), method="POST")
    with Lookup("anilist") as lookup:
        found = lookup.fetch(5114)
    assert (found.id, found.title) == (5114, "Fullmetal Alchemist: Brotherhood")
    asked = json.loads(requests_to(web, "/anilist")[0].get_data())
    assert asked["variables"] == {"id": 5114} and "Media(id: $id" in asked["query"]


def test_anilist_says_when_its_api_is_switched_off(web):
    serve(web, "/anilist", recorded("anilist-error-403-disabled-doc.json"), method="POST", status=403)
    with Lookup("anilist") as lookup, pytest.raises(LookupFailed) as failed:
        lookup.search("fma")
    assert str(failed.value).startswith("AniList refused the request (HTTP 403: The AniList API has been "
                                        "temporarily disabled")


# TMDB ---------------------------------------------------------------------------

def test_tmdb_reads_a_film_from_its_details_and_credits(web, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_TMDB_TOKEN", "tmdb-read-token")
    serve(web, "/tmdb/3/movie/550", recorded("tmdb-movie.json"))
    serve(web, "/tmdb/3/movie/550/credits", recorded("tmdb-movie-credits.json"))
    with Lookup("tmdb") as lookup:
        entry = lookup.entry(lookup.fetch(550))
    assert entry.values == {
        "title": "Fight Club",
        "released": "15 October 1999",
        "year": 1999,
        "runtime": "139 min",
        "genres": ["Drama"],
        "studios": ["Fox 2000 Pictures", "Regency Enterprises", "The Linson Company", "20th Century Fox",
                    "Taurus Film"],
        "director": ["David Fincher"],
    }, "the original title is the title: left out"
    assert entry.cover_url.endswith("/tmdb-images/t/p/w780/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg")
    sent = requests_to(web, "/tmdb/3")
    assert [r.headers["Authorization"] for r in sent] == ["Bearer tmdb-read-token"] * 2
    assert not [r for r in sent if "tmdb-read-token" in r.url], "the token is never in an address"


def test_tmdb_lists_films_from_a_search(web, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_TMDB_TOKEN", "tmdb-read-token")
    serve(web, "/tmdb/3/search/movie", recorded("tmdb-search-movie.json"))
    with Lookup("tmdb") as lookup:
        found = lookup.search("RRRrrrr")
    assert [c.line() for c in found] == ["RRRrrrr!!! (2004) · film"]
    assert parse_qs(requests_to(web, "/tmdb/3")[0].query_string.decode())["query"] == ["RRRrrrr"]


def test_tmdb_without_a_token_says_where_to_get_one_and_where_to_put_it(web, config_dir):
    with Lookup("tmdb") as lookup, pytest.raises(MissingKey) as failed:
        lookup.search("Fight Club")
    message = str(failed.value)
    assert "https://www.themoviedb.org/settings/api" in message
    assert str(config_dir / "settings.toml") in message and "tmdb_token" in message
    assert "REVIEWDESK_TMDB_TOKEN" in message
    assert web.log == [], "nothing was sent"


def test_tmdb_reads_its_token_from_the_settings(web, config_dir):
    (config_dir / "settings.toml").write_text('[lookup]\ntmdb_token = "from-settings"\n')
    serve(web, "/tmdb/3/search/movie", recorded("tmdb-search-movie.json"))
    with Lookup("tmdb") as lookup:
        lookup.search("RRRrrrr")
    assert requests_to(web, "/tmdb/3")[0].headers["Authorization"] == "Bearer from-settings"


# Open Library -------------------------------------------------------------------

def test_open_library_fills_title_author_year_publisher_and_subjects(web):
    serve(web, "/openlibrary/search.json", recorded("openlibrary-search.json"))
    with Lookup("openlibrary") as lookup:
        found = lookup.search("This Is How You Lose the Time War")
        entry = lookup.entry(found[0])
    assert [c.line() for c in found] == [
        "This Is How You Lose the Time War (2019) · book · by Amal El-Mohtar, Max Gladstone",
        "This is How You Lose the Time War · book · by Amal El-Mohtar, Max Gladstone"]
    assert entry.id == "OL20639540W"
    assert entry.values == {
        "title": "This Is How You Lose the Time War",
        "author": ["Amal El-Mohtar", "Max Gladstone"],
        "published": "2019",
        "publisher": "Simon and Schuster",
        "genres": ["Epistolary", "Science Fiction", "Time-traveling", "LGBT"],
    }
    assert lookup.entry(found[1]).cover_url.endswith("/covers/b/id/8665647-L.jpg")


def test_open_library_finds_a_stored_work_by_its_key(web):
    serve(web, "/openlibrary/search.json", recorded("openlibrary-search.json"))
    with Lookup("openlibrary") as lookup:
        lookup.fetch("OL20639540W")
    asked = parse_qs(requests_to(web, "/openlibrary")[0].query_string.decode())
    assert asked["q"] == ['key:"/works/OL20639540W"'] and asked["limit"] == ["1"]


# IGDB ---------------------------------------------------------------------------

@pytest.fixture
def igdb_keys(monkeypatch):
    monkeypatch.setenv("REVIEWDESK_IGDB_CLIENT_ID", "twitch-client-id")
    monkeypatch.setenv("REVIEWDESK_IGDB_CLIENT_SECRET", "twitch-client-secret")


def test_igdb_signs_in_through_twitch_then_lists_games(web, igdb_keys):
    serve(web, "/twitch/oauth2/token", recorded("twitch-token.json"), method="POST")
    serve(web, "/igdb/v4/games", recorded("igdb-games-search.json"), method="POST")
    with Lookup("igdb") as lookup:
        found = lookup.search('Paper "Mario"')
        again = lookup.search('Paper "Mario"')
    assert len(found) == 10 and found == again
    assert found[0].line() == "Paper Mario (2000) · game · Nintendo 64, Wii, Wii U"
    token, games = requests_to(web, "/twitch"), requests_to(web, "/igdb")
    assert len(token) == 1 and len(games) == 1, "the token is kept, the second search cached"
    assert parse_qs(token[0].get_data(as_text=True)) == {
        "client_id": ["twitch-client-id"], "client_secret": ["twitch-client-secret"],
        "grant_type": ["client_credentials"]}
    assert "twitch-client-secret" not in token[0].url
    assert games[0].headers["Client-ID"] == "twitch-client-id"
    assert games[0].headers["Authorization"] == "Bearer " + "x" * 30  # the recorded (redacted) token
    assert games[0].get_data(as_text=True).startswith('search "Paper \\"Mario\\""; fields name,')


def test_igdb_fills_what_the_game_says_and_guesses_no_developer(web, igdb_keys):
    serve(web, "/twitch/oauth2/token", recorded("twitch-token.json"), method="POST")
    serve(web, "/igdb/v4/games", recorded("igdb-games.json"), method="POST")
    with Lookup("igdb") as lookup:
        entry = lookup.entry(lookup.fetch(3340))
    assert entry.values == {
        "title": "Paper Mario",
        "released": "11 August 2000",
        "platforms": ["Wii", "Nintendo 64", "Wii U"],
        "genres": ["Role-playing (RPG)", "Turn-based strategy (TBS)", "Adventure"],
    }, "the recording has no developer/publisher flags, so neither field is filled"
    assert entry.cover_url.endswith("/igdb-images/t_cover_big/co1qda.jpg")
    assert requests_to(web, "/igdb")[0].get_data(as_text=True).endswith("where id = 3340;")


def test_igdb_takes_developers_and_publishers_from_their_flags(web, igdb_keys):
    games = recorded_json("igdb-games.json")
    companies = games[0]["involved_companies"]
    # The recording did not ask for the flags; they are set here as IGDB sends them.
    companies[0].update(developer=False, publisher=True)  # Nintendo
    companies[3].update(developer=True, publisher=False)  # Intelligent Systems
    serve(web, "/twitch/oauth2/token", recorded("twitch-token.json"), method="POST")
    serve(web, "/igdb/v4/games", json.dumps(games), method="POST")
    with Lookup("igdb") as lookup:
        entry = lookup.entry(lookup.fetch(3340))
    assert entry.values["developer"] == ["Intelligent Systems"]
    assert entry.values["publisher"] == ["Nintendo"]


def test_igdb_with_nothing_found_lists_nothing(web, igdb_keys):
    serve(web, "/twitch/oauth2/token", recorded("twitch-token.json"), method="POST")
    serve(web, "/igdb/v4/games", recorded("igdb-games-search-empty.json"), method="POST")
    with Lookup("igdb") as lookup:
        assert lookup.search("Not a real game title") == []


def test_igdb_refusing_the_token_names_the_keys_to_check(web, igdb_keys):
    serve(web, "/twitch/oauth2/token", recorded("twitch-token.json"), method="POST")
    serve(web, "/igdb/v4/games", recorded("igdb-error-401.json"), method="POST", status=401)
    with Lookup("igdb") as lookup, pytest.raises(LookupFailed) as failed:
        lookup.search("Paper Mario")
    message = str(failed.value)
    assert message.startswith("IGDB refused the request (HTTP 401): the Twitch app access token was refused")
    assert "igdb_client_id" in message and "twitch-client-secret" not in message


def test_igdb_without_keys_says_where_to_register(web):
    with Lookup("igdb") as lookup, pytest.raises(MissingKey) as failed:
        lookup.search("Paper Mario")
    assert "https://dev.twitch.tv/console/apps" in str(failed.value)
    assert "REVIEWDESK_IGDB_CLIENT_SECRET" in str(failed.value)
    assert web.log == []
