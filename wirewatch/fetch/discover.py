"""Discovery: article candidates from feeds, news sitemaps and section pages.

The ``parse_*`` functions are pure (bytes in, candidates out) and raise
:class:`~wirewatch.errors.PermanentFetchError` with outcome ``discovery_error``
when a listing cannot be read. :func:`discover` fetches a source's listings
through the polite :class:`~wirewatch.fetch.client.Fetcher` (conditional GET
with stored validators: a 304 listing yields nothing) and merges what they name.
"""

from __future__ import annotations

import codecs
import logging
import time
import warnings
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html

from wirewatch.config import SourceConfig
from wirewatch.errors import FetchError, PermanentFetchError
from wirewatch.fetch.archive import Exchange
from wirewatch.fetch.client import Fetcher
from wirewatch.fetch.concurrency import run_all
from wirewatch.fetch.guard import mask_credentials
from wirewatch.fetch.headers import charset_of
from wirewatch.fetch.known import KnownUrl
from wirewatch.fetch.rules import (
    ARTICLE_PATH_PATTERNS,
    GZIP_MAGIC,
    MAX_CHILD_SITEMAPS,
    MAX_SITEMAP_DEPTH,
    MIN_TITLE_CHARS,
    NAV_ANCESTOR_TAGS,
    NAV_CLASS_PATTERN,
    NON_ARTICLE_EXTENSIONS,
    NON_ARTICLE_PATH_PATTERN,
    NON_ARTICLE_QUERY_KEYS,
)
from wirewatch.hosts import host_key
from wirewatch.models import Candidate, FetchOutcome, FetchRecord

__all__ = [
    "SitemapDoc",
    "discover",
    "looks_like_article",
    "merge_candidates",
    "newest_first",
    "parse_feed",
    "parse_section",
    "parse_sitemap",
]

log = logging.getLogger(__name__)


def _discovery_error(url: str, why: str) -> PermanentFetchError:
    return PermanentFetchError(
        f"{mask_credentials(url)}: {why}", outcome=FetchOutcome.DISCOVERY_ERROR
    )


def _clean_url(url: str) -> str:
    # A listing's link never brings a login along: masked here, the fetcher refuses it.
    return mask_credentials(urldefrag(url.strip())[0])


