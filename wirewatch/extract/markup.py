"""HTML: parse once, read page metadata, and run trafilatura on the tree.

This is the only module of wirewatch that touches trafilatura (and htmldate,
which comes with it); its failures are translated into
:class:`~wirewatch.errors.ExtractEmpty` here.

trafilatura settings were chosen by measuring F1 on the public benchmark (see
``benchmarks/extraction_bench.py``): ``favor_precision=True`` with its fallback
extractors gave the best F1; metadata extraction is done here from the same tree
instead of trafilatura's ``with_metadata`` (its date search is the costly part
and agencies print dates in JSON-LD, meta tags or bylines).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from lxml.html import HtmlElement

from wirewatch.errors import ExtractEmpty
from wirewatch.extract.boilerplate import is_headline, related_heading
from wirewatch.extract.language import cache_dir
from wirewatch.extract.tables import MAX_ELEMENTS

__all__ = [
    "PageMeta",
    "byline_candidates",
    "fallback_date",
    "load_justext_stoplist",
    "main_lines",
    "page_meta",
    "parse_html",
]

# trafilatura logs every discarded page at WARNING; wirewatch counts those as
# extract_empty itself, so the log would only repeat it.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

TRAFILATURA_OPTIONS: Final[dict[str, Any]] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,
    "with_metadata": False,
}

_PUBLISHED_META: Final = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "date",
    "og:published_time",
    "published_time",
    "publication_date",
    "original-publish-date",
    "article.published",
)
_UPDATED_META: Final = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
    "modified_time",
    "article.updated",
)
# The elements page_meta reads, as //meta[@content]|//link[@rel and @href]|
# //script[@type='application/ld+json']|//title|//h1|//time[@datetime] would
# select them: found in one walk filtered by tag inside libxml2 (the XPath union
# walked the tree once per branch, twice as long), in document order.
_META_TAGS: Final = ("meta", "link", "script", "title", "h1", "time")


def _meta_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    for el in tree.iter(*_META_TAGS):
        tag = el.tag
        if (
            (tag == "meta" and el.get("content") is None)
            or (tag == "link" and (el.get("rel") is None or el.get("href") is None))
            or (tag == "script" and el.get("type") != "application/ld+json")
            or (tag == "time" and el.get("datetime") is None)
        ):
            continue
        yield el

# Both select from the few <img>/<picture> elements and class attributes up instead of
# testing every element of the page: the same nodes, in the same order, in half the time.
_IMAGE_BOX_XPATH: Final = (
    "//img/parent::*[not(self::p)][count(*) <= 4]"
    "|//picture/parent::*[not(self::p)][count(*) <= 4]"
)
_CAPTION_TAGS: Final = frozenset({"p", "span", "div", "figcaption", "em", "small", "i"})
_MAX_CAPTION_CHARS: Final = 400
_CAPTION_XPATH: Final = (
    "//figcaption|//@class[contains(., 'caption') or contains(., 'photo_desc')"
    " or contains(., 'img_desc') or contains(., 'pic_desc')]/.."
)


@dataclass
class PageMeta:
    """Metadata read from the page's markup (all optional)."""

    title: str | None = None
    heading: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    lang: str | None = None
    published: str | None = None
    updated: str | None = None
    time_element: str | None = None
    author: str | None = None
    captions: list[str] = field(default_factory=list)


