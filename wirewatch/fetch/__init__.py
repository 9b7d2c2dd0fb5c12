"""Fetch stage: discovery from feeds, sitemaps and sections, then polite fetching.

Every URL passes an :class:`AddressGuard` first and every connection a
:class:`GuardedTransport`: a source reaches public addresses, the address
classes of its own configured hosts and its ``allow_networks``, nothing else
(outcome ``blocked_address``). URLs are recorded and shown with credentials masked.

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
from wirewatch.fetch.guard import (
    AddressGuard,
    AddressPolicy,
    GuardedTransport,
    address_class,
    mask_credentials,
)
from wirewatch.fetch.known import KnownUrl, changed_since, is_final
from wirewatch.fetch.limiter import HostLimiter
from wirewatch.fetch.robots import RobotsCache, RobotsPolicy, StoredRobots, robots_cache_for

__all__ = [
    "AddressGuard",
    "AddressPolicy",
    "Exchange",
    "Fetcher",
    "GuardedTransport",
    "HostLimiter",
    "KnownUrl",
    "RobotsCache",
    "RobotsPolicy",
    "SourceFetch",
    "StoredRobots",
    "WarcArchive",
    "address_class",
    "archive_path",
    "build_client",
    "changed_since",
    "discover",
    "fetch_source",
    "fetch_sources",
    "is_final",
    "looks_like_article",
    "mask_credentials",
    "parse_feed",
    "parse_section",
    "parse_sitemap",
    "read_archive",
    "robots_cache_for",
    "translate_httpx_error",
]
