"""Tunables and URL heuristics of the fetch stage, kept as data in one place.

Per-run knobs that users change (timeouts, rates, retries, caps) live in
:class:`wirewatch.config.Defaults`; these are the fixed rules behind them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from ipaddress import IPv4Address, IPv6Address

__all__ = [
    "ARTICLE_PATH_PATTERNS",
    "BLOCKED_ADDRESS_CLASSES",
    "CRAWL_DELAY_CAP_SECONDS",
    "CREDENTIALS_MASK",
    "ERROR_BODY_MAX_BYTES",
    "GZIP_MAGIC",
    "LOOKUP_TIMEOUT_SECONDS",
    "MAX_CHILD_SITEMAPS",
    "MAX_CONNECTIONS",
    "MAX_SITEMAP_DEPTH",
    "MIN_TITLE_CHARS",
    "NAV_ANCESTOR_TAGS",
    "NAV_CLASS_PATTERN",
    "NON_ARTICLE_EXTENSIONS",
    "NON_ARTICLE_PATH_PATTERN",
    "NON_ARTICLE_QUERY_KEYS",
    "RETRY_AFTER_STATUSES",
    "RETRY_STATUSES",
    "ROBOTS_MAX_BYTES",
    "TOTAL_TIMEOUT_FACTOR",
]

# Statuses worth another attempt; only these two carry a Retry-After we honour.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_AFTER_STATUSES = frozenset({429, 503})

# httpx's timeout is per network operation, so a server dripping one byte per
# second would never time out; the whole attempt gets this many timeouts.
TOTAL_TIMEOUT_FACTOR = 3.0

# Connections open at once across all hosts. Requests wait on our own semaphore
# before httpx's pool, so pool waits never turn into PoolTimeout errors.
MAX_CONNECTIONS = 64

# Error pages are read up to this size and dropped: leaving unread bytes on a
# socket makes closing it a reset, which servers log as an error.
ERROR_BODY_MAX_BYTES = 65_536

# A robots.txt Crawl-delay longer than the configured delay wins, up to this: some sites
# write 60 or 3600 to mean "slowly", which would hold a 15-minute run for hours on one
# host; at 10 s a host still gets at most six requests a minute from us.
CRAWL_DELAY_CAP_SECONDS = 10.0

# Google reads at most 500 KiB of robots.txt; so do we (the rest is ignored).
ROBOTS_MAX_BYTES = 512_000

# Sitemap indexes of agencies list years of monthly archives: follow only the
# newest children (by <lastmod>) and at most one level of nested indexes.
MAX_CHILD_SITEMAPS = 20
MAX_SITEMAP_DEPTH = 2

GZIP_MAGIC = b"\x1f\x8b"

# --- where fetching may go ------------------------------------------------------

# Address classes a source may not reach unless its own configured host is in
# the same class or it lists the range in allow_networks. Checked in this order
# (the first match names the class) on the address actually connected to;
# IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are judged as their IPv4 address.
# Each entry: (class, test on an ipaddress address, why it is refused).
BLOCKED_ADDRESS_CLASSES: tuple[tuple[str, Callable[[IPv4Address | IPv6Address], bool], str], ...] = (
    ("unspecified", lambda ip: ip.is_unspecified, "0.0.0.0 and :: connect to this machine itself"),
    ("loopback", lambda ip: ip.is_loopback, "127.0.0.0/8 and ::1 are this machine's own services"),
    (
        "link-local",
        lambda ip: ip.is_link_local,
        "169.254.0.0/16 and fe80::/10 hold cloud metadata services that hand out credentials",
    ),
    ("multicast", lambda ip: ip.is_multicast, "a group address is never one web server"),
    (
        "reserved",
        lambda ip: ip.is_reserved,
        "IETF-reserved ranges (240.0.0.0/4, ::/8) are not on the public internet",
    ),
    (
        "private",
        lambda ip: ip.is_private,
        "RFC 1918 and fc00::/7 ranges are internal networks: routers, admin pages, databases",
    ),
    (
        "not-global",
        lambda ip: not ip.is_global,
        "the rest IANA marks not globally reachable, e.g. 100.64.0.0/10 carrier-grade NAT",
    ),
)

# A name that does not resolve within this time before fetching is left to the
# connection, which looks it up again under the fetch timeout and records why.
LOOKUP_TIMEOUT_SECONDS = 10.0

# What stands for the user:password@ part of a URL in records, messages and logs.
CREDENTIALS_MASK = "***"

# --- section pages: which same-host links look like articles ---------------

# A link inside one of these elements, or inside an element whose class/id/role
# matches NAV_CLASS_PATTERN, is site furniture (menus, breadcrumbs, tag clouds).
NAV_ANCESTOR_TAGS = frozenset({"nav", "header", "footer", "aside", "menu"})
NAV_CLASS_PATTERN = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|header|pagination|pager"
    r"|tags?|tag-?cloud|share|social|sidebar|topbar|masthead)(?:$|[\s_-])",
    re.IGNORECASE,
)

# Paths that are listings, not stories: tags, authors, pagination, service pages.
NON_ARTICLE_PATH_PATTERN = re.compile(
    r"/(?:tags?|topics?|categor(?:y|ies)|authors?|page|search|login|signin|sign-in|register"
    r"|subscribe|subscriptions?|about|about-us|contact|contact-us|privacy|terms|cookies?"
    r"|rss|feeds?|newsletters?|archive|sitemap|help|faq|account|user)(?:/|$|\.)"
    r"|/index\.s?html?$|/default\.aspx?$|/p(?:age)?\d+/?$",
    re.IGNORECASE,
)
NON_ARTICLE_QUERY_KEYS = frozenset({"page", "p", "tag", "q", "query", "search", "s", "sort"})
NON_ARTICLE_EXTENSIONS = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".svg",
    ".pdf",
    ".zip",
    ".mp3",
    ".mp4",
    ".css",
    ".js",
    ".xml",
    ".rss",
    ".json",
    ".ico",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
)

# Any one of these makes a path look like a story: a date, a long numeric id,
# a slug of four or more words, or a page file under a dated/numbered folder.
ARTICLE_PATH_PATTERNS = (
    re.compile(r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?/"),
    re.compile(r"/(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?[/_-]"),
    re.compile(r"(?:^|[/_-])\d{5,}(?:[/_.-]|$)"),
    re.compile(
        r"/[a-z0-9\u00c0-\uffff%]+(?:[-_][a-z0-9\u00c0-\uffff%]+){3,}(?:\.s?html?|/)?$",
        re.IGNORECASE,
    ),
    re.compile(r"/content_\d+\.s?html?$", re.IGNORECASE),
)

# Anchor texts shorter than this are icons or "more" links, not headlines.
MIN_TITLE_CHARS = 12
