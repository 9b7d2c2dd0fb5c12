"""Where fetching may go: the addresses each source may reach, checked where connections are made.

Feeds, sitemaps and section pages name the URLs wirewatch fetches, so a broken
or hostile listing could send it to the machine it runs on, the local network
or a cloud metadata service (169.254.169.254), or hand it a login to use. The
rules:

- A source may reach public addresses, addresses in the classes its own
  configured hosts resolve to (the demo on 127.0.0.x may reach loopback), and
  the ranges its ``allow_networks`` lists. Any other address of
  :data:`~wirewatch.fetch.rules.BLOCKED_ADDRESS_CLASSES` is refused with
  outcome ``blocked_address``, recorded like any other attempt.
- The check is made twice. Before a URL is fetched (:meth:`AddressGuard.refusal`,
  names looked up once per batch), so a refusal is recorded plainly and no
  robots.txt is asked of a refused host. And where the connection is made:
  :class:`GuardedTransport` looks the name up itself, refuses it if any address
  is blocked, and connects to the address it checked (the Host header and TLS
  SNI keep the name). A name that answers differently at connect time (DNS
  rebinding) and every redirect hop meet that second check. Connections are
  pooled per policy, so one source never reuses a connection that another,
  with wider rights, was allowed to open.
- A URL carrying ``user:password@`` is fetched only when it is one of the
  source's own configured URLs; the login then goes in an Authorization header,
  never in the URL handed to httpx. Credentials are masked (``***@``) wherever
  a URL is recorded or shown.

Requests through an HTTP proxy would hide the address connected to, so the
batch client connects directly (httpx ignores the ``*_PROXY`` variables once a
transport is given).
"""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import anyio
import httpcore
import httpx

from wirewatch.config import SourceConfig
from wirewatch.errors import FetchError, PermanentFetchError
from wirewatch.fetch.rules import (
    BLOCKED_ADDRESS_CLASSES,
    CREDENTIALS_MASK,
    LOOKUP_TIMEOUT_SECONDS,
    MAX_CONNECTIONS,
)
from wirewatch.models import FetchOutcome

__all__ = [
    "POLICY_EXTENSION",
    "AddressGuard",
    "AddressPolicy",
    "GuardedTransport",
    "Resolver",
    "address_class",
    "mask_credentials",
    "resolve_host",
    "split_credentials",
]

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network
Resolver = Callable[[str], Awaitable[Sequence[IPAddress]]]

# The request extension that carries a request's AddressPolicy to the transport.
POLICY_EXTENSION = "wirewatch.address_policy"

_LIMITS = httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS)
_REASONS = {name: reason for name, _, reason in BLOCKED_ADDRESS_CLASSES}
# scheme://userinfo@ : everything up to the last "@" before the path starts.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/?#\s]*@")


def mask_credentials(text: str) -> str:
    """``text`` with the ``user:password@`` of every URL in it replaced by ``***@``."""
    return _USERINFO.sub(rf"\g<1>{CREDENTIALS_MASK}@", text)


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without its userinfo, and the (user, password) it carried, if any."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    return urlunsplit(parts._replace(netloc=hostport)), (unquote(user), unquote(password))


