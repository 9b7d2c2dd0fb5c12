"""Rendering the demo newswire: one site and one edition into a map of path -> :class:`Resource`.

Rendering is a pure function of (content, base URL, edition): a second run of
the same edition gets byte-identical answers, which is what makes 304s and
"nothing new" reruns meaningful.
"""

from __future__ import annotations

import hashlib
import html
import json
from datetime import UTC, datetime
from email.utils import format_datetime
from string import Template
from xml.sax.saxutils import escape as xml_escape

from wirewatch.demo.content import (
    ATOM_TYPE,
    HTML_TYPE,
    RELATED_COUNT,
    RSS_TYPE,
    SECOND_EDITION_AT,
    TEXT_TYPE,
    XML_TYPE,
    ArchiveSpec,
    DemoArticle,
    DemoContent,
    DemoSite,
    FeedSpec,
    Resource,
    SectionPageSpec,
    _hex,
    _month,
    article_path,
)

__all__ = ["render_site"]


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
