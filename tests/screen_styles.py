"""What Textual's first ScreenResume would change: the screens skip that restyle."""

from __future__ import annotations


async def restyled_alike(pilot, screen) -> bool:
    """Style every widget of ``screen`` again, as Textual's first resume
    does; True when none of them looks any different for it."""

    def looks():
        return [(repr(w), w.styles.css, w.rich_style, w.display) for w in screen.walk_children()]

    before = looks()
    screen.update_node_styles(animate=False)
    await pilot.pause()
    return looks() == before
