"""The demo newswire's content: sites, articles and templates kept as data under ``config/demo``.

``sites.yaml`` describes each agency-styled site (name, discovery documents,
boilerplate snippets); ``articles/*.yaml`` hold the hand-written demo week;
``history/`` describes the generated archive before it
(:mod:`wirewatch.demo.history`); ``templates/<site>/`` hold each site's own HTML. :func:`wirewatch.demo.render.render_site` turns one site and one edition
into a map of path -> :class:`Resource`, so the server only looks bytes up.
Rendering is a pure function of (content, base URL, edition): a second run of
the same edition gets byte-identical answers, which is what makes 304s and
"nothing new" reruns meaningful.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from wirewatch.errors import ConfigError

if TYPE_CHECKING:
    from wirewatch.demo.history import History

__all__ = [
    "article_path",
    "DemoArticle",
    "DemoContent",
    "DemoSite",
    "Resource",
    "load_content",
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


def _month(article: DemoArticle) -> str:
    return article.published.strftime("%Y-%m")
