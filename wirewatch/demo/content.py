"""The demo newswire's content: sites, articles and templates kept as data under ``config/demo``.

``sites.yaml`` describes each agency-styled site (name, discovery documents,
boilerplate snippets); ``articles/*.yaml`` hold the hand-written demo week;
``history/`` describes the generated archive before it
(:mod:`wirewatch.demo.history`); ``templates/<site>/`` hold each site's own HTML. :func:`render_site` turns one site and one edition
into a map of path -> :class:`Resource`, so the server only looks bytes up.
Rendering is a pure function of (content, base URL, edition): a second run of
the same edition gets byte-identical answers, which is what makes 304s and
"nothing new" reruns meaningful.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cached_property
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any, Literal
from xml.sax.saxutils import escape as xml_escape

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from wirewatch.errors import ConfigError

if TYPE_CHECKING:
    from wirewatch.demo.history import History

__all__ = [
    "DemoArticle",
    "DemoContent",
    "DemoSite",
    "Resource",
    "article_path",
    "load_content",
    "render_site",
]

# Content types served per kind of resource; charset always explicit because
# the fetch stage records it and the extract stage trusts it first.
HTML_TYPE = "text/html; charset={charset}"
RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"

# How many related stories each article page lists.
RELATED_COUNT = 3

# When the second edition "went out": later than anything in the first, so a
# feed or sitemap that changes also gets a newer Last-Modified (a client that
# only sends If-Modified-Since must still see the change).
SECOND_EDITION_AT = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FeedSpec(_Strict):
    """One feed or sitemap document of a site."""

    path: str = Field(pattern=r"^/")
    kind: Literal["rss", "atom", "news_sitemap"]
    title: str
    sections: tuple[str, ...] = ()  # empty: every section
    language: str | None = None  # only articles in this language (None: all)
    limit: int | None = Field(default=None, ge=1)  # newest items only, as real feeds do
    # Appended to article links (feeds with tracking parameters): the same article
    # reached under a second URL, which dedupe must recognise.
    link_query: str = ""


class ArchiveSpec(_Strict):
    """A sitemap index with one sitemap per month of articles (the site's archive)."""

    index: str = Field(pattern=r"^/")
    month: str = Field(pattern=r"^/.*\{ym\}")  # path of a month's sitemap: {ym} is 2026-09


class SectionPageSpec(_Strict):
    """An index page listing article links (discovery by ``sections``)."""

    path: str = Field(pattern=r"^/")
    title: str
    sections: tuple[str, ...]
    language: str
    extra_links: tuple[tuple[str, str], ...] = ()  # (path, text) listed among the articles
    page_size: int | None = Field(default=None, ge=1)  # newest first; older ones on page/N/
    archive_months: tuple[str, ...] = ()  # YYYY-MM: an archive page per month, at archive/YYYY-MM/

    def page_path(self, number: int) -> str:
        """Path of page ``number`` (1 is the section page itself)."""
        return self.path if number == 1 else f"{self.path}page/{number}/"

    def month_path(self, month: str) -> str:
        """Path of the archive page of ``month`` (YYYY-MM)."""
        return f"{self.path}archive/{month}/"


class DemoSite(_Strict):
    """One agency-styled site of the demo newswire."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    publisher: str
    language: str
    agency: str | None = None
    article_path: str  # str.format fields: section, slug, ymd, ym, d, hex, num, lang
    date_format: str
    byline: str  # string.Template: $credit, $published_local, $updated_local
    paragraph: str = "<p>$text</p>"
    related_item: str = '<li><a href="$url">$headline</a></li>'
    jsonld: bool = False
    channels: dict[str, str]  # section key -> channel label shown on pages
    feeds: tuple[FeedSpec, ...] = ()
    archive: ArchiveSpec | None = None
    section_pages: tuple[SectionPageSpec, ...] = ()
    robots: str
    encodings: dict[str, str] = {}  # language -> charset of pages in that language
    body_tail: tuple[str, ...] = ()  # boilerplate lines inside the article container

    def charset(self, language: str) -> str:
        """The charset pages in ``language`` are served in."""
        return self.encodings.get(language, "utf-8")


class SecondEdition(_Strict):
    """What changes in the article for the second run (same URL, more paragraphs)."""

    updated: datetime
    paragraphs: tuple[str, ...] = Field(min_length=1)


class DemoArticle(_Strict):
    """One article page; ``id`` is ``site/slug``."""

    site: str
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    section: str
    language: str | None = None  # default: the site's language
    headline: str
    description: str | None = None
    published: datetime
    updated: datetime | None = None
    agency: str | None = None
    byline: str | None = None  # the credit shown in the byline (author or agency)
    dateline: str | None = None
    caption: str | None = None
    credit: str | None = None
    paragraphs: tuple[str, ...] = Field(min_length=1)
    tail: tuple[str, ...] | None = None  # overrides the site's body_tail
    edition: int = Field(default=1, ge=1, le=2)  # first edition the article appears in
    edition2: SecondEdition | None = None
    num: int | None = None  # numeric id in the URL; default derived from the slug

    @model_validator(mode="after")
    def _aware(self) -> DemoArticle:
        for value in (
            self.published,
            self.updated,
            self.edition2.updated if self.edition2 else None,
        ):
            if value is not None and value.tzinfo is None:
                raise ValueError("expected timestamps with a UTC offset")
        return self

    @property
    def id(self) -> str:
        """``site/slug``, the id expected.yaml uses."""
        return f"{self.site}/{self.slug}"

    def lang(self, site: DemoSite) -> str:
        """The article's language (its own or the site's)."""
        return self.language or site.language

    def state(self, edition: int) -> tuple[tuple[str, ...], datetime]:
        """Paragraphs and last-change time as served in ``edition``."""
        if edition >= 2 and self.edition2 is not None:
            return self.edition2.paragraphs, self.edition2.updated
        return self.paragraphs, self.updated or self.published


@dataclass(frozen=True)
class Resource:
    """One servable document."""

    body: bytes
    content_type: str
    last_modified: datetime
    etag: str


@dataclass(frozen=True)
class DemoContent:
    """Everything under ``config/demo``: sites, articles, templates and the raw sources file."""

    root: Path
    sites: tuple[DemoSite, ...]
    articles: tuple[DemoArticle, ...]  # the hand-written week, then the generated archive
    templates: dict[str, dict[str, str]]  # site key -> template name -> text
    history: History | None = None  # the generated archive and its ground truth, if served

    @cached_property
    def _by_site(self) -> dict[str, list[DemoArticle]]:
        by_site: dict[str, list[DemoArticle]] = {site.key: [] for site in self.sites}
        for article in self.articles:
            by_site[article.site].append(article)
        return by_site

    def site(self, key: str) -> DemoSite:
        """The site with ``key``."""
        for site in self.sites:
            if site.key == key:
                return site
        raise ConfigError(f"{self.root}: no demo site {key!r}")

    def articles_of(self, key: str, edition: int) -> list[DemoArticle]:
        """The site's articles present in ``edition``, in file order."""
        return [a for a in self._by_site.get(key, []) if a.edition <= edition]

    def articles_of_all(self, edition: int) -> list[DemoArticle]:
        """Every site's articles present in ``edition``."""
        return [a for a in self.articles if a.edition <= edition]

    def discovery_paths(self, key: str) -> set[str]:
        """Paths of the site's feeds, sitemaps and section pages (older pages and archives too)."""
        site = self.site(key)
        paths = {spec.path for spec in site.feeds}
        articles = self._by_site.get(key, [])
        if site.archive is not None:
            paths.add(site.archive.index)
            paths |= {site.archive.month.format(ym=_month(a)) for a in articles}
        for page in site.section_pages:
            listed = [
                a for a in articles if a.section in page.sections and a.lang(site) == page.language
            ]
            pages = -(-len(listed) // page.page_size) if page.page_size else 1
            paths |= {page.page_path(n) for n in range(1, max(pages, 1) + 1)}
            paths |= {page.month_path(m) for m in page.archive_months}
        return paths


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read demo content ({exc})".replace("\n", " ")) from exc


def _validate(model: type[_Strict], path: Path, data: Any, where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(part) for part in err["loc"]) or "(top level)"
        raise ConfigError(f"{path}: {where} field '{field}': {err['msg']}") from exc


def load_content(root: Path, *, history: bool = True) -> DemoContent:
    """Read and validate ``sites.yaml``, ``articles/*.yaml`` and ``templates/`` under ``root``.

    With ``history`` (and a ``history/`` folder) the generated archive is added
    after the hand-written week.
    """
    sites_file = root / "sites.yaml"
    if not sites_file.is_file():
        raise ConfigError(f"{sites_file}: file not found (is WIREWATCH_DEMO_DIR right?)")
    raw_sites = _read_yaml(sites_file) or {}
    sites = tuple(
        _validate(DemoSite, sites_file, item, f"sites[{i}]")
        for i, item in enumerate(raw_sites.get("sites", []))
    )
    keys = {site.key for site in sites}
    articles: list[DemoArticle] = []
    for path in sorted((root / "articles").glob("*.yaml")):
        data = _read_yaml(path) or {}
        site_key = data.get("site")
        if site_key not in keys:
            raise ConfigError(f"{path}: field 'site': expected one of {sorted(keys)}")
        for i, item in enumerate(data.get("articles", [])):
            article = _validate(DemoArticle, path, {"site": site_key, **item}, f"articles[{i}]")
            articles.append(article)
    archive: History | None = None
    if history and (root / "history" / "calendar.yaml").is_file():
        # Imported here: the generator builds DemoArticle objects from this module.
        from wirewatch.demo.history import generate_history

        archive = generate_history(root / "history", reserved=[a.id for a in articles])
        for article in archive.articles:
            if article.site not in keys:
                raise ConfigError(f"{root / 'history'}: no demo site {article.site!r}")
        articles.extend(archive.articles)
    seen: set[str] = set()
    paths: set[tuple[str, str]] = set()
    by_key = {site.key: site for site in sites}
    for article in articles:
        if article.id in seen:
            raise ConfigError(f"{root}: article id {article.id!r} appears twice")
        seen.add(article.id)
        site = by_key[article.site]
        url_path = article_path(site, article)
        if (site.key, url_path) in paths:
            raise ConfigError(f"{root}: two articles of {site.key} at {url_path}")
        paths.add((site.key, url_path))
        if article.section not in site.channels:
            raise ConfigError(
                f"{root}: article {article.id!r}: section {article.section!r} is not one of "
                f"{sorted(site.channels)}"
            )
    templates: dict[str, dict[str, str]] = {}
    for site in sites:
        folder = root / "templates" / site.key
        templates[site.key] = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
        if "article" not in templates[site.key]:
            raise ConfigError(f"{folder}/article.html: file not found")
        if site.section_pages and "section" not in templates[site.key]:
            raise ConfigError(f"{folder}/section.html: file not found")
    return DemoContent(
        root=root, sites=sites, articles=tuple(articles), templates=templates, history=archive
    )


def _hex(slug: str) -> str:
    return hashlib.sha1(slug.encode()).hexdigest()[:16]


def _num(article: DemoArticle) -> int:
    if article.num is not None:
        return article.num
    return 180_000 + int(hashlib.sha1(article.slug.encode()).hexdigest()[:8], 16) % 20_000


def article_path(site: DemoSite, article: DemoArticle) -> str:
    """The URL path of ``article`` on ``site`` (stable across editions)."""
    day = article.published
    return site.article_path.format(
        section=article.section,
        slug=article.slug,
        ymd=day.strftime("%Y%m%d"),
        ym=day.strftime("%Y%m"),
        d=day.strftime("%d"),
        hex=_hex(article.slug),
        num=_num(article),
        lang=article.lang(site),
    )


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def _resource(body: bytes, content_type: str, last_modified: datetime) -> Resource:
    return Resource(body, content_type, last_modified.astimezone(UTC), _etag(body))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _description(article: DemoArticle) -> str:
    if article.description:
        return article.description
    first = article.paragraphs[0]
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "..."


def _jsonld(article: DemoArticle, site: DemoSite, url: str, updated: datetime) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "datePublished": article.published.isoformat(),
        "dateModified": updated.isoformat(),
        "inLanguage": article.lang(site),
        "mainEntityOfPage": url,
        "publisher": {"@type": "Organization", "name": site.name},
        "author": {"@type": "Organization", "name": article.byline or article.agency or site.name},
    }
    # ensure_ascii keeps the script block safe in any page charset
    return '<script type="application/ld+json">' + json.dumps(data) + "</script>"


