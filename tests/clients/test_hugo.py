"""Hugo builds a tiny site holding the hugo export.

The site has one layout (title, then content) and no theme, so the page
shows exactly what Hugo made of the export: its front matter and its body.
Hugo's typographer (on by default) curls quotes; the checks straighten them
back before comparing, since that is the site's setting, not the export.
"""

from __future__ import annotations

import html
import re
import subprocess
import tomllib
from pathlib import Path

from clients.conftest import need
from clients.expect import captions, info_rows, questions
from clients.html_outline import outline, straight
from reviewdesk.publish.targets import render
from reviewdesk.review.template import load_template

LAYOUT = '<!doctype html><html><body><h1 class="title">{{ .Title }}</h1>{{ .Content }}</body></html>\n'


def build_site(root: Path, posts: dict[str, str], *flags: str) -> subprocess.CompletedProcess:
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "layouts" / "_default" / "single.html").write_text(LAYOUT, encoding="utf-8")
    (root / "layouts" / "_default" / "list.html").write_text("{{ range .Pages }}{{ .Title }}{{ end }}\n",
                                                              encoding="utf-8")
    (root / "config.toml").write_text('baseURL = "https://example.org/"\ntitle = "Blog"\n'
                                      'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n', encoding="utf-8")
    (root / "content" / "posts").mkdir(parents=True)
    for name, text in posts.items():
        (root / "content" / "posts" / name).write_text(text, encoding="utf-8")
    return subprocess.run([need("hugo"), "--source", str(root), "--quiet", *flags],
                          capture_output=True, text=True)


def test_hugo_builds_the_post_with_title_sections_figures_and_table(sample, library, tmp_path):
    template = load_template(sample.template)
    sample.set_field("title", 'Metallic Rouge: "Season One" +++ {{< x >}}')
    sample.set_field("status", "ready")
    sample.set_answer("more", sample.peek("more").text + "\n\nA stray {{< in the prose.")
    rendered = render(sample, template, library.season_mates(sample), "hugo")
    built = build_site(tmp_path / "site", {rendered.filename: rendered.text})
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "public" / "posts" / sample.slug / "index.html").read_text(encoding="utf-8")
    o = outline(page)
    assert [straight(t) for t in o.h1] == ['Metallic Rouge: "Season One" +++ {{< x >}}']
    h2 = [straight(t) for t in o.h2]
    for heading in questions(sample, template):
        assert h2.count(heading) == 1, heading
    assert h2 == [*questions(sample, template), "Series Information", "Other shows from Winter 2024"]
    assert [straight(c) for c in o.figcaptions] == captions(sample, template)
    assert [[straight(c) for c in r] for r in o.rows if any(r)] == info_rows(sample, template)
    assert "A stray {{< in the prose." in straight(o.text)
    assert "![" not in o.text and "figure src" not in o.text


def test_hugo_reads_the_draft_flag_and_dates_from_the_front_matter(sample, tmp_path):
    template = load_template(sample.template)
    rendered = render(sample, template, (), "hugo")
    front = tomllib.loads(rendered.text.split("+++\n")[1])
    assert front["draft"] is (sample.status == "draft")
    built = build_site(tmp_path / "site", {rendered.filename: rendered.text})
    assert built.returncode == 0, built.stderr
    page = tmp_path / "site" / "public" / "posts" / sample.slug / "index.html"
    assert page.exists() is (sample.status != "draft")
    sample.set_field("status", "draft")
    draft = render(sample, template, (), "hugo")
    built = build_site(tmp_path / "drafts", {draft.filename: draft.text})
    assert built.returncode == 0 and not (tmp_path / "drafts" / "public" / "posts" / sample.slug).exists()


def alt_of(caption: str) -> str:
    if "`" not in caption:
        return caption
    if '"' in caption:
        return caption.replace("\\", "⧵")
    return re.sub(r"\\(?=`)", r"\\ ", caption)


NASTY_CAPTIONS = ["Rouge`s `code` moment", 'She said "run" >}} and left', "a\\`b", "ends in \\", 'q"\\`"\\',
                  "{{< shortcode >}} in a caption", "`", '"', "*not bold* _nor this_ [nor a link](x)"]


def test_hugo_builds_figures_whose_source_or_caption_hold_backticks_quotes_and_shortcode_ends(sample, tmp_path):
    """Issue 15.12: a backtick in a figure's source or caption failed the build
    ("Cannot mix named and positional parameters", "unrecognized escape
    character"). Each caption comes out as written. So does the alt text,
    but where it holds a backtick: Hugo keeps no backslash in a value with
    quotes (drawn as ⧵), and one before a backtick gets a space after it."""
    from reviewdesk.review.model import Image

    template = load_template(sample.template)
    answer = sample.answers["watched"]
    answer.images = [Image(f"shots/{n}`it\"s >}}}}.png", caption) for n, caption in enumerate(NASTY_CAPTIONS)]
    rendered = render(sample, template, (), "hugo")
    built = build_site(tmp_path / "site", {rendered.filename: rendered.text})
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "public" / "posts" / sample.slug / "index.html").read_text(encoding="utf-8")
    o = outline(page)
    assert [straight(c) for c in o.figcaptions[:len(NASTY_CAPTIONS)]] == NASTY_CAPTIONS
    alts = [html.unescape(a) for a in re.findall(r'<img src="shots/[^"]*"\s+alt="([^"]*)"', page)]
    assert [straight(a) for a in alts] == [alt_of(c) for c in NASTY_CAPTIONS]
    sources = re.findall(r'<img src="(shots/[^"]*)"', page)
    assert sources == [f"shots/{n}%60it%22s%20%3e%7d%7d.png" for n in range(len(NASTY_CAPTIONS))]
