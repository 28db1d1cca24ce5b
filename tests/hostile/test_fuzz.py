"""Fuzz the draft loader with mutated draft files (bytes flipped, inserted,
files cut, lines dropped, duplicated or swapped): it loads, or raises our own
error type; never anything else, and reading never writes a byte.

A mutated file that loads must also save and read back the same: whatever
we can read, we can keep.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reviewdesk.review import draftfile
from reviewdesk.errors import ReviewDeskError, SaveError
from reviewdesk.review.library import Library
import full_listing

SAMPLES = Path(__file__).parents[1] / "samples"
SEEDS = [
    (SAMPLES / "metallic-rouge.toml").read_bytes(),
    b'format = 1\ntemplate = "anime-season"\ntitle = "Small"\nstatus = "ready"\n'
    b'created = 2024-01-01T10:00:00Z\n[info]\nepisodes = 12\ngenres = ["Action", "Drama"]\n'
    b'[answers.watched]\ndone = true\ntext = """\nLine one.\n\nLine \\"two\\".\n"""\n'
    b'[[answers.watched.images]]\nsrc = "a.png"\ncaption = "Cap"\n'
    b"[answers.thought]\ntext = '''literal \\ text'''\n",
]

# REVIEWDESK_FUZZ_EXAMPLES=20000 for a longer hunt.
FUZZ = settings(max_examples=int(os.environ.get("REVIEWDESK_FUZZ_EXAMPLES", "300")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "drop", "dup", "swap", "splice"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b'"', b"'", b"[", b"]", b"=", b"\n", b"\\", b'"""', b"\x00",
                                                b"\xff", b"\xc3", b"\r", b"#", b"{", b".", b"1e999", b"nan"]))
        elif kind == "delete":
            del data[at: at + draw(st.integers(1, 40))]
        elif kind == "truncate":
            del data[at:]
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "drop":
                del lines[i]
            elif kind == "dup":
                lines.insert(j, lines[i])
            elif kind == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:  # a line from the other seed
                other = draw(st.sampled_from(SEEDS)).split(b"\n")
                lines.insert(i, other[j % len(other)])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def state(folder: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


@FUZZ
@example(b"")
@example(b"\xef\xbb\xbf")
@example(SEEDS[0][:-4])
@example(SEEDS[1].replace(b"12", b"9" * 5000))
@example(SEEDS[1] + b"x = " + b"[" * 3000 + b"]" * 3000)
@example(SEEDS[1].replace(b"2024-01-01T10:00:00Z", b"2024-13-01T10:00:00Z"))
@example(SEEDS[1].replace(b"format = 1", b"format = 1.0"))
@example(SEEDS[1].replace(b'status = "ready"', b"status = 1979-05-27"))
@given(mutated())
def test_a_mutated_draft_loads_or_raises_our_error_and_nothing_is_written(data):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "fuzz.toml"
        path.write_bytes(data)
        before = state(root)
        lib = Library(root)
        try:
            review = draftfile.read(path)
        except ReviewDeskError as exc:
            assert str(exc) and "\n" not in str(exc)
            review = None
        try:
            loaded = lib.load("fuzz")
        except ReviewDeskError:
            assert review is None, "read succeeded where load failed"
            loaded = None
        entry = full_listing.entry(lib, "fuzz")
        assert entry.broken == (loaded is None)
        assert state(root) == before, "reading a draft wrote to the library"

        if loaded is None:
            return
        try:
            lib.save(loaded)
        except SaveError as exc:  # e.g. a field tomli-w cannot write: said, and the file kept
            assert str(exc)
            assert path.read_bytes() == data
            return
        again = lib.load("fuzz")
        assert draftfile.dumps(again) == draftfile.dumps(loaded)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated(), min_size=1, max_size=4))
def test_listing_a_library_of_mutated_drafts_writes_only_its_index(files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n, data in enumerate(files):
            (root / f"d{n}.toml").write_bytes(data)
        before = state(root)
        lib = Library(root)
        entries = full_listing.entries(lib)
        summaries = lib.summaries()
        assert sorted(e.slug for e in entries) == sorted(s.slug for s in summaries) == sorted(
            f"d{n}" for n in range(len(files)))
        assert {e.slug: e.broken for e in entries} == {s.slug: s.broken for s in summaries}
        after = state(root)
        after.pop(".reviewdesk-index.json", None)
        assert after == before