def _render_article(
    content: DemoContent, site: DemoSite, article: DemoArticle, base: str, edition: int
) -> Resource:
    paragraphs, updated = article.state(edition)
    lang = article.lang(site)
    charset = site.charset(lang)
    url = base + article_path(site, article)
    para = Template(site.paragraph)
    body_parts = []
    for i, text in enumerate(paragraphs):
        if i == 0 and article.dateline:
            text = f"{article.dateline} {text}"
        body_parts.append(para.substitute(text=_e(text)))
    tail = article.tail if article.tail is not None else site.body_tail
    # Related lists name only first-edition articles, so a new article in
    # edition 2 does not change the bytes of every other page.
    peers = [
        a for a in content.articles_of(site.key, 1) if a.id != article.id and a.lang(site) == lang
    ]
    start = next(
        (i for i, a in enumerate(content.articles_of(site.key, 1)) if a.id == article.id), 0
    )
    related = (peers[start:] + peers[:start])[:RELATED_COUNT]
    item = Template(site.related_item)
    fmt = site.date_format
    fields = {
        "lang": lang,
        "charset": charset,
        "title": _e(article.headline),
        "headline": _e(article.headline),
        "site_name": _e(site.name),
        "description": _e(_description(article)),
        "canonical": _e(url),
        "base": base,
        "jsonld": _jsonld(article, site, url, updated) if site.jsonld else "",
        "channel": _e(site.channels.get(article.section, article.section.title())),
        "section": article.section,
        "byline": Template(site.byline).substitute(
            credit=_e(article.byline or article.agency or site.name),
            published_local=article.published.strftime(fmt),
            updated_local=updated.strftime(fmt),
        ),
        "published_iso": article.published.isoformat(),
        "updated_iso": updated.isoformat(),
        "caption": _e(article.caption or ""),
        "credit": _e(article.credit or ""),
        "image": f"{base}/img/{_hex(article.slug)}.jpg",
        "body": "\n".join(body_parts),
        "tail": "\n".join(para.substitute(text=_e(line)) for line in tail),
        "related": "\n".join(
            item.substitute(url=_e(base + article_path(site, a)), headline=_e(a.headline))
            for a in related
        ),
    }
    if not article.caption:
        fields["caption"] = ""
    text = Template(content.templates[site.key]["article"]).substitute(fields)
    return _resource(
        text.encode(charset), HTML_TYPE.format(charset=charset), max(updated, article.published)
    )


