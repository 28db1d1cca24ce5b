"""Spelling, offline, for reviews full of names.

The dictionary is pyspellchecker's English word list (a word -> frequency
table, from ``SpellChecker(language="en")``), loaded once per process on first
use: 0.3-0.6 s, so nothing imports this module at start-up and the app can
call :func:`warm_up` from a worker. Lookups are a dict and a few rewrites:

- British spellings are accepted (the list is American): "colour",
  "favourite", "centre", "realise", "analyse", "defence", "marvellous";
- a reviewer's vocabulary the list lacks ("noir", "rewatch", "isekai",
  "gameplay", "runtime", "backstory") is built in;
- possessives ("Bones'", "Rouge's") and hyphenated words ("decades-old")
  are checked by their parts.

Which words are names (never flagged) is the caller's business: see
:mod:`reviewdesk.aids.checks`.
"""

from __future__ import annotations

import re
import threading

# A reviewer's words that the general list does not have. Lower case.
REVIEW_WORDS = frozenset("""
anime animes manga mangas manhwa manhwas manhua donghua isekai isekais shounen shonen seinen shoujo shojo
josei mecha moe tsundere yandere kuudere dandere waifu husbando chibi seiyuu seiyuus mangaka otaku sakuga
iyashikei ecchi yuri bl ova ovas ona onas cour cours webtoon webtoons vtuber vtubers kdrama kdramas
rewatch rewatched rewatching rewatches rewatchable rewatchability reread rereads rereading bingeable
bingeworthy fanservice worldbuilding worldbuilder showrunner showrunners showrunning playthrough
playthroughs roguelike roguelikes roguelite roguelites metroidvania metroidvanias soulslike soulslikes
gameplay cutscene cutscenes npc npcs dlc dlcs speedrun speedruns speedrunner speedrunning jrpg jrpgs rpg
rpgs mmo mmos mmorpg sidequest sidequests backstory backstories spoilery spoiler spoilers ebook ebooks
audiobook audiobooks runtime runtimes cgi cg noir neo romcom romcoms plotline plotlines storylines
fanbase fanbases fanfic fanfics headcanon headcanons noncanon retcon retcons retconned gacha grindy
hitbox hitboxes framerate framerates fps loadout loadouts metagame hypey indie indies amiibo
hardcover hardcovers paperbacks novellas duology duologies trilogy trilogies standalone standalones
protagonist protagonists antagonist antagonists deuteragonist worldbuild lore microtransactions
microtransaction multiplayer singleplayer coop co-op crossplay unlockable unlockables replayability
replayable postgame endgame autosave checkpoint checkpoints boss bosses minigame minigames
screentime onscreen offscreen voiceover voiceovers subtitled subbed dubbed fansub fansubs simulcast
simulcasts streamer streamers livestream livestreams
dreamt learnt spelt burnt leapt spoilt smelt
""".split())

# British -> American rewrites, tried on a word the list does not know.
_BRITISH = [
    (re.compile(r"our(?=s?$|ed$|ing$|ite|ful|less|able|ably|er|ers$|ism|ist|hood)"), "or"),
    (re.compile(r"tre(?=s?$|d$)"), "ter"),
    (re.compile(r"is(?=e$|es$|ed$|ing$|ation|ations$|er$|ers$|able$)"), "iz"),
    (re.compile(r"ys(?=e$|es$|ed$|ing$)"), "yz"),
    (re.compile(r"ence(?=s?$)"), "ense"),
    (re.compile(r"ll(?=ed$|ing$|er$|ers$|ous$|ously$|ery$)"), "l"),
    (re.compile(r"ogue(?=s?$)"), "og"),
    (re.compile(r"mme(?=s?$)"), "m"),
    (re.compile(r"^sc(?=ep)"), "sk"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe(?=[a-z])"), "e"),
]
_EXTRA_BRITISH = {"cheque": "check", "cheques": "checks", "jewellery": "jewelry", "pyjamas": "pajamas",
                  "aluminium": "aluminum", "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "tyre": "tire",
                  "tyres": "tires", "kerb": "curb", "grey": "gray", "plough": "plow", "mould": "mold",
                  "storey": "story", "storeys": "stories", "ageing": "aging", "judgement": "judgment"}

_lock = threading.Lock()
_words: dict[str, int] | None = None
_LETTERS = "abcdefghijklmnopqrstuvwxyz'"


def _load() -> dict[str, int]:
    """pyspellchecker's English frequency list (lower case), through its public API."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en").word_frequency.dictionary


def dictionary() -> dict[str, int]:
    global _words
    if _words is None:
        with _lock:
            if _words is None:
                _words = _load()
    return _words


def warm_up() -> None:
    """Load the dictionary now (e.g. in a worker thread, before the first check)."""
    dictionary()


def _british(word: str) -> list[str]:
    out = []
    if word in _EXTRA_BRITISH:
        out.append(_EXTRA_BRITISH[word])
    combined = word
    for pattern, repl in _BRITISH:
        changed = pattern.sub(repl, word)
        if changed != word:
            out.append(changed)
        combined = pattern.sub(repl, combined)
    if combined != word:
        out.append(combined)
    return out


def is_known(word: str, extra: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a lower-case word (apostrophes as ``'``) is spelt right."""
    words = dictionary()
    if word in words or word in REVIEW_WORDS or word in extra:
        return True
    if word.endswith("'s") or word.endswith("'"):
        base = word[:-2] if word.endswith("'s") else word[:-1]
        if base and is_known(base, extra):
            return True
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        return bool(parts) and all(is_known(p, extra) for p in parts)
    return any(v in words for v in _british(word))


def suggest(word: str) -> str | None:
    """The most common known word one edit away, if there is one."""
    words = dictionary()
    best, best_count = None, -1
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = set()
    for a, b in splits:
        if b:
            edits.add(a + b[1:])
            for c in _LETTERS:
                edits.add(a + c + b[1:])
        if len(b) > 1:
            edits.add(a + b[1] + b[0] + b[2:])
        for c in _LETTERS:
            edits.add(a + c + b)
    edits.discard(word)
    for candidate in edits:
        count = words.get(candidate, -1)
        if count > best_count or (count == best_count and best is not None and candidate < best):
            best, best_count = candidate, count
    return best if best_count >= 0 else None