def _struct_to_utc(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (ValueError, OverflowError):
        return None


def _parse_w3c(value: str | None) -> datetime | None:
    """A sitemap date (W3C datetime: ``2024-05-12``, ``2024-05-12T10:00:00+02:00``) in UTC."""
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


# --- feeds -------------------------------------------------------------------


def parse_feed(
    body: bytes, *, url: str, source: str, content_type: str | None = None
) -> list[Candidate]:
    """Candidates from an RSS 2.0 / RSS 1.0 / Atom document, in feed order."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    entries = parsed.get("entries") or []
    if not entries and not parsed.get("version"):
        # feedparser is lenient ("bozo" feeds with entries are fine); only a
        # document that is no recognisable feed at all is an error.
        why = parsed.get("bozo_exception") if parsed.get("bozo") else "no RSS or Atom root element"
        raise _discovery_error(url, f"not a readable feed ({why})")
    candidates = []
    for entry in entries:
        link = entry.get("link")
        if not link:
            continue
        link = _clean_url(urljoin(url, link))
        if not link.startswith(("http://", "https://")):
            continue
        title = " ".join(str(entry.get("title") or "").split()) or None
        # feedparser maps a missing updated_parsed to published_parsed; only a
        # real <updated> means "the source says it changed".
        updated = _struct_to_utc(dict.get(entry, "updated_parsed"))
        published = _struct_to_utc(dict.get(entry, "published_parsed"))
        candidates.append(
            Candidate(
                url=link,
                source=source,
                via="feed",
                title=title,
                published=published,
                updated=updated,
            )
        )
    return candidates


# --- sitemaps ----------------------------------------------------------------


@dataclass(frozen=True)
class SitemapDoc:
    """A parsed sitemap: article candidates (urlset) or child sitemaps (sitemapindex)."""

    candidates: list[Candidate]
    children: list[tuple[str, datetime | None]]  # (url, lastmod), newest first


_XML_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False, remove_comments=True
)


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _first_text(element: Any, localname: str) -> str | None:
    for node in element.iter():
        if _local(node.tag) == localname and node.text and node.text.strip():
            return str(node.text).strip()
    return None


def _gunzip(body: bytes, *, url: str, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise _discovery_error(url, f"broken gzip ({exc})") from exc
    if len(data) > max_bytes:
        raise _discovery_error(url, f"sitemap inflates beyond {max_bytes} bytes")
    return data


def parse_sitemap(body: bytes, *, url: str, source: str, max_bytes: int = 50_000_000) -> SitemapDoc:
    """A news sitemap, plain sitemap or sitemap index (gzipped or not)."""
    if body.startswith(GZIP_MAGIC):
        body = _gunzip(body, url=url, max_bytes=max_bytes)
    try:
        root = lxml.etree.fromstring(body.lstrip(), parser=_XML_PARSER)
    except lxml.etree.XMLSyntaxError as exc:
        raise _discovery_error(url, f"not readable XML ({exc})") from exc
    if root is None:
        raise _discovery_error(url, "not readable XML (empty document)")
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children: list[tuple[str, datetime | None]] = []
        for node in root:
            if _local(node.tag) != "sitemap":
                continue
            loc = _first_text(node, "loc")
            if loc:
                children.append(
                    (_clean_url(urljoin(url, loc)), _parse_w3c(_first_text(node, "lastmod")))
                )
        return SitemapDoc([], newest_first(children, key=lambda child: child[1]))
    if kind != "urlset":
        raise _discovery_error(url, f"not a sitemap (root element <{kind}>)")
    candidates = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _first_text(node, "loc")
        if not loc:
            continue
        link = _clean_url(urljoin(url, loc))
        if not link.startswith(("http://", "https://")):
            continue
        title = _first_text(node, "title")
        candidates.append(
            Candidate(
                url=link,
                source=source,
                via="sitemap",
                title=" ".join(title.split()) if title else None,
                published=_parse_w3c(_first_text(node, "publication_date")),
                updated=_parse_w3c(_first_text(node, "lastmod")),
            )
        )
    return SitemapDoc(candidates, [])


# --- section pages -----------------------------------------------------------


def looks_like_article(url: str) -> bool:
    """True when a URL's path looks like a story rather than a listing or a service page."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path == "/" or path.lower().endswith(NON_ARTICLE_EXTENSIONS):
        return False
    if NON_ARTICLE_PATH_PATTERN.search(path):
        return False
    if any(key.lower() in NON_ARTICLE_QUERY_KEYS for key, _ in parse_qsl(parts.query)):
        return False
    return any(pattern.search(path) for pattern in ARTICLE_PATH_PATTERNS)


def _in_navigation(anchor: Any) -> bool:
    for node in anchor.iterancestors():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.lower() in NAV_ANCESTOR_TAGS:
            return True
        if (node.get("role") or "").lower() in ("navigation", "menu", "menubar"):
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marks.strip() and NAV_CLASS_PATTERN.search(marks):
            return True
    return False


def _html_root(body: bytes, *, url: str, charset: str | None) -> Any:
    encoding = None
    if charset:
        try:
            encoding = codecs.lookup(charset).name
        except LookupError:
            encoding = None
    parser = lxml.html.HTMLParser(encoding=encoding, remove_comments=True)
    try:
        return lxml.html.document_fromstring(body, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise _discovery_error(url, f"not readable HTML ({exc})") from exc


def parse_section(
    body: bytes, *, url: str, source: str, charset: str | None = None, exclude: Iterable[str] = ()
) -> list[Candidate]:
    """Same-host article links of an index page, in page order, without menus, tags or paging."""
    root = _html_root(body, url=url, charset=charset)
    base = url
    for base_el in root.iter("base"):
        if base_el.get("href"):
            base = urljoin(url, base_el.get("href"))
            break
    host = host_key(url)
    skip = {_clean_url(u).rstrip("/") for u in (url, *exclude)}
    titles: dict[str, str | None] = {}
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        link = _clean_url(urljoin(base, href))
        if not link.startswith(("http://", "https://")) or host_key(link) != host:
            continue
        if link.rstrip("/") in skip or not looks_like_article(link) or _in_navigation(anchor):
            continue
        text = " ".join((anchor.text_content() or anchor.get("title") or "").split())
        title = text if len(text) >= MIN_TITLE_CHARS else None
        known_title = titles.get(link)
        if link not in titles or (title and (not known_title or len(title) > len(known_title))):
            titles[link] = title
    return [
        Candidate(url=link, source=source, via="section", title=title)
        for link, title in titles.items()
    ]


# --- merging and ordering ----------------------------------------------------


def merge_candidates(groups: Iterable[Sequence[Candidate]]) -> list[Candidate]:
    """One candidate per URL, first sighting wins, gaps filled from later sightings."""
    merged: dict[str, Candidate] = {}
    for group in groups:
        for cand in group:
            seen = merged.get(cand.url)
            if seen is None:
                merged[cand.url] = cand
                continue
            merged[cand.url] = replace(
                seen,
                title=seen.title or cand.title,
                published=seen.published or cand.published,
                updated=max(
                    (d for d in (seen.updated, cand.updated) if d is not None), default=None
                ),
            )
    return list(merged.values())


def newest_first(items: Sequence[Any], *, key: Any) -> list[Any]:
    """Items sorted by a datetime key, newest first; undated items last, in their given order."""
    dated = [item for item in items if key(item) is not None]
    undated = [item for item in items if key(item) is None]
    return sorted(dated, key=key, reverse=True) + undated


def candidate_time(cand: Candidate) -> datetime | None:
    """When a candidate last changed according to its listing, for newest-first ordering."""
    return cand.updated or cand.published


# --- fetching listings ---------------------------------------------------------


@dataclass
class _Listing:
    """What the discovery of one source shares between its listing fetches."""

    source: SourceConfig
    fetcher: Fetcher
    known: Mapping[str, KnownUrl]
    records: list[FetchRecord]
    rate: float
    max_bytes: int

    async def fetch(self, url: str, kind: str) -> Exchange | None:
        """The listing's 200 answer; None when it is unchanged (304) or failed (already recorded)."""
        state = self.known.get(mask_credentials(url))  # records keep URLs masked
        try:
            exchange = await self.fetcher.get(
                url,
                source=self.source.name,
                kind=kind,
                records=self.records,
                rate=self.rate,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
            )
        except FetchError as exc:
            log.info("%s: %s %s failed: %s", self.source.name, kind, mask_credentials(url), exc)
            return None
        if exchange.status_code == 304:
            return None
        return exchange

    def mark_unreadable(self, exchange: Exchange, error: FetchError) -> None:
        """Turn the ok record of a listing that could not be parsed into a discovery_error."""
        log.info("%s: %s", self.source.name, error)
        for i in range(len(self.records) - 1, -1, -1):
            if self.records[i].fetch_id == exchange.fetch_id:
                self.records[i] = replace(self.records[i], outcome=error.outcome, error=str(error))
                return

    async def feed(self, url: str) -> list[Candidate]:
        exchange = await self.fetch(url, "feed")
        if exchange is None:
            return []
        try:
            return parse_feed(
                exchange.body,
                url=exchange.final_url,
                source=self.source.name,
                content_type=exchange.header("Content-Type"),
            )
        except FetchError as exc:
            self.mark_unreadable(exchange, exc)
            return []

    async def sitemap(self, url: str, depth: int = 0) -> list[Candidate]:
        exchange = await self.fetch(url, "sitemap")
        if exchange is None:
            return []
        try:
            doc = parse_sitemap(
                exchange.body,
                url=exchange.final_url,
                source=self.source.name,
                max_bytes=self.max_bytes,
            )
        except FetchError as exc:
            self.mark_unreadable(exchange, exc)
            return []
        if not doc.children:
            return doc.candidates
        if depth >= MAX_SITEMAP_DEPTH:
            self.mark_unreadable(exchange, _discovery_error(url, "sitemap indexes nested too deep"))
            return []
        children = doc.children[:MAX_CHILD_SITEMAPS]
        found = await run_all(self.sitemap(child, depth + 1) for child, _ in children)
        return merge_candidates(found)

    async def section(self, url: str) -> list[Candidate]:
        exchange = await self.fetch(url, "section")
        if exchange is None:
            return []
        try:
            return parse_section(
                exchange.body,
                url=exchange.final_url,
                source=self.source.name,
                charset=charset_of(exchange.header("Content-Type")),
                exclude=(url, *self.source.sections),
            )
        except FetchError as exc:
            self.mark_unreadable(exchange, exc)
            return []


async def discover(
    source: SourceConfig,
    fetcher: Fetcher,
    *,
    known: Mapping[str, KnownUrl],
    records: list[FetchRecord],
    rate: float,
    max_bytes: int,
    skip: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Every article candidate a source's feeds, sitemaps and sections name, newest first.

    Each listing fetch is appended to ``records``; a failing listing is recorded
    and the others go on. Listings whose (masked) URL is in ``skip`` are left
    alone: they are backing off after failing run after run.
    """
    listing = _Listing(source, fetcher, known, records, rate, max_bytes)

    def due(urls: Sequence[str]) -> list[str]:
        return [url for url in urls if mask_credentials(url) not in skip]

    groups = await run_all(
        [
            *(listing.feed(url) for url in due(source.feeds)),
            *(listing.sitemap(url) for url in due(source.sitemaps)),
            *(listing.section(url) for url in due(source.sections)),
        ]
    )
    return newest_first(merge_candidates(groups), key=candidate_time)