def _select(
    content: DemoContent,
    site: DemoSite,
    edition: int,
    sections: tuple[str, ...],
    language: str | None,
) -> list[DemoArticle]:
    chosen = [
        a
        for a in content.articles_of(site.key, edition)
        if (not sections or a.section in sections)
        and (language is None or a.lang(site) == language)
    ]
    # newest first, as agencies publish them
    return sorted(chosen, key=lambda a: (a.published, a.slug), reverse=True)


def _newest(articles: list[DemoArticle], edition: int) -> datetime:
    if not articles:
        return datetime(2026, 11, 16, tzinfo=UTC)
    newest = max(a.state(edition)[1] for a in articles)
    if edition >= 2 and any(a.edition == 2 or a.edition2 is not None for a in articles):
        newest = max(newest, SECOND_EDITION_AT)
    return newest


def _render_feed(
    content: DemoContent, site: DemoSite, spec: FeedSpec, base: str, edition: int
) -> Resource:
    items = _select(content, site, edition, spec.sections, spec.language)[: spec.limit]
    newest = _newest(items, edition)
    if spec.kind == "rss":
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
            "<channel>",
            f"<title>{xml_escape(spec.title)}</title>",
            f"<link>{xml_escape(base)}/</link>",
            f"<description>{xml_escape(site.name)}: {xml_escape(spec.title)}</description>",
            f"<language>{site.language}</language>",
            f"<lastBuildDate>{format_datetime(newest.astimezone(UTC), usegmt=True)}</lastBuildDate>",
            f'<atom:link href="{xml_escape(base + spec.path)}" rel="self" type="application/rss+xml"/>',
        ]
        for a in items:
            url = xml_escape(base + article_path(site, a))
            updated = a.state(edition)[1]
            lines += [
                "<item>",
                f"<title>{xml_escape(a.headline)}</title>",
                f"<link>{url}{xml_escape(spec.link_query)}</link>",
                f'<guid isPermaLink="true">{url}</guid>',
                f"<pubDate>{format_datetime(a.published.astimezone(UTC), usegmt=True)}</pubDate>",
                f"<atom:updated>{updated.isoformat()}</atom:updated>",
                f"<category>{xml_escape(site.channels.get(a.section, a.section))}</category>",
                f"<description>{xml_escape(_description(a))}</description>",
                "</item>",
            ]
        lines += ["</channel>", "</rss>"]
        return _resource(("\n".join(lines) + "\n").encode(), RSS_TYPE, newest)
    if spec.kind == "atom":
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.language}">',
            f"<title>{xml_escape(spec.title)}</title>",
            f"<id>{xml_escape(base + spec.path)}</id>",
            f'<link rel="self" href="{xml_escape(base + spec.path)}"/>',
            f'<link rel="alternate" href="{xml_escape(base)}/"/>',
            f"<updated>{newest.isoformat()}</updated>",
            f"<author><name>{xml_escape(site.name)}</name></author>",
        ]
        for a in items:
            url = xml_escape(base + article_path(site, a))
            lines += [
                "<entry>",
                f"<title>{xml_escape(a.headline)}</title>",
                f'<link rel="alternate" type="text/html" href="{url}{xml_escape(spec.link_query)}"/>',
                f"<id>{url}</id>",
                f"<published>{a.published.isoformat()}</published>",
                f"<updated>{a.state(edition)[1].isoformat()}</updated>",
                f"<summary>{xml_escape(_description(a))}</summary>",
                "</entry>",
            ]
        lines.append("</feed>")
        return _resource(("\n".join(lines) + "\n").encode(), ATOM_TYPE, newest)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    for a in items:
        lines += [
            "<url>",
            f"<loc>{xml_escape(base + article_path(site, a))}</loc>",
            f"<lastmod>{a.state(edition)[1].isoformat()}</lastmod>",
            "<news:news>",
            "<news:publication>",
            f"<news:name>{xml_escape(site.name)}</news:name>",
            f"<news:language>{a.lang(site)}</news:language>",
            "</news:publication>",
            f"<news:publication_date>{a.published.isoformat()}</news:publication_date>",
            f"<news:title>{xml_escape(a.headline)}</news:title>",
            "</news:news>",
            "</url>",
        ]
    lines.append("</urlset>")
    return _resource(("\n".join(lines) + "\n").encode(), XML_TYPE, newest)