def address_class(ip: IPAddress) -> str | None:
    """The blocked class ``ip`` falls in (``loopback``, ``private``, ...), or None when public."""
    if isinstance(ip, IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for name, test, _ in BLOCKED_ADDRESS_CLASSES:
        if test(ip):
            return name
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """What one source may reach besides public addresses. The default reaches nothing else."""

    classes: frozenset[str] = frozenset()  # the classes of the source's own configured hosts
    networks: tuple[IPNetwork, ...] = ()  # the source's allow_networks

    def refusal(self, ip: IPAddress) -> str | None:
        """The class ``ip`` is refused for, or None when this policy lets it through."""
        found = address_class(ip)
        if found is None or found in self.classes:
            return None
        plain = ip.ipv4_mapped if isinstance(ip, IPv6Address) and ip.ipv4_mapped else ip
        if any(plain in net or ip in net for net in self.networks):
            return None
        return found


def _refused(host: str, ip: IPAddress, found: str) -> str:
    where = f"{host} is" if _literal(host) == ip else f"{host} resolves to {ip},"
    return (
        f"{where} {found} ({_REASONS[found]}); not fetched: a source reaches {found} addresses "
        "only when its own host is one or its allow_networks lists them"
    )


def _literal(host: str) -> IPAddress | None:
    try:
        return ip_address(host.strip("[]"))
    except ValueError:
        return None


async def resolve_host(host: str) -> Sequence[IPAddress]:
    """The addresses the system resolver gives for ``host``, in its order of preference."""
    infos = await anyio.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    found: dict[IPAddress, None] = {}
    for _family, _type, _proto, _name, sockaddr in infos:
        found[ip_address(sockaddr[0])] = None
    return list(found)


@dataclass(frozen=True)
class _Admitted:
    policy: AddressPolicy
    urls: frozenset[str]  # the source's configured URLs, the only ones allowed credentials


class AddressGuard:
    """One batch's address checks: each source's policy, and names looked up before fetching.

    ``resolver`` None looks up no names before fetching (IP literals and
    credentials are still checked): for a caller's own transport, which
    decides by itself where a name goes. ``backend`` is the network under the
    guarded transport (tests put a simulated one there).
    """

    def __init__(
        self,
        resolver: Resolver | None = resolve_host,
        *,
        backend: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._resolver = resolver
        self._backend = backend
        self._sources: dict[str, _Admitted] = {}
        self._names: dict[str, Sequence[IPAddress]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def transport(self) -> GuardedTransport:
        """The transport that checks each connection against its request's policy."""
        return GuardedTransport(self._resolver or resolve_host, backend=self._backend)

    async def admit(self, source: SourceConfig) -> AddressPolicy:
        """Work out (once per batch) what ``source`` may reach, from its configured hosts."""
        urls = (*source.feeds, *source.sitemaps, *source.sections)
        classes: set[str] = set()
        for host in {urlsplit(url).hostname or "" for url in urls} - {""}:
            for ip in await self._lookup(host):
                found = address_class(ip)
                if found is not None:
                    classes.add(found)
        policy = AddressPolicy(frozenset(classes), tuple(source.allow_networks))
        self._sources[source.name] = _Admitted(policy, frozenset(urls))
        return policy

    def policy(self, source: str) -> AddressPolicy:
        """The policy of an admitted source; a source never admitted reaches public addresses only."""
        admitted = self._sources.get(source)
        return admitted.policy if admitted is not None else AddressPolicy()

    async def refusal(self, url: str, source: str) -> str | None:
        """Why ``source`` may not fetch ``url``, or None when the URL passes the first check."""
        admitted = self._sources.get(source)
        parts = urlsplit(url)
        if "@" in parts.netloc and (admitted is None or url not in admitted.urls):
            return (
                "the URL carries credentials (user:password@); only a source's own "
                "configured URLs may, so it is not fetched"
            )
        host = parts.hostname
        if not host:
            return None  # httpx says what is wrong with the URL
        policy = self.policy(source)
        for ip in await self._lookup(host):
            found = policy.refusal(ip)
            if found is not None:
                return _refused(host, ip, found)
        return None

    async def _lookup(self, host: str) -> Sequence[IPAddress]:
        literal = _literal(host)
        if literal is not None:
            return [literal]
        if self._resolver is None:
            return []
        async with self._locks.setdefault(host, asyncio.Lock()):
            if host not in self._names:
                try:
                    async with asyncio.timeout(LOOKUP_TIMEOUT_SECONDS):
                        self._names[host] = list(await self._resolver(host))
                except (OSError, TimeoutError):
                    # Not cached: the connection looks again and records what is wrong.
                    return []
            return self._names[host]


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves a name, refuses it if any address is blocked, connects to a checked address."""

    def __init__(
        self, policy: AddressPolicy, resolver: Resolver, inner: httpcore.AsyncNetworkBackend
    ) -> None:
        self._policy = policy
        self._resolver = resolver
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._addresses(host, timeout)
        for ip in addresses:
            found = self._policy.refusal(ip)
            if found is not None:
                raise PermanentFetchError(
                    f"on connecting, {_refused(host, ip, found)}",
                    outcome=FetchOutcome.BLOCKED_ADDRESS,
                )
        failure: Exception | None = None
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # _addresses returns at least one address
        raise failure

    async def _addresses(self, host: str, timeout: float | None) -> Sequence[IPAddress]:
        literal = _literal(host)
        if literal is not None:
            return [literal]
        try:
            with anyio.fail_after(timeout):
                found = list(await self._resolver(host))
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"no address for {host} within {timeout}s") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not found:
            raise httpcore.ConnectError(f"{host} has no address")
        return found

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("wirewatch does not fetch over unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _PoolTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool we build, for its network backend seam.

    httpx does not pass a network backend to the pool it builds; its transport
    holds the pool in ``_pool`` and does nothing else in ``__init__``.
    ``tests/test_fetch_guard.py`` fails if that ever changes.
    """

    def __init__(self, pool: httpcore.AsyncConnectionPool) -> None:
        self._pool = pool


class GuardedTransport(httpx.AsyncBaseTransport):
    """An HTTP/1.1 transport that connects only where each request's policy allows.

    The policy rides on the request as extension :data:`POLICY_EXTENSION` (a
    request without one reaches public addresses only); redirects carry it on.
    """

    def __init__(
        self,
        resolver: Resolver = resolve_host,
        *,
        backend: httpcore.AsyncNetworkBackend | None = None,
        limits: httpx.Limits = _LIMITS,
    ) -> None:
        self._resolver = resolver
        self._backend = backend or httpcore.AnyIOBackend()
        self._limits = limits
        self._pools: dict[AddressPolicy, _PoolTransport] = {}
        self._ssl_context: Any = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        policy = request.extensions.get(POLICY_EXTENSION)
        if not isinstance(policy, AddressPolicy):
            policy = AddressPolicy()
        try:
            return await self._pool(policy).handle_async_request(request)
        except FetchError as exc:
            # Name the URL: on a redirect it is not the one the record is about.
            raise PermanentFetchError(
                f"{mask_credentials(str(request.url))}: {exc}", outcome=exc.outcome
            ) from None

    def _pool(self, policy: AddressPolicy) -> _PoolTransport:
        pool = self._pools.get(policy)
        if pool is None:
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context()
            pool = _PoolTransport(
                httpcore.AsyncConnectionPool(
                    ssl_context=self._ssl_context,
                    max_connections=self._limits.max_connections,
                    max_keepalive_connections=self._limits.max_keepalive_connections,
                    keepalive_expiry=self._limits.keepalive_expiry,
                    http1=True,
                    http2=False,
                    network_backend=_GuardedBackend(policy, self._resolver, self._backend),
                )
            )
            self._pools[policy] = pool
        return pool

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()
