"""Textual 8.2.8: every Strip creates seven FIFOCache objects in __init__, used or not.
An app that has drawn a few thousand lines keeps tens of thousands of them (almost all
empty), so each full garbage collection walks them all, and making a Strip costs 8 objects
more than its segments. Content already creates its caches lazily (content.py, _divide_cache).
A reproduction to send to Textual, not part of the benchmark: it reads Strip's cache
attributes by name to count them, which the app itself never does.
Run: python benchmarks/textual_strip_caches.py (here: 116,318 objects tracked, 42,630
FIFOCaches, 90% empty; a full collection 40-54 ms; Strip() 1.2 us vs a list 0.07 us)"""
import asyncio, collections, gc, time, timeit
from rich.segment import Segment
from textual.app import App
from textual.containers import VerticalScroll
from textual.strip import Strip
from textual.widgets import Static

TEXT = " ".join(["The brass score carries the episode and the fights land."] * 40)
CACHES = ("_divide_cache", "_crop_cache", "_style_cache", "_filter_cache", "_line_length_cache",
          "_crop_extend_cache", "_offsets_cache")

class Long(App):
    def compose(self):
        with VerticalScroll():
            for n in range(60):
                yield Static(f"{n}. {TEXT}")

async def main():
    app = Long()
    async with app.run_test(size=(100, 40)) as pilot:
        scroll = app.query_one(VerticalScroll)
        for y in range(0, int(scroll.max_scroll_y) + 40, 20):  # read it to the end
            scroll.scroll_to(y=y, animate=False)
            await pilot.pause()
        gc.collect()
        objects = gc.get_objects()
        kinds = collections.Counter(type(o).__name__ for o in objects)
        caches = [getattr(o, name) for o in objects if type(o) is Strip for name in CACHES]
        start = time.perf_counter(); gc.collect(); full = (time.perf_counter() - start) * 1000
        print(f"{len(objects):,} objects tracked; {kinds['Strip']:,} Strips; {kinds['FIFOCache']:,} FIFOCaches "
              f"({kinds['FIFOCache'] / len(objects):.0%} of all), {sum(not len(c) for c in caches) / len(caches):.0%}"
              f" of the Strips' caches empty; a full collection takes {full:.0f} ms")
    segments = [Segment("The brass score carries the episode")]
    print(f"Strip(segments): {timeit.timeit(lambda: Strip(segments, 35), number=100_000) * 10:.2f} µs each; "
          f"a list of the same segments: {timeit.timeit(lambda: list(segments), number=100_000) * 10:.2f} µs")

asyncio.run(main())
