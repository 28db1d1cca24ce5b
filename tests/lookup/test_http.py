"""What goes wrong on the web, said in one line: no network, a name that
does not resolve, silence, 404, 5xx, an answer that is not JSON or lacks a
field, a 429 (waited out once, as Retry-After says); the limits kept; the
answers cached for a day."""

from __future__ import annotations

import json
import os
import socket
import time

import pytest
from pytest_httpserver.httpserver import HandlerType

from lookup.web import recorded, recorded_json, requests_to, serve
from reviewdesk.errors import Cancelled, LookupFailed, RateLimited
from reviewdesk.lookup import http
from reviewdesk.lookup.cache import Cache
from reviewdesk.lookup.http import Cancel, RateLimiter
from reviewdesk.lookup.sources import Lookup


class Sleeps(list):
    """Stands in for the waits: records each one and returns at once."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def search_naruto(**options):
    with Lookup("jikan", **options) as lookup:
        return lookup.search("naruto")


def a_closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_network_is_one_line_that_says_what_to_do(monkeypatch):
    monkeypatch.setenv("REVIEWDESK_JIKAN_URL", f"http://127.0.0.1:{a_closed_port()}/v4")
    with pytest.raises(LookupFailed) as failed:
        search_naruto()
    message = str(failed.value)
    assert message.startswith("cannot connect to 127.0.0.1:") and message.endswith(
        "check your connection, or fill the fields by hand")
    assert "\n" not in message


def test_a_name_that_does_not_resolve_says_so(monkeypatch):
    import httpx

    def no_dns(*args, **kwargs):  # what getaddrinfo raises without a network
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", no_dns)
    with pytest.raises(LookupFailed) as failed:
        search_naruto()
    assert str(failed.value) == ("cannot find api.jikan.moe (no network, or its name does not resolve): "
                                 "check your connection, or fill the fields by hand")


def test_a_server_that_never_answers_times_out(monkeypatch):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # connections wait in the backlog; nothing ever answers
    monkeypatch.setattr(http, "TIMEOUT", 0.3)
    monkeypatch.setenv("REVIEWDESK_JIKAN_URL", f"http://127.0.0.1:{silent.getsockname()[1]}/v4")
    try:
        with pytest.raises(LookupFailed) as failed:
            search_naruto()
    finally:
        silent.close()
    assert "did not answer within 0.3 s; try again later" in str(failed.value)


def test_a_404_says_there_is_no_such_entry(web):
    serve(web, "/jikan/v4/anime/457", recorded("jikan-error-404.json"), status=404)
    with Lookup("jikan") as lookup, pytest.raises(LookupFailed) as failed:
        lookup.fetch(457)
    assert str(failed.value) == "Jikan (MyAnimeList) has no such entry (HTTP 404)"


def test_a_5xx_says_to_try_later(web):
    serve(web, "/jikan/v4/anime", b"", status=503, content_type="text/html")
    with pytest.raises(LookupFailed) as failed:
        search_naruto()
    assert str(failed.value) == ("Jikan (MyAnimeList) is not answering properly (HTTP 503); try again later, "
                                 "or fill the fields by hand")


def test_an_answer_cut_short_is_not_json(web):
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json")[:4000])  # the recording, cut
    with pytest.raises(LookupFailed) as failed:
        search_naruto()
    assert str(failed.value).startswith("Jikan (MyAnimeList) sent an answer that is not JSON")


@pytest.mark.parametrize("damage", ["no data", "no title", "studios not a list"])
def test_an_answer_missing_a_field_is_refused_whole(web, damage):
    answer = recorded_json("jikan-anime.json")
    if damage == "no data":
        del answer["data"]
    elif damage == "no title":
        del answer["data"]["title"]
    else:
        answer["data"]["studios"] = "Artland"
    serve(web, "/jikan/v4/anime/457", json.dumps(answer))
    with Lookup("jikan") as lookup, pytest.raises(LookupFailed) as failed:
        lookup.entry(lookup.fetch(457))
    assert str(failed.value).startswith("Jikan (MyAnimeList) sent an entry without ")
    assert str(failed.value).endswith("nothing was changed (try again later, or fill the fields by hand)")


def test_a_429_is_waited_out_once_as_retry_after_says(web):
    serve(web, "/jikan/v4/anime", recorded("jikan-error-429.json"), status=429, headers={"Retry-After": "2"},
          handler_type=HandlerType.ONESHOT)
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"))
    sleeps, notices = Sleeps(), []
    found = search_naruto(sleep=sleeps, notice=notices.append)
    assert len(found) == 10
    assert sleeps == [2.0]
    assert notices == ["Jikan (MyAnimeList) asks to slow down: waiting 2 s"]


def test_a_second_429_says_when_to_try_again(web):
    serve(web, "/jikan/v4/anime", recorded("jikan-error-429.json"), status=429, headers={"Retry-After": "3"})
    sleeps = Sleeps()
    with pytest.raises(RateLimited) as failed:
        search_naruto(sleep=sleeps)
    assert str(failed.value) == "Jikan (MyAnimeList): rate limited, try again in 3 s"
    assert sleeps == [3.0] and len(requests_to(web, "/jikan")) == 2


def test_a_long_retry_after_is_not_waited_for(web):
    serve(web, "/anilist", recorded("anilist-error-429-doc.json"), method="POST", status=429,
          headers={"Retry-After": "120"})
    sleeps = Sleeps()
    with Lookup("anilist", sleep=sleeps) as lookup, pytest.raises(RateLimited) as failed:
        lookup.search("fma")
    assert str(failed.value) == "AniList: rate limited, try again in 120 s"
    assert sleeps == [] and len(requests_to(web, "/anilist")) == 1


def test_the_limits_hold_back_the_fourth_request_in_a_second():
    now = [100.0]
    limiter = RateLimiter(((1.0, 3), (60.0, 60)), clock=lambda: now[0])

    def sleep(seconds):
        now[0] += seconds

    sent = []
    for _ in range(5):
        limiter.acquire(sleep)
        sent.append(now[0])
    assert sent == [100.0, 100.0, 100.0, 101.0, 101.0]


def test_the_minute_limit_holds_after_sixty():
    now = [0.0]
    limiter = RateLimiter(((1.0, 3), (60.0, 60)), clock=lambda: now[0])
    for _ in range(60):
        now[0] += 0.5  # two a second: under the per-second limit
        assert limiter.reserve() == 0
    now[0] += 0.5
    assert limiter.reserve() == pytest.approx(30.0)  # the first of the sixty (at 0.5) leaves the window at 60.5


def test_jikan_searches_keep_to_three_a_second(web):
    from reviewdesk.lookup import jikan

    now = [0.0]
    http._limiters["jikan"] = RateLimiter(jikan.SERVICE.limits, clock=lambda: now[0])

    def sleep(seconds):
        now[0] += seconds
        sleeps.append(seconds)

    sleeps: list[float] = []
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"))
    for query in ("a", "b", "c", "d"):
        with Lookup("jikan", sleep=sleep) as lookup:
            lookup.search(query)
    assert jikan.SERVICE.limits == ((1.0, 3), (60.0, 60))
    assert sleeps == [1.0], "the fourth waited a second"
    assert len(requests_to(web, "/jikan")) == 4


def test_a_repeated_lookup_comes_from_the_cache_even_offline(web, monkeypatch):
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"))
    first = search_naruto()
    monkeypatch.setenv("REVIEWDESK_JIKAN_URL", f"http://127.0.0.1:{a_closed_port()}/v4")
    with pytest.raises(LookupFailed):
        search_naruto()  # another address is another request: not in the cache
    monkeypatch.setenv("REVIEWDESK_JIKAN_URL", web.url_for("/jikan/v4"))
    web.clear()  # the server answers nothing now
    assert search_naruto() == first


def test_a_cached_answer_is_asked_again_after_a_day(web, tmp_path):
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"))
    search_naruto()
    for kept in (tmp_path / "cache" / "lookup" / "jikan").iterdir():
        day_ago = time.time() - 24 * 60 * 60 - 5
        os.utime(kept, (day_ago, day_ago))
    search_naruto()
    assert len(requests_to(web, "/jikan")) == 2


def test_a_failed_answer_is_not_cached(web):
    serve(web, "/jikan/v4/anime", b"", status=503, handler_type=HandlerType.ONESHOT)
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"))
    with pytest.raises(LookupFailed):
        search_naruto()
    assert len(search_naruto()) == 10


def test_an_unwritable_cache_only_makes_lookups_slower(web, tmp_path):
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    assert len(search_naruto(cache=Cache(blocked / "lookup"))) == 10


def test_cancelling_ends_a_wait_at_once():
    cancel = Cancel()
    cancel.cancel()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        cancel.sleep(30)
    assert time.monotonic() - started < 5


def test_a_cancelled_lookup_sends_nothing(web):
    serve(web, "/jikan/v4/anime", recorded("jikan-anime-search.json"))
    cancel = Cancel()
    cancel.cancel()
    with pytest.raises(Cancelled):
        search_naruto(cancel=cancel)
    assert web.log == []


def test_a_bad_address_in_the_environment_is_named(monkeypatch):
    monkeypatch.setenv("REVIEWDESK_JIKAN_URL", "api.jikan.moe/v4")
    with pytest.raises(LookupFailed) as failed:
        search_naruto()
    assert str(failed.value) == "REVIEWDESK_JIKAN_URL must be a web address starting with https://, not 'api.jikan.moe/v4'"