def parse_html(text: str) -> HtmlElement:
    """Parse decoded HTML into an lxml tree, or raise ExtractEmpty when there is no document."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
    except (ValueError, TypeError) as exc:
        raise ExtractEmpty(f"unparseable HTML ({exc})") from exc
    if tree is None:
        raise ExtractEmpty("no HTML document in the input")
    drop_related_blocks(tree)
    return tree


RELATED_LABEL_CHARS: Final = 60  # a "Read also" label is short


def drop_related_blocks(tree: HtmlElement) -> None:
    """Remove "Read also" / "Related stories" labels and the headline links after them.

    trafilatura often drops such a label (a bare div) but keeps the headline
    paragraphs that follow it, which then read as the article's last lines.
    Raises ExtractEmpty, before removing anything, when the tree has more than
    ``MAX_ELEMENTS`` nodes: the one walk over every node counts them too (a
    walk makes a Python object of each node, the cost of a walk).
    """
    labels: list[HtmlElement] = []
    for count, el in enumerate(tree.iter()):
        if count >= MAX_ELEMENTS:
            raise ExtractEmpty(
                f"page has more than {MAX_ELEMENTS} HTML elements; refused as pathological"
            )
        if (
            isinstance(el.tag, str)
            and len(el) == 0
            and el.text
            and len(el.text.strip()) <= RELATED_LABEL_CHARS
            and related_heading(el.text)
        ):
            labels.append(el)
    for label in labels:
        parent = label.getparent()
        if parent is None:
            continue
        follower = label.getnext()
        while follower is not None and (
            follower.tag in ("ul", "ol")
            or is_headline(follower.text_content() or "")
            and len(follower) <= 1
        ):
            following = follower.getnext()
            parent.remove(follower)
            follower = following
        label.drop_tree()


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def _walk_jsonld(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node:
                yield from _walk_jsonld(node[key], depth + 1)
    elif isinstance(node, list):
        for item in node[:50]:
            yield from _walk_jsonld(item, depth + 1)


def _name(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    return _clean(value)


# A centred paragraph right after an image-only sibling is that image's caption
# (Xinhua puts captions between body paragraphs this way, with no class).
_CENTRED_CAPTION_XPATH: Final = (
    "//p[@align='center' or contains(translate(@style, ' ', ''), 'text-align:center')]"
    "[not(.//img)][preceding-sibling::*[1][.//img][not(normalize-space())]]"
)


def _is_centred(el: HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("align") == "center" or "text-align:center" in style


def _centring_is_rare(el: HtmlElement) -> bool:
    """True when most text paragraphs beside ``el`` are not centred (pages centring all text have no caption signal)."""
    parent = el.getparent()
    if parent is None:
        return False
    texts = [p for p in parent.iterchildren("p") if p.find(".//img") is None and _clean(p.text_content())]
    return 2 * sum(_is_centred(p) for p in texts) <= len(texts)


def page_meta(tree: HtmlElement) -> PageMeta:
    """Title, site name, canonical URL, language, dates and captions from the markup."""
    meta = PageMeta()
    metas: dict[str, str] = {}
    links: list[HtmlElement] = []
    scripts: list[HtmlElement] = []
    title_el = h1 = time_el = None
    # One pass over the few elements that matter.
    for el in _meta_elements(tree):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            content = _clean(el.get("content"))
            if key and content and key not in metas:
                metas[key] = content
        elif tag == "link":
            links.append(el)
        elif tag == "script":
            scripts.append(el)
        elif tag == "title" and title_el is None:
            title_el = el
        elif tag == "h1" and h1 is None:
            h1 = el
        elif tag == "time" and time_el is None:
            time_el = el
    for el in scripts:
        if not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        for node in _walk_jsonld(data):
            meta.published = meta.published or _clean(node.get("datePublished"))
            meta.updated = meta.updated or _clean(node.get("dateModified"))
            meta.title = meta.title or _clean(node.get("headline"))
            meta.author = meta.author or _name(node.get("author"))
            if not meta.site_name and node.get("publisher"):
                meta.site_name = _name(node.get("publisher"))
    meta.published = meta.published or next((metas[k] for k in _PUBLISHED_META if k in metas), None)
    meta.updated = meta.updated or next((metas[k] for k in _UPDATED_META if k in metas), None)
    meta.title = metas.get("og:title") or metas.get("twitter:title") or meta.title
    if not meta.title and title_el is not None:
        meta.title = _clean(title_el.text_content())
    if h1 is not None:
        meta.heading = _clean(h1.text_content())
    meta.site_name = metas.get("og:site_name") or meta.site_name
    for link in links:
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            meta.canonical_url = link.get("href", "").strip() or None
            break
    meta.canonical_url = meta.canonical_url or metas.get("og:url")
    meta.lang = (
        _clean(tree.get("lang")) or _clean(tree.get("xml:lang")) or metas.get("content-language")
    )
    if time_el is not None:
        meta.time_element = _clean(time_el.get("datetime"))
    for el in tree.xpath(_CAPTION_XPATH)[:30]:
        text = _clean(el.text_content())
        if text and len(text) > 15:
            meta.captions.append(text)
    for el in tree.xpath(_CENTRED_CAPTION_XPATH)[:30]:
        if not _centring_is_rare(el):
            continue
        text = _clean(el.text_content())
        if text and 15 < len(text) <= _MAX_CAPTION_CHARS and text not in meta.captions:
            meta.captions.append(text)
    # A short text next to an image in a small box is its caption, whatever its class.
    for box in tree.xpath(_IMAGE_BOX_XPATH)[:30]:
        for child in box:
            if child.tag in _CAPTION_TAGS and child.find(".//img") is None:
                text = _clean(child.text_content())
                if text and 15 < len(text) <= _MAX_CAPTION_CHARS and text not in meta.captions:
                    meta.captions.append(text)
    return meta


_BYLINE_WORDS: Final = (
    "date",
    "time",
    "tarih",
    "publish",
    "update",
    "byline",
    "info",
    "credit",
    "source",
    "author",
    "meta",
)
# Bylines sit next to the headline: look at the elements around the first <h1>
# (cheap, bounded); without an <h1>, at elements whose class names a byline.
_NEAR_H1_XPATH: Final = (
    "(//h1)[1]/preceding::*[position() <= 12] | (//h1)[1]/following::*[position() <= 25]"
)
_BYLINE_XPATH: Final = (
    "//*[self::div or self::span or self::p or self::time]"
    "[" + " or ".join(f"contains(@class, '{w}')" for w in _BYLINE_WORDS[:7]) + "]"
)
_MAX_BYLINE_CHARS: Final = 160


def byline_candidates(tree: HtmlElement) -> list[tuple[str, bool]]:
    """Short texts around the headline that may be bylines, in document order.

    Each comes with a flag: True when the element's class or id names it a
    date/byline (any date in it counts), False for other short elements (only a
    line that reads as a byline counts).
    """
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    try:
        elements = tree.xpath(_NEAR_H1_XPATH) or tree.xpath(_BYLINE_XPATH)[:40]
    except (ValueError, TypeError):
        return out
    for el in elements:
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "a"):
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')}".lower()
        marked = el.tag == "time" or any(word in marks for word in _BYLINE_WORDS)
        text = _clean(el.text_content())
        if not text or len(text) > _MAX_BYLINE_CHARS or text in seen:
            continue
        if marked or any(ch.isdigit() for ch in text):
            seen.add(text)
            out.append((text, marked))
    return out


def main_lines(tree: HtmlElement, url: str | None, *, precision: bool = True) -> list[str]:
    """The main-text lines trafilatura finds in the tree (empty when it finds none).

    ``precision=False`` runs trafilatura's balanced mode: the retry for pages
    where precision mode keeps (almost) nothing.
    """
    from trafilatura import bare_extraction

    _use_cached_stoplist()
    options = dict(TRAFILATURA_OPTIONS, favor_precision=precision)
    try:
        document = bare_extraction(tree, url=url, **options)
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        raise ExtractEmpty(f"trafilatura failed on the page ({type(exc).__name__}: {exc})") from exc
    text = document.get("text") if isinstance(document, dict) else getattr(document, "text", None)
    if not text:
        return []
    return [line for line in str(text).splitlines() if line.strip()]


class _StopWords(tuple[str, ...]):
    """A stoplist that is hashed once.

    justext's ``define_stoplist`` caches its set by the stoplist it is given, so
    every page that falls back to justext hashed all 150,000 words again.
    """

    _hash: int

    def __new__(cls, words: Iterable[str]) -> _StopWords:
        self = super().__new__(cls, words)
        self._hash = tuple.__hash__(self)
        return self

    def __hash__(self) -> int:
        return self._hash


def _stoplist_file() -> Path | None:
    """The words of trafilatura's all-language stoplist in the user's cache, one a line."""
    from importlib.metadata import version

    base = cache_dir()
    if base is None:
        return None
    try:
        stamp = f"{version('justext')}|{version('trafilatura')}"
    except ValueError:
        return None
    return base / f"justext-{hashlib.sha256(stamp.encode()).hexdigest()[:16]}.txt"


def _stoplist_init() -> tuple[str, ...]:
    """trafilatura's ``jt_stoplist_init``, read from the user's cache once it is written there.

    trafilatura builds it (every word of justext's 100 stoplists, about 0.1 s)
    the first time a page falls back to justext: a short page checked with
    ``wirewatch extract`` paid it on every call. The same words either way.
    """
    from justext.utils import get_stoplist, get_stoplists
    from trafilatura import external

    path = _stoplist_file()
    words: tuple[str, ...] | None = None
    if path is not None:
        with contextlib.suppress(OSError, UnicodeError):
            text = path.read_text("utf-8")
            if text.endswith("\n"):  # written whole (atomically), not cut short
                words = tuple(text[:-1].split("\n"))
    if words is None:
        words = tuple({w for language in get_stoplists() for w in get_stoplist(language)})
        if path is not None:
            with contextlib.suppress(OSError):
                _write_replacing(path, "".join(f"{w}\n" for w in words))
    stoplist = _StopWords(words)
    external.JT_STOPLIST = stoplist  # type: ignore[assignment] # trafilatura types it None
    return stoplist


def _write_replacing(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".justext-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _use_cached_stoplist() -> None:
    """Have trafilatura take its justext stoplist from :func:`_stoplist_init` (once per process)."""
    from trafilatura import external

    if external.jt_stoplist_init is not _stoplist_init:
        external.jt_stoplist_init = _stoplist_init  # type: ignore[assignment] # trafilatura says tuple[str]


def load_justext_stoplist() -> None:
    """Load trafilatura's all-language justext stoplist now instead of on its first short page.

    trafilatura loads it lazily the first time a page needs the justext
    fallback; a process that forks workers loads it once for all of them, with
    justext's set of it.
    """
    from justext.core import define_stoplist
    from trafilatura import external

    _use_cached_stoplist()
    if external.JT_STOPLIST is None:
        define_stoplist(_stoplist_init())


def fallback_date(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's publication date (``YYYY-MM-DD``), used only when the page states none plainly."""
    from htmldate import find_date

    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError, AttributeError, RecursionError):
        # A last-resort guess: its failure means "no date found", not a broken page.
        return None
