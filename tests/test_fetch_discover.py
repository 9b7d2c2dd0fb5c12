"""Discovery parsers: RSS, Atom, news sitemaps, sitemap indexes and section pages (no HTTP)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.errors import PermanentFetchError
from wirewatch.fetch import looks_like_article, parse_feed, parse_section, parse_sitemap
from wirewatch.fetch.discover import merge_candidates
from wirewatch.models import Candidate

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
 <channel>
  <title>Harbour Wire - World</title>
  <link>https://harbour.example/world/</link>
  <item>
   <title>Fishing quota talks resume in Reykjavik</title>
   <link>/world/2026/11/27/fishing-quota-talks-resume.html</link>
   <pubDate>Fri, 27 Nov 2026 09:15:00 +0100</pubDate>
  </item>
  <item>
   <title>  Rail link   tender   reopened </title>
   <link>https://harbour.example/world/2026/11/26/rail-link-tender.html#comments</link>
   <pubDate>Thu, 26 Nov 2026 18:00:00 GMT</pubDate>
   <atom:updated>2026-11-27T07:00:00Z</atom:updated>
  </item>
  <item><title>No link here</title></item>
 </channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Steppe Agency</title>
  <id>tag:steppe.example,2026:feed</id>
  <updated>2026-11-27T12:00:00Z</updated>
  <entry>
    <title>Минск и Ташкент подписали соглашение</title>
    <link rel="alternate" href="https://steppe.example/news/84512"/>
    <id>tag:steppe.example,2026:84512</id>
    <published>2026-11-27T08:00:00+03:00</published>
    <updated>2026-11-27T11:30:00+03:00</updated>
  </entry>
</feed>""".encode()

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://lagoon.example/en/2026-11/27/c_1187.htm</loc>
    <lastmod>2026-11-27T10:05:00+08:00</lastmod>
    <news:news>
      <news:publication><news:name>Lagoon</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-27T09:40:00+08:00</news:publication_date>
      <news:title>Port authority opens a second container terminal</news:title>
    </news:news>
  </url>
  <url><loc>https://lagoon.example/en/2026-11/26/c_1180.htm</loc><lastmod>2026-11-26</lastmod></url>
</urlset>"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://lagoon.example/sitemaps/2026-10.xml</loc><lastmod>2026-10-31</lastmod></sitemap>
  <sitemap><loc>https://lagoon.example/sitemaps/2026-11.xml</loc><lastmod>2026-11-27T10:05:00Z</lastmod></sitemap>
  <sitemap><loc>https://lagoon.example/sitemaps/undated.xml</loc></sitemap>
</sitemapindex>"""

SECTION = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>World | Coastline Daily</title></head>
<body>
 <header class="site-header">
  <a href="/">Coastline Daily</a>
  <a href="/world/2026/11/27/should-not-come-from-the-header-menu.html">Header promo</a>
 </header>
 <nav><a href="/world/">World</a> <a href="/business/">Business</a>
   <a href="/world/2026/11/27/nav-link-to-a-story-in-menu.html">Menu story</a></nav>
 <div class="breadcrumbs"><a href="/world/2026/11/25/breadcrumb-trail-story-link.html">Trail</a></div>
 <main>
  <div class="story-list">
   <article><a href="/world/2026/11/27/ferry-strike-ends-after-talks.html">Ferry strike ends after overnight talks</a></article>
   <article><a href="https://www.coastline.example/world/2026/11/27/ferry-strike-ends-after-talks.html"><img src="/i/ferry.jpg"></a></article>
   <article><a href="/world/20261126/lighthouse-restoration-finished">Lighthouse restoration finished on schedule</a></article>
   <article><a href="/world/content_4471523.htm">Governors agree on a shared flood plan</a></article>
   <article><a href="/world/coastal-towns-vote-on-new-harbour-fees">Coastal towns vote on new harbour fees</a></article>
  </div>
  <a href="/tag/ferries/">Ferries</a>
  <a href="/author/mira-olsen/">Mira Olsen</a>
  <a href="/world/?page=2">Older stories</a>
  <a href="/world/page/2/">2</a>
  <a href="/world/europe/">Europe</a>
  <a href="https://elsewhere.example/2026/11/27/foreign-story-about-ferries.html">Elsewhere</a>
  <a href="/media/2026/11/27/ferry-photo-large.jpg">Photo</a>
  <a href="mailto:desk@coastline.example">Write to us</a>
 </main>
 <footer><a href="/world/2026/11/20/footer-most-read-story-link.html">Most read</a>
   <a href="/about-us">About</a></footer>
</body></html>"""


def test_rss_items_become_candidates_with_resolved_links_and_dates() -> None:
    cands = parse_feed(RSS, url="https://harbour.example/feeds/world.rss", source="harbour")
    assert [c.url for c in cands] == [
        "https://harbour.example/world/2026/11/27/fishing-quota-talks-resume.html",
        "https://harbour.example/world/2026/11/26/rail-link-tender.html",
    ]
    first, second = cands
    assert first.via == "feed" and first.source == "harbour"
    assert first.title == "Fishing quota talks resume in Reykjavik"
    assert first.published == datetime(2026, 11, 27, 8, 15, tzinfo=UTC)
    assert first.updated is None  # pubDate alone is no claim that the page changed
    assert second.title == "Rail link tender reopened"
    assert second.updated == datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def test_atom_entries_carry_updated_and_unicode_titles() -> None:
    (cand,) = parse_feed(ATOM, url="https://steppe.example/atom.xml", source="steppe")
    assert cand.url == "https://steppe.example/news/84512"
    assert cand.title == "Минск и Ташкент подписали соглашение"
    assert cand.published == datetime(2026, 11, 27, 5, 0, tzinfo=UTC)
    assert cand.updated == datetime(2026, 11, 27, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "body", [b"<html><body><p>Not a feed</p></body></html>", b"\x00\x01 garbage <<<"]
)
def test_a_non_feed_is_a_discovery_error(body: bytes) -> None:
    with pytest.raises(PermanentFetchError) as info:
        parse_feed(body, url="https://harbour.example/feed", source="harbour")
    assert info.value.outcome == "discovery_error"