def _month(article: DemoArticle) -> str:
    return article.published.strftime("%Y-%m")


def _render_archive(
    content: DemoContent, site: DemoSite, spec: ArchiveSpec, base: str, edition: int
) -> dict[str, Resource]:
    """The sitemap index and one plain sitemap per month that has articles."""
    months: dict[str, list[DemoArticle]] = {}
    for a in _select(content, site, edition, (), None):
        months.setdefault(_month(a), []).append(a)
    resources: dict[str, Resource] = {}
    children = []
    for month, items in sorted(months.items(), reverse=True):
        path = spec.month.format(ym=month)
        newest = _newest(items, edition)
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for a in items:
            lines += [
                "<url>",
                f"<loc>{xml_escape(base + article_path(site, a))}</loc>",
                f"<lastmod>{a.state(edition)[1].isoformat()}</lastmod>",
                "</url>",
            ]
        lines.append("</urlset>")
        resources[path] = _resource(("\n".join(lines) + "\n").encode(), XML_TYPE, newest)
        children.append((path, newest))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, newest in children:
        lines += [
            "<sitemap>",
            f"<loc>{xml_escape(base + path)}</loc>",
            f"<lastmod>{newest.isoformat()}</lastmod>",
            "</sitemap>",
        ]
    lines.append("</sitemapindex>")
    newest_all = max((m for _, m in children), default=_newest([], edition))
    resources[spec.index] = _resource(("\n".join(lines) + "\n").encode(), XML_TYPE, newest_all)
    return resources


