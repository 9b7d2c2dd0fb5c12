"""The demo newswire: loopback server, content, editions and expected.yaml.

The served newswire includes the generated archive (``history=True``, as
``WIREWATCH_DEMO_HISTORY=on`` serves it); checks about the hand-written week load it alone.
tests/test_demo_history.py covers the archive itself.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import feedparser
import httpx
import pytest
from lxml import etree
from protego import Protego

from wirewatch.config import SourcesConfig, load_sources
from wirewatch.demo import (
    DemoNewswire,
    article_path,
    default_root,
    load_content,
    load_expected,
)
from wirewatch.demo.render import render_site
from wirewatch.errors import ConfigError, UsageError

ROOT = default_root()
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@pytest.fixture(scope="module")
def wire() -> Iterator[DemoNewswire]:
    with DemoNewswire(history=True) as running:
        yield running


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as c:
        yield c


def _all_urls(wire: DemoNewswire) -> list[str]:
    return [
        base + path for key, base in wire.base_urls.items() for path in wire.resource_paths(key)
    ]


def test_every_document_is_served_with_validators(wire: DemoNewswire, client: httpx.Client) -> None:
    urls = _all_urls(wire)
    assert len(urls) > 50
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "charset=" in response.headers["content-type"], url
        assert response.headers["etag"].startswith('"'), url
        assert response.headers["last-modified"].endswith("GMT"), url
        assert int(response.headers["content-length"]) == len(response.content)


def test_head_answers_without_body(wire: DemoNewswire, client: httpx.Client) -> None:
    response = client.head(wire.base_urls["northwire"] + "/sitemap-news.xml")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 100


def test_conditional_get_answers_304(wire: DemoNewswire, client: httpx.Client) -> None:
    url = wire.base_urls["newchina"] + "/rss/world.xml"
    first = client.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    older = format_datetime(datetime(2026, 11, 1, tzinfo=UTC), usegmt=True)
    assert client.get(url, headers={"If-Modified-Since": older}).status_code == 200
    not_modified = client.get(url, headers={"If-None-Match": etag})
    assert not_modified.headers["etag"] == etag
    assert not_modified.content == b""


def test_unknown_path_and_dead_feed_are_404(wire: DemoNewswire, client: httpx.Client) -> None:
    assert client.get(wire.base_urls["seaboard"] + "/no/such/page").status_code == 404
    expected = load_expected(ROOT / "expected.yaml")
    for template in expected.fetch.dead_feeds:
        url = _fill(template, wire)
        assert url in {u for s in wire.sources.sources for u in s.feeds}
        assert client.get(url).status_code == 404


def test_requests_are_counted(wire: DemoNewswire, client: httpx.Client) -> None:
    before = wire.requests
    client.get(wire.base_urls["eastherald"] + "/robots.txt")
    client.get(wire.base_urls["eastherald"] + "/missing")
    assert wire.requests == before + 2
    assert wire.requests_by_site["eastherald"] >= 2


def test_server_is_quiet(
    wire: DemoNewswire, client: httpx.Client, capfd: pytest.CaptureFixture[str]
) -> None:
    client.get(wire.base_urls["nemanpress"] + "/en/politics/")
    client.get(wire.base_urls["nemanpress"] + "/missing")
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


def test_windows_1251_section_declares_its_charset(
    wire: DemoNewswire, client: httpx.Client
) -> None:
    content = wire.content
    site = content.site("nemanpress")
    russian = [a for a in content.articles_of("nemanpress", 1) if a.lang(site) == "ru"]
    assert len(russian) >= 20
    for article in russian[:8]:
        response = client.get(wire.base_urls["nemanpress"] + article_path(site, article))
        assert response.headers["content-type"] == "text/html; charset=windows-1251"
        with pytest.raises(UnicodeDecodeError):
            response.content.decode("utf-8")
        text = response.content.decode("windows-1251")
        assert 'charset=windows-1251"' in text
        assert '<html lang="ru">' in text
        assert "(БЕЛТА)" in text
        assert article.headline in text
    spec = next(page for page in site.section_pages if page.language == "ru")
    listed = ""
    for path in [spec.path, *(spec.month_path(m) for m in spec.archive_months)]:
        section = client.get(wire.base_urls["nemanpress"] + path)
        assert section.headers["content-type"].endswith("windows-1251")
        listed += section.content.decode("windows-1251")
    for article in russian:
        assert article_path(site, article) in listed


def test_demo_sources_validate_and_point_at_the_running_sites(wire: DemoNewswire) -> None:
    sources = wire.sources
    assert isinstance(sources, SourcesConfig)
    assert len(sources.sources) >= 4
    kinds = set()
    bases = set(wire.base_urls.values())
    for source in sources.sources:
        urls = source.feeds + source.sitemaps + source.sections
        assert urls, source.name
        for url in urls:
            assert "{" not in url
            assert any(url.startswith(base + "/") for base in bases), url
        kinds.update(
            k
            for k, v in (
                ("feeds", source.feeds),
                ("sitemaps", source.sitemaps),
                ("sections", source.sections),
            )
            if v
        )
    assert kinds == {"feeds", "sitemaps", "sections"}


def test_feeds_and_sitemaps_list_every_article(wire: DemoNewswire, client: httpx.Client) -> None:
    content = wire.content
    discovered: set[str] = set()
    formats = set()
    for site in content.sites:
        base = wire.base_urls[site.key]
        if site.archive is not None:
            index = etree.fromstring(client.get(base + site.archive.index).content)
            for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
                child = etree.fromstring(client.get(loc.text or "").content)
                found = {
                    u.text for u in child.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
                }
                discovered |= {url for url in found if url}
        for spec in site.feeds:
            body = client.get(base + spec.path).content
            if spec.kind == "news_sitemap":
                tree = etree.fromstring(body)
                assert tree.nsmap.get("news") == NEWS_NS
                locs = tree.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
                assert all(u.find(f"{{{NEWS_NS}}}news") is not None for u in locs)
                found = {
                    u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in locs
                }
            else:
                parsed = feedparser.parse(body)
                assert not parsed.bozo, (spec.path, parsed.get("bozo_exception"))
                formats.add(parsed.version)
                assert all(e.get("published_parsed") for e in parsed.entries)
                found = {e.link.removesuffix(spec.link_query) for e in parsed.entries}
            discovered |= {url for url in found if url}
        for page in site.section_pages:
            html = "".join(
                client.get(base + path).content.decode(site.charset(page.language))
                for path in [page.path, *(page.month_path(m) for m in page.archive_months)]
            )
            for article in content.articles_of(site.key, 1):
                if article.lang(site) == page.language and article.section in page.sections:
                    discovered.add(base + article_path(site, article))
                    assert article_path(site, article) in html
    assert {"rss20", "atom10"} <= formats
    every = {
        wire.base_urls[a.site] + article_path(content.site(a.site), a)
        for a in content.articles_of_all(1)
    }
    assert every <= discovered


def test_robots_disallows_a_linked_page(wire: DemoNewswire, client: httpx.Client) -> None:
    expected = load_expected(ROOT / "expected.yaml")
    assert expected.fetch.robots_disallowed
    for template in expected.fetch.robots_disallowed:
        url = _fill(template, wire)
        base = next(b for b in wire.base_urls.values() if url.startswith(b))
        robots = Protego.parse(client.get(base + "/robots.txt").text)
        assert not robots.can_fetch(url, "wirewatch")
        assert robots.can_fetch(base + "/en/politics/", "wirewatch")
        linked = any(
            url in client.get(section).text
            for source in wire.sources.sources
            for section in source.sections
            if section.startswith(base)
        )
        assert linked, f"{url} is not linked from any section page"


def test_edition_two_changes_only_the_updated_and_new_articles() -> None:
    expected = load_expected(ROOT / "expected.yaml")
    with DemoNewswire(history=False) as wire, httpx.Client(timeout=10) as client:
        first = {url: client.get(url) for url in _all_urls(wire)}
        wire.set_edition(2)
        assert wire.edition == 2
        second = {url: client.get(url) for url in _all_urls(wire)}
        # every first-edition document is still there; a conditional GET tells what changed
        changed = set()
        for url, response in first.items():
            again = client.get(url, headers={"If-None-Match": response.headers["etag"]})
            by_date = client.get(
                url, headers={"If-Modified-Since": response.headers["last-modified"]}
            )
            assert by_date.status_code == again.status_code, url
            if again.status_code == 200:
                changed.add(url)
            else:
                assert again.status_code == 304, url
                assert second[url].content == response.content
        content = wire.content
        site_of = {a.id: a for a in content.articles}
        updated = site_of[expected.updated.article]
        updated_url = wire.base_urls[updated.site] + article_path(
            content.site(updated.site), updated
        )
        discovery = {
            wire.base_urls[s.key] + path
            for s in content.sites
            for path in content.discovery_paths(s.key)
        }
        assert changed - discovery == {updated_url}
        # the discovery documents that list the updated or the new article changed too
        assert changed & discovery
        new_urls = set(second) - set(first)
        assert new_urls == {
            wire.base_urls[site_of[i].site]
            + article_path(content.site(site_of[i].site), site_of[i])
            for i in expected.new_in_edition2
        }
        old_page, new_page = first[updated_url], second[updated_url]
        assert new_page.content.count(b"<p") > old_page.content.count(b"<p")
        assert new_page.headers["last-modified"] != old_page.headers["last-modified"]
        # the news sitemap says it changed
        sitemap = client.get(wire.base_urls[updated.site] + "/sitemap-news.xml").text
        assert updated.edition2 is not None
        assert updated.edition2.updated.isoformat() in sitemap
        wire.set_edition(1)
        assert client.get(updated_url).content == old_page.content
        with pytest.raises(UsageError):
            wire.set_edition(3)


def test_edition_two_leaves_the_archive_byte_identical() -> None:
    """With the archive served, edition 2 still changes only listings, the updated and the new page."""
    expected = load_expected(ROOT / "expected.yaml")
    content = load_content(ROOT)
    by_id = {a.id: a for a in content.articles}
    for site in content.sites:
        base = "http://127.0.0.1:8000"
        first = render_site(content, site.key, base, 1)
        second = render_site(content, site.key, base, 2)
        changed = {p for p in first if first[p].body != second[p].body}
        updated = by_id[expected.updated.article]
        own_updated = {article_path(site, updated)} if updated.site == site.key else set()
        assert changed - content.discovery_paths(site.key) == own_updated
        assert set(second) - set(first) == {
            article_path(site, by_id[i])
            for i in expected.new_in_edition2
            if by_id[i].site == site.key
        }
        assert len(first) > 100  # the archive is there


def test_expected_is_consistent_with_the_content() -> None:
    content = load_content(ROOT, history=False)
    expected = load_expected(ROOT / "expected.yaml")
    ids = {a.id: a for a in content.articles}
    first = content.articles_of_all(1)
    assert len(content.sites) == expected.sites >= 4
    assert len(first) == expected.articles.edition1 >= 40
    assert len(content.articles_of_all(2)) == expected.articles.edition2
    assert {
        s.key: len(content.articles_of(s.key, 1)) for s in content.sites
    } == expected.articles.per_site
    assert len(expected.meetings) >= 6
    assert {m.kind for m in expected.meetings} == {"in_person", "call"}
    assert all(m.kind == "announced" for m in expected.announced)
    pairs_days = [(m.countries, m.event_date) for m in expected.meetings]
    assert len(pairs_days) == len(set(pairs_days))
    referenced = [i for m in expected.meetings + expected.announced for i in m.articles]
    referenced += [
        expected.syndicated.original,
        *expected.syndicated.copies,
        expected.updated.article,
    ]
    referenced += [n.article for n in expected.negatives] + list(expected.new_in_edition2)
    for article_id in referenced:
        assert article_id in ids, article_id
    # syndication: copies on at least three other sites, each carrying most of the wire text
    original = ids[expected.syndicated.original]
    copy_sites = {ids[c].site for c in expected.syndicated.copies}
    assert len(copy_sites - {original.site}) >= 3
    for copy_id in expected.syndicated.copies:
        copy = ids[copy_id]
        assert copy.headline != original.headline
        shared = set(copy.paragraphs) & set(original.paragraphs)
        assert len(shared) >= 3, copy_id
        assert copy.paragraphs[0] not in original.paragraphs  # its own intro
        assert len(copy.paragraphs) - 1 < len(original.paragraphs)  # trimmed
    # the updated article
    updated = ids[expected.updated.article]
    assert updated.edition2 is not None
    assert len(updated.paragraphs) == expected.updated.paragraphs_edition1
    assert len(updated.edition2.paragraphs) == expected.updated.paragraphs_edition2
    assert updated.edition2.updated > (updated.updated or updated.published)
    assert [a.id for a in content.articles if a.edition2 is not None] == [updated.id]
    assert [a.id for a in content.articles if a.edition == 2] == list(expected.new_in_edition2)
    # hard negatives are not also listed as meetings
    meeting_articles = {i for m in expected.meetings + expected.announced for i in m.articles}
    assert not meeting_articles & {n.article for n in expected.negatives}
    # every meeting happened in the demo week and no later than its reports
    for meeting in expected.meetings:
        assert meeting.event_date is not None
        assert datetime(2026, 11, 16).date() <= meeting.event_date <= datetime(2026, 11, 22).date()
        for article_id in meeting.articles:
            assert ids[article_id].published.date() >= meeting.event_date


def test_sites_on_distinct_loopback_hosts() -> None:
    hosts = [f"127.0.0.{i}" for i in range(2, 8)]
    with DemoNewswire(hosts=hosts, history=False) as wire, httpx.Client(timeout=10) as client:
        keys = [site.key for site in wire.content.sites]
        for i, key in enumerate(keys):
            base = wire.base_urls[key]
            assert base.startswith(f"http://{hosts[i]}:")
            assert client.get(base + "/robots.txt").status_code == 200
        assert all(
            any(url.startswith(b) for b in wire.base_urls.values())
            for s in wire.sources.sources
            for url in s.feeds
        )
    with pytest.raises(UsageError):
        DemoNewswire(hosts=["127.0.0.2"])


def test_stopped_wire_refuses_urls() -> None:
    wire = DemoNewswire(history=False)
    with pytest.raises(UsageError):
        _ = wire.base_urls
    with wire:
        base = wire.base_urls["newchina"]
    with pytest.raises(httpx.ConnectError):
        httpx.get(base + "/robots.txt", timeout=2)


def test_demo_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "demo"
    shutil.copytree(ROOT, copy)
    monkeypatch.setenv("WIREWATCH_DEMO_DIR", str(copy))
    assert default_root() == copy
    assert len(load_content(default_root()).articles) == len(load_content(ROOT).articles)


def test_invalid_content_raises_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="sites.yaml"):
        load_content(tmp_path)
    copy = tmp_path / "demo"
    shutil.copytree(ROOT, copy)
    broken = copy / "articles" / "zz_broken.yaml"
    broken.write_text(
        "site: newchina\narticles:\n  - slug: x\n    section: world\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="zz_broken.yaml"):
        load_content(copy)
    broken.write_text("site: nowhere\narticles: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="site"):
        load_content(copy)


def test_real_sources_file_validates() -> None:
    path = ROOT.parent / "sources.yaml"
    sources = load_sources(path)
    names = {s.name for s in sources.sources}
    assert {"xinhua", "china-daily", "tass-en", "belta-en", "kyodo", "yonhap", "anadolu"} <= names
    for source in sources.sources:
        assert source.rate_limit is not None and source.rate_limit <= 1, source.name
        assert source.max_pages is not None, source.name
        assert source.feeds or source.sitemaps or source.sections, source.name
        assert not any("127.0.0." in url for url in source.feeds + source.sections)


def _fill(template: str, wire: DemoNewswire) -> str:
    for key, base in wire.base_urls.items():
        template = template.replace("{" + key + "}", base)
    return template


def test_article_pages_carry_agency_page_furniture(
    wire: DemoNewswire, client: httpx.Client
) -> None:
    content = wire.content
    with_jsonld = set()
    for article in content.articles_of_all(1):
        site = content.site(article.site)
        url = wire.base_urls[site.key] + article_path(site, article)
        html = client.get(url).content.decode(site.charset(article.lang(site)))
        assert f'<html lang="{article.lang(site)}"' in html, url
        assert "<title>" in html and site.name in html.split("</title>")[0], url
        assert 'name="description"' in html and 'property="og:title"' in html, url
        assert f'<link rel="canonical" href="{url}">' in html, url
        assert "copyright" in html.lower() or "&copy;" in html, url
        assert "registration" in html.lower(), url
        if "application/ld+json" in html:
            with_jsonld.add(site.key)
    assert 0 < len(with_jsonld) < len(content.sites)
    # templates differ from site to site
    templates = [content.templates[s.key]["article"] for s in content.sites]
    assert len(set(templates)) == len(templates)
