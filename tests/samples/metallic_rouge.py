"""A complete sample review, written for the tests, built through core calls.

The main draft is a season review of Metallic Rouge with all nine answers,
three captioned images and full Series Information. Three more drafts sit
next to it in the library: two from the same season (one published with a
URL, one not) and one from another season, so "Other shows from Winter
2024" has a linked entry, an unlinked one, and leaves the third out.

Regenerate the golden files after a deliberate change to the export or the
draft format with ``REVIEWDESK_REGEN_GOLDEN=1 pytest tests/core/test_golden.py``
and read the diff before committing it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from reviewdesk.review.library import Library
from reviewdesk.review.model import Review
from reviewdesk.review.template import load_template

SAMPLES = Path(__file__).parent
GOLDEN_MARKDOWN = SAMPLES / "metallic-rouge.md"
GOLDEN_DRAFT = SAMPLES / "metallic-rouge.toml"

SLUG = "metallic-rouge-season-one"
TITLE = "Metallic Rouge (Season One)"
SEASON = "Winter 2024"
CREATED = datetime(2024, 4, 6, 9, 30, tzinfo=timezone.utc)
UPDATED = datetime(2024, 4, 14, 21, 5, tzinfo=timezone.utc)

TAGLINE = (
    "On a Mars where humans live alongside androids called Neans, the android "
    "Rouge Redstar is sent to hunt down the Immortal Nine, a band of rogue Neans, "
    "with a sharp-tongued inspector at her side. Bones' anniversary original looks "
    "gorgeous from the first frame; whether its story keeps up is another matter."
)

# As typed in the app's editor, which soft-wraps: one line per paragraph.
ANSWERS = {
    "watched": "\n\n".join([
        ('*Metallic Rouge* is the original anime Studio Bones made for its 25th anniversary, '
         'and it aired over the Winter 2024 season. It is set on a colonised Mars where '
         'androids, the Neans, do most of the work and are bound by a code that forbids them '
         'from harming people. Rouge Redstar is a Nean who can turn into an armoured fighter, '
         'and the government sends her after the Immortal Nine: rogue Neans who have slipped '
         'their code and are hiding among the population.'),
        ('I picked it up on the strength of the studio alone. Bones gave us *Fullmetal '
         'Alchemist: Brotherhood* and *Mob Psycho 100*, and an original science-fiction show '
         'with a noir mood and a jazz-tinged soundtrack sounded like exactly my kind of thing '
         'for a cold January.'),
    ]),
    "happened": "\n\n".join([
        ('The first half plays as a monster of the week. Each episode Rouge and her partner '
         'Naomi track one member of the Immortal Nine through a different corner of Mars: a '
         'casino, a racetrack, a film set. Rouge fights, Naomi investigates, and between the '
         'two of them we learn how badly Neans are treated by the humans who depend on them.'),
        ('Around the midpoint the show turns inward. Rouge starts to question who gave her the '
         'mission and why her memories have gaps in them, and the hunt for the Nine becomes a '
         'story about the people who built the Neans in the first place. The last three '
         'episodes pile revelation on revelation, and the finale resolves the big conflict '
         'while leaving plenty of room for a sequel.'),
        ("I won't spoil the identity of the person behind everything, but the show plants the "
         'clues early if you are paying attention.'),
    ]),
    "thought": "\n\n".join([
        ('I came away with mixed feelings. Visually this is one of the best-looking shows of '
         'the year: the transformation sequences are a treat, the fight choreography is fluid, '
         'and the colour work makes Mars feel warm and lived-in rather than a grey backdrop. '
         'The score is excellent too, all brass and brushed drums.'),
        ('In short:\n'
         '\n'
         '- **Looks:** superb, Bones at its best\n'
         '- **Sound:** a brass-heavy score I have had on repeat all week\n'
         '- **Story:** ambitious, but too often told as a lecture'),
        ('The writing is where it stumbles. The world-building arrives in long blocks of '
         'dialogue, often in the middle of a scene that should be moving, and several episodes '
         'assume you remember a term that was mentioned once, three weeks ago. I had to pause '
         'and rewind more than once.'),
        ('Still, when the show slows down and lets Rouge and Naomi simply talk, it works. '
         'Those quiet scenes carried me through the confusing stretches, and I never once '
         'considered dropping it.'),
    ]),
    "favourite_moment": "\n\n".join([
        ('Episode 4, without hesitation. Rouge walks into a crowded theatre to confront one of '
         'the Nine, and instead of the fight we expect, the two of them end up watching the '
         'performance side by side while the audience has no idea what is sitting among them. '
         'When the fight finally breaks out on the stage itself, the animation goes all out: '
         'sparks, smoke, the orchestra still playing.'),
        ("It is the episode where the show's style and its ideas meet. It's beautiful, it's "
         'tense, and it says something about what the Neans are allowed to enjoy.'),
    ]),
    "least_favourite_moment": "\n\n".join([
        ('The exposition dump in episode 10. Two characters stand in a room and explain the '
         'history of the Neans, the code and a decades-old conspiracy for most of the runtime, '
         'with flashbacks that add very little. Everything said there matters, but I would '
         'rather have learned it through the story than through a lecture.'),
        ('A shorter version, spread over the episodes before it, would have made the finale '
         'land harder.'),
    ]),
    "favourite_character": "\n\n".join([
        ('Naomi Orthmann. She starts as the prickly handler who keeps Rouge on a short leash, '
         "and she grows into the show's moral centre: funny, stubborn and always the first to "
         'ask whether the mission is actually the right thing to do.'),
        ('Her voice performance sells both sides of her, the dry one-liners and the moments '
         'when she lets her guard down. By the end I cared more about what happened to Naomi '
         'than about the conspiracy.'),
    ]),
    "least_favourite_character": "\n\n".join([
        ('The Immortal Nine, taken together. The show gives each of them a striking design and '
         'a memorable first scene, and then most of them are gone within an episode. With nine '
         'villains and thirteen episodes there is simply no room for them to become people, so '
         'their grievances, which are often fair ones, never get the weight they deserve.'),
        ('It is less a problem with any one character than with the structure: fewer villains '
         'with more time would have served the theme better.'),
    ]),
    "more": "\n\n".join([
        ('Yes, with conditions. The finale leaves the door open and I would happily spend '
         'another season on this version of Mars with Rouge and Naomi. A second season should '
         'trust its audience, show more and explain less, and give its antagonists the room '
         'the Nine never had.'),
        ("I would recommend this season to anyone who loves Bones' animation and enjoys "
         "science fiction about what it means to be human, as long as they don't mind doing "
         'some of the work themselves.'),
    ]),
    "learned": "\n\n".join([
        ('That style can carry a show further than I expected, but not all the way. I would '
         'happily rewatch the fights in *Metallic Rouge*, yet I struggled to explain its plot '
         'to a friend afterwards.'),
        ('It also made me notice how much I value a story that lets its ideas come out through '
         'its characters. The best scenes here were not the twists; they were two people in a '
         'car, arguing about chocolate.'),
    ]),
}

IMAGES = [
    ("watched", "https://animeblog.example/wp-content/uploads/2024/04/metallic-rouge-key-visual.jpg",
     "Metallic Rouge key visual"),
    ("favourite_moment", "images/metallic-rouge-episode-4-rouge-redstar.jpg",
     "Metallic Rouge Episode 4 Rouge Redstar"),
    ("favourite_character", "images/metallic-rouge-episode-7-naomi-orthmann.jpg",
     "Metallic Rouge Episode 7 Naomi Orthmann"),
]

# As a writer types them: labels in any case, lists comma-separated.
INFO_TYPED = [
    ("English Title", "Metallic Rouge"),
    ("japanese title", "メタリックルージュ"),
    ("medium", "TV series"),
    ("Released", "January 2024 – April 2024"),
    ("Episodes", "13"),
    ("Animation Studios", "Bones"),
    ("genres", "Action, Science Fiction, Mystery"),
    ("Demographic", "General (original anime)"),
]

# Label -> the cell the exported table must show.
INFO_CELLS = {
    "English Title": "Metallic Rouge",
    "Japanese Title": "メタリックルージュ",
    "Medium": "TV series",
    "Released": "January 2024 – April 2024",
    "Episodes": "13",
    "Animation Studios": "Bones",
    "Genres": "Action, Science Fiction, Mystery",
    "Demographic": "General (original anime)",
}

# (title, season, status, url): the writer's other reviews in the library.
OTHER_DRAFTS = [
    ("Delicious in Dungeon (Season One)", "Winter 2024", "published",
     "https://animeblog.example/2024/04/delicious-in-dungeon-season-one/"),
    ("Solo Leveling", "winter 2024", "draft", ""),
    ("Frieren: Beyond Journey's End", "Fall 2023", "published",
     "https://animeblog.example/2024/03/frieren-beyond-journeys-end/"),
]


def fill(review: Review) -> Review:
    """Write the whole sample into ``review`` through the model's own calls."""
    template = load_template(review.template)
    review.set_field("tagline", TAGLINE)
    review.set_field("status", "ready")
    for qid, text in ANSWERS.items():
        review.set_answer(qid, text)
        review.set_done(qid)
    for qid, src, caption in IMAGES:
        review.add_image(qid, src, caption)
    for label, value in INFO_TYPED:
        review.set_info(template.info_field(label), value)
    review.created = CREATED
    return review


def build(lib: Library) -> Review:
    """Create the sample and its season mates in ``lib``; returns the sample."""
    for title, season, status, url in OTHER_DRAFTS:
        other = lib.create(title, season=season)
        other.set_field("status", status)
        other.set_field("url", url)
        other.set_answer("watched", f"A few notes on {title} to finish later.")
        lib.save(other)
    review = lib.create(TITLE, season=SEASON)
    assert review.slug == SLUG
    fill(review)
    lib.save(review)
    review.updated = UPDATED  # save() stamps the time; fix it for byte-exact files
    return review