# Labels of the section pages' pager, by page language.
PAGER_LABELS = {"en": ("Newer", "Older"), "ru": ("Новее", "Раньше")}


def _section_page(
    content: DemoContent,
    site: DemoSite,
    spec: SectionPageSpec,
    base: str,
    edition: int,
    *,
    path: str,
    title: str,
    items: list[DemoArticle],
    extra: tuple[tuple[str, str], ...],
    pager: str,
) -> Resource:
    charset = site.charset(spec.language)
    item = Template(site.related_item)
    links = [
        item.substitute(url=_e(base + article_path(site, a)), headline=_e(a.headline))
        for a in items
    ]
    links += [item.substitute(url=_e(base + p), headline=_e(text)) for p, text in extra]
    text = Template(content.templates[site.key]["section"]).substitute(
        lang=spec.language,
        charset=charset,
        title=_e(title),
        site_name=_e(site.name),
        canonical=_e(base + path),
        base=base,
        items="\n".join(links),
        pager=pager,
    )
    return _resource(
        text.encode(charset), HTML_TYPE.format(charset=charset), _newest(items, edition)
    )


def _render_section(
    content: DemoContent, site: DemoSite, spec: SectionPageSpec, base: str, edition: int
) -> dict[str, Resource]:
    """The section page, its older pages (page/N/) and its month archives (archive/YYYY-MM/)."""
    items = _select(content, site, edition, spec.sections, spec.language)
    size = spec.page_size or max(len(items), 1)
    pages = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    newer, older = PAGER_LABELS.get(spec.language, PAGER_LABELS["en"])
    resources: dict[str, Resource] = {}
    for number, page in enumerate(pages, start=1):
        links = []
        if number > 1:
            links.append(f'<a href="{_e(spec.page_path(number - 1))}">&laquo; {newer}</a>')
        if number < len(pages):
            links.append(f'<a href="{_e(spec.page_path(number + 1))}">{older} &raquo;</a>')
        path = spec.page_path(number)
        resources[path] = _section_page(
            content,
            site,
            spec,
            base,
            edition,
            path=path,
            title=spec.title if number == 1 else f"{spec.title} ({number})",
            items=page,
            extra=spec.extra_links if number == 1 else (),
            pager=" ".join(links),
        )
    for month in spec.archive_months:
        path = spec.month_path(month)
        resources[path] = _section_page(
            content,
            site,
            spec,
            base,
            edition,
            path=path,
            title=f"{spec.title}: {month}",
            items=[a for a in items if _month(a) == month],
            extra=(),
            pager="",
        )
    return resources


