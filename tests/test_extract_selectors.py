"""The markup selectors, written for speed, pick what their plain formulations pick."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.extract import markup
from wirewatch.extract.decode import decode_bytes

PAGES = sorted((Path(__file__).resolve().parents[1] / "benchmarks/data/extraction/pages").glob("*.html"))

# The plain formulations: test every element of the page.
PLAIN_IMAGE_BOX = "//*[img or picture][count(*) <= 4][not(self::p)]"
PLAIN_META = (
    "//meta[@content]|//link[@rel and @href]|//script[@type='application/ld+json']"
    "|//title|//h1|//time[@datetime]"
)
PLAIN_CAPTION = (
    "//figcaption|//*[contains(@class, 'caption') or contains(@class, 'photo_desc')"
    " or contains(@class, 'img_desc') or contains(@class, 'pic_desc')]"
)

CRAFTED = """<html><body>
<div class="photo"><img src="a.jpg"><span>A caption of the first photo, long enough</span></div>
<p><img src="b.jpg"> an image inside a paragraph is no box</p>
<div><picture><img src="c.jpg"></picture><em>Picture caption, long enough to count</em></div>
<div><img src="d.jpg"><i>1</i><i>2</i><i>3</i><i>4</i></div>
<figure><img src="e.jpg"><figcaption>A figcaption of the fifth photo</figcaption></figure>
<div class="main-caption wide"><div class="img_desc">Nested caption classes here</div></div>
<span class="pic_desc photo_desc">Two caption classes on one element</span>
<section class="CAPTION">upper case is another class</section>
<meta name="no-content"><meta content="" property="og:title"><link rel="canonical"><link href="x">
<link rel="alternate" href="y"><script type="application/json">{}</script><time>no datetime</time>
<script type="application/ld+json">{}</script><time datetime="2025-01-02">2 Jan</time><h1>H</h1>
</body></html>"""


@pytest.mark.parametrize("name", ["crafted", *[p.name for p in PAGES]])
def test_fast_selectors_match_the_plain_ones(name: str) -> None:
    text = CRAFTED if name == "crafted" else decode_bytes((PAGES[0].parent / name).read_bytes())
    tree = markup.parse_html(text)
    assert tree.xpath(markup._IMAGE_BOX_XPATH) == tree.xpath(PLAIN_IMAGE_BOX)
    assert tree.xpath(markup._CAPTION_XPATH) == tree.xpath(PLAIN_CAPTION)
    assert list(markup._meta_elements(tree)) == tree.xpath(PLAIN_META)
    if name == "crafted":
        assert len(tree.xpath(PLAIN_IMAGE_BOX)) == 4 and len(tree.xpath(PLAIN_CAPTION)) == 4
        assert len(tree.xpath(PLAIN_META)) == 5