def test_an_empty_but_valid_feed_gives_no_candidates() -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_feed(empty, url="https://harbour.example/feed", source="harbour") == []


def test_news_sitemap_gives_publication_date_lastmod_and_title() -> None:
    doc = parse_sitemap(NEWS_SITEMAP, url="https://lagoon.example/news.xml", source="lagoon")
    assert doc.children == []
    first, second = doc.candidates
    assert first.url == "https://lagoon.example/en/2026-11/27/c_1187.htm"
    assert first.via == "sitemap"
    assert first.title == "Port authority opens a second container terminal"
    assert first.published == datetime(2026, 11, 27, 1, 40, tzinfo=UTC)
    assert first.updated == datetime(2026, 11, 27, 2, 5, tzinfo=UTC)
    assert second.updated == datetime(2026, 11, 26, tzinfo=UTC)
    assert second.published is None and second.title is None


def test_sitemap_index_lists_children_newest_first_and_gzip_is_read() -> None:
    doc = parse_sitemap(
        gzip.compress(SITEMAP_INDEX), url="https://lagoon.example/index.xml.gz", source="lagoon"
    )
    assert doc.candidates == []
    assert [url for url, _ in doc.children] == [
        "https://lagoon.example/sitemaps/2026-11.xml",
        "https://lagoon.example/sitemaps/2026-10.xml",
        "https://lagoon.example/sitemaps/undated.xml",
    ]


@pytest.mark.parametrize("body", [b"<html><body>hello</body></html>", b"", b'{"json": true}'])
def test_a_non_sitemap_is_a_discovery_error(body: bytes) -> None:
    with pytest.raises(PermanentFetchError) as info:
        parse_sitemap(body, url="https://lagoon.example/news.xml", source="lagoon")
    assert info.value.outcome == "discovery_error"


def test_section_page_keeps_story_links_and_drops_menus_tags_paging_and_offsite() -> None:
    cands = parse_section(SECTION, url="https://coastline.example/world/", source="coastline")
    assert [c.url for c in cands] == [
        "https://coastline.example/world/2026/11/27/ferry-strike-ends-after-talks.html",
        "https://www.coastline.example/world/2026/11/27/ferry-strike-ends-after-talks.html",
        "https://coastline.example/world/20261126/lighthouse-restoration-finished",
        "https://coastline.example/world/content_4471523.htm",
        "https://coastline.example/world/coastal-towns-vote-on-new-harbour-fees",
    ]
    assert all(c.via == "section" for c in cands)
    assert cands[0].title == "Ferry strike ends after overnight talks"
    assert cands[1].title is None  # an image link has no headline


def test_section_page_in_a_legacy_charset() -> None:
    html = (
        '<html><body><ul class="list"><li><a href="/ru/2026/11/27/vstrecha-ministrov-v-minske">'
        "Встреча министров в Минске завершилась</a></li></ul></body></html>"
    ).encode("windows-1251")
    (cand,) = parse_section(
        html, url="https://steppe.example/ru/", source="steppe", charset="windows-1251"
    )
    assert cand.title == "Встреча министров в Минске завершилась"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/world/2026/11/27/some-story.html", True),
        ("https://a.example/2026-11/27/c_1187.htm", True),
        ("https://a.example/news/84512", True),
        ("https://a.example/politics/leaders-agree-on-border-crossing", True),
        ("https://a.example/world/", False),
        ("https://a.example/", False),
        ("https://a.example/tag/ferries/", False),
        ("https://a.example/tags/2026-elections-in-the-north", False),
        ("https://a.example/author/mira-olsen-and-co-writers", False),
        ("https://a.example/world/page/2/", False),
        ("https://a.example/world/2026/11/27/story.html?page=2", False),
        ("https://a.example/media/2026/11/27/photo-of-the-harbour.jpg", False),
        ("https://a.example/about-us", False),
        ("https://a.example/world/index.html", False),
    ],
)
def test_article_url_heuristic(url: str, expected: bool) -> None:
    assert looks_like_article(url) is expected


def test_merging_keeps_first_sighting_and_fills_gaps() -> None:
    when = datetime(2026, 11, 27, tzinfo=UTC)
    later = datetime(2026, 11, 28, tzinfo=UTC)
    merged = merge_candidates(
        [
            [Candidate(url="https://a.example/x-1", source="s", via="feed", updated=when)],
            [
                Candidate(
                    url="https://a.example/x-1",
                    source="s",
                    via="sitemap",
                    title="T",
                    published=when,
                    updated=later,
                ),
                Candidate(url="https://a.example/x-2", source="s", via="sitemap"),
            ],
        ]
    )
    assert [c.url for c in merged] == ["https://a.example/x-1", "https://a.example/x-2"]
    assert merged[0].via == "feed" and merged[0].title == "T"
    assert merged[0].published == when and merged[0].updated == later


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_parsers_fail_only_with_discovery_errors(body: bytes) -> None:
    """Whatever a server sends, a listing either parses or is a recorded discovery_error."""
    for parse in (parse_feed, parse_sitemap, parse_section):
        try:
            result = parse(body, url="https://a.example/list/", source="s")
        except PermanentFetchError as exc:
            assert exc.outcome == "discovery_error"
        else:
            assert result is not None
