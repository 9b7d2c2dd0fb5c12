"""Fetch stage: discovery from feeds, sitemaps and sections, then polite fetching.

Only this package catches httpx errors; they leave it as
:class:`~wirewatch.errors.FetchError` outcomes on
:class:`~wirewatch.models.FetchRecord` rows.
"""

from wirewatch.fetch.archive import Exchange, WarcArchive, archive_path, read_archive
from wirewatch.fetch.batch import SourceFetch, fetch_source, fetch_sources
from wirewatch.fetch.client import Fetcher, build_client, translate_httpx_error
from wirewatch.fetch.discover import (
    discover,
    looks_like_article,
    parse_feed,
    parse_section,
    parse_sitemap,
)
from wirewatch.fetch.known import FINAL_OUTCOMES, KnownUrl, changed_since, is_final
from wirewatch.fetch.limiter import HostLimiter
from wirewatch.fetch.robots import RobotsPolicy

__all__ = [
    "FINAL_OUTCOMES",
    "Exchange",
    "Fetcher",
    "HostLimiter",
    "KnownUrl",
    "RobotsPolicy",
    "SourceFetch",
    "WarcArchive",
    "archive_path",
    "build_client",
    "changed_since",
    "discover",
    "fetch_source",
    "fetch_sources",
    "is_final",
    "looks_like_article",
    "parse_feed",
    "parse_section",
    "parse_sitemap",
    "read_archive",
    "translate_httpx_error",
]
