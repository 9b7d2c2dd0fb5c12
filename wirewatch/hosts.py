"""What a URL's host means to wirewatch: the one home of host normalisation.

Two meanings, one function each:

- :func:`host_key` is the *site* a page belongs to: the key boilerplate
  templates are learned under, the zone an extracted page is read in, the
  "same host" test for section links. Lower case, no userinfo, no port, no
  trailing dot, no leading ``www.``, IDNA names in their ASCII (``xn--``) form.
- :func:`origin_key` is the *server* a request goes to: the key of the per-host
  politeness limits and of a configured source. It is :func:`host_key` plus the
  port when the URL names one other than its scheme's default, because the demo
  and the tests run several sites on one address, told apart by port.

URL canonicalisation (mobile and AMP hosts, one spelling per article) is a
different concept and lives in :mod:`wirewatch.dedupe.urls`, built on
:func:`bare_host`, the spelling both keys start from. The name a request resolves (``urlsplit(url).hostname``, with
its ``www.``) is what the address guard in :mod:`wirewatch.fetch.guard` checks.
"""

from __future__ import annotations

from typing import Final, NamedTuple
from urllib.parse import urlsplit

__all__ = ["bare_host", "host_key", "origin_key"]

_DEFAULT_PORTS: Final = {"http": 80, "https": 443}


class _Parts(NamedTuple):
    host: str
    port: int | None


def _parts(url_or_host: str) -> _Parts:
    text = url_or_host.strip()
    scheme = ""
    if "://" in text:
        scheme = text.split("://", 1)[0].lower()
    elif not text.startswith("//"):
        # A bare host ("Example.com:8080", "user@host", "::1"): read it as a netloc.
        if text.count(":") > 1 and "[" not in text and "@" not in text:
            text = f"[{text}]"  # a bare IPv6 literal
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:  # "Invalid IPv6 URL"
        return _Parts("", None)
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and _DEFAULT_PORTS.get(scheme) == port:
        port = None
    return _Parts(bare_host(host), port)


def bare_host(hostname: str) -> str:
    """One spelling of a host name, nothing removed: lower case, no trailing dot, IDNA ``xn--`` form.

    The common ground of the keys below and of URL canonicalisation; on its
    own it is for code that strips its own prefixes (``wirewatch.dedupe.urls``).
    """
    host = hostname.strip().rstrip(".")
    if host.isascii():
        return host.lower()
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:  # not a valid internationalised name: keep it as written
        return host.lower()


def host_key(url_or_host: str) -> str:
    """The site a page belongs to: ``https://user@WWW.Example.com.:8080/x`` -> ``example.com``.

    Use it for anything that is a property of the site rather than of one
    server: learned templates, reading zones, same-site links. IPv6 literals
    come without brackets (``[::1]:8080`` -> ``::1``); an unreadable input gives "".
    """
    host = _parts(url_or_host).host
    return host[4:] if host.startswith("www.") else host


def origin_key(url: str) -> str:
    """The server a request goes to: ``http://u:p@www.Example.com:8080/x`` -> ``example.com:8080``.

    Use it for politeness limits and for matching a URL to its configured
    source, where two sites on one address differ only by port. A scheme's
    default port is dropped (``https://x:443/`` -> ``x``); IPv6 literals keep
    their brackets when a port follows (``[::1]:8080``).
    """
    parts = _parts(url)
    host = parts.host[4:] if parts.host.startswith("www.") else parts.host
    if parts.port is None:
        return host
    return f"[{host}]:{parts.port}" if ":" in host else f"{host}:{parts.port}"