def _draft_page(text: str, language: str, charset: str) -> Resource:
    body = (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="{charset}">'
        f"<title>{_e(text)}</title></head><body><h1>{_e(text)}</h1>"
        "<p>EMBARGOED DRAFT - NOT FOR PUBLICATION. Internal preview of a visit programme; "
        "times and venues are placeholders to be confirmed by the protocol service.</p>"
        "</body></html>\n"
    )
    return _resource(
        body.encode(charset),
        HTML_TYPE.format(charset=charset),
        datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
    )


def render_site(content: DemoContent, key: str, base: str, edition: int) -> dict[str, Resource]:
    """Every document of site ``key`` served at ``base`` in ``edition``: path -> resource."""
    site = content.site(key)
    articles = content.articles_of(key, edition)
    resources: dict[str, Resource] = {}
    for article in articles:
        resources[article_path(site, article)] = _render_article(
            content, site, article, base, edition
        )
    for spec in site.feeds:
        resources[spec.path] = _render_feed(content, site, spec, base, edition)
    if site.archive is not None:
        resources.update(_render_archive(content, site, site.archive, base, edition))
    for page in site.section_pages:
        resources.update(_render_section(content, site, page, base, edition))
    for page in site.section_pages:
        for path, text in page.extra_links:
            # Served, so only robots.txt keeps a polite crawler away from it.
            resources.setdefault(
                path, _draft_page(text, page.language, site.charset(page.language))
            )
    robots = Template(site.robots).substitute(base=base)
    resources["/robots.txt"] = _resource(
        robots.encode(), TEXT_TYPE, datetime(2026, 11, 1, tzinfo=UTC)
    )
    return resources
