"""URL canonicalisation: one spelling per article page.

The same page is reachable under many URLs (mobile and AMP hosts, tracking
parameters, fragments, default ports, trailing slashes). :func:`canonical_url`
maps all of them to one string, and prefers the page's own ``rel=canonical`` /
``og:url`` when that points to the same site.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

from wirewatch.dedupe.tuning import (
    HOST_PREFIXES,
    SECOND_LEVEL_LABELS,
    TRACKING_PARAMS,
    TRACKING_PREFIXES,
)
from wirewatch.errors import UsageError
from wirewatch.hosts import bare_host

__all__ = ["canonical_url", "site_of"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters a path may carry unescaped; everything else is percent-encoded once,
# so "%7E" and "~" (or a raw space and "%20") become the same spelling.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_AMP_SUFFIX = re.compile(r"/amp$", re.IGNORECASE)
_AMP_EXTENSION = re.compile(r"[._]amp(\.html?)$", re.IGNORECASE)


def _host(netloc_host: str) -> str:
    labels = bare_host(netloc_host).split(".")
    # Strip mobile/AMP/www prefixes, but never down to a bare TLD.
    while len(labels) > 2 and labels[0] in HOST_PREFIXES:
        labels = labels[1:]
    return ".".join(labels)


def site_of(host: str) -> str:
    """The registrable domain of a host, approximately ("news.bbc.co.uk" -> "bbc.co.uk")."""
    labels = _host(host).split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL_LABELS:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES)


def _path(path: str) -> str:
    path = quote(unquote(path), safe=_PATH_SAFE)
    path = re.sub(r"/{2,}", "/", path)
    # AMP renderings live under /amp/ prefixes or /amp suffixes of the same article path.
    while path.lower().startswith("/amp/"):
        path = path[4:]
    path = path.rstrip("/")
    while _AMP_SUFFIX.search(path):
        path = _AMP_SUFFIX.sub("", path).rstrip("/")
    path = _AMP_EXTENSION.sub(r"\1", path).rstrip("/")
    return path or "/"


def _canonical(url: str) -> str:
    raw = url.strip()
    if not raw:
        raise UsageError("cannot canonicalise an empty URL")
    if "://" not in raw and not raw.startswith("//"):
        raise UsageError(f"not an absolute URL: {raw!r}")
    if raw.startswith("//"):
        raw = "https:" + raw
    try:
        parts = urlsplit(raw)
    except ValueError as exc:  # "Invalid IPv6 URL" and the like
        raise UsageError(f"not a valid URL ({exc}): {raw!r}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise UsageError(f"not an http(s) URL: {raw!r}")
    if not parts.hostname:
        raise UsageError(f"URL has no host: {raw!r}")
    try:
        port = parts.port
    except ValueError as exc:
        raise UsageError(f"URL has a bad port: {raw!r}") from exc
    host = _host(parts.hostname)
    # http and https serve the same article; one scheme keeps one spelling.
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query_pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query = urlencode(sorted(query_pairs), doseq=False)
    return urlunsplit(("https", netloc, _path(parts.path), query, ""))


def canonical_url(url: str, *, page_canonical: str | None = None) -> str:
    """One spelling for every URL of the same page.

    Lower-cases the host, drops ``www.``/``m.``/``amp.`` prefixes, AMP paths,
    tracking parameters, fragments, default ports and trailing slashes, and
    uses https. ``page_canonical`` (the page's ``rel=canonical`` or ``og:url``,
    possibly relative) wins when it points to the same site and is not a bare
    home page. Raises :class:`UsageError` for an empty or non-http(s) URL.
    """
    own = _canonical(url)
    if not page_canonical or not page_canonical.strip():
        return own
    try:
        declared = _canonical(urljoin(url.strip(), page_canonical.strip()))
    except UsageError:
        # A broken canonical tag is the page's problem, not a reason to lose the article.
        return own
    own_site = site_of(urlsplit(own).hostname or "")
    declared_parts = urlsplit(declared)
    if site_of(declared_parts.hostname or "") != own_site or declared_parts.path in ("", "/"):
        return own
    return declared
