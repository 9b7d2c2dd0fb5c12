"""The polite HTTP client: robots.txt, per-host limits, retries, size cap, records.

This is the only place in wirewatch that catches httpx errors; each one becomes
a :class:`~wirewatch.errors.TransientFetchError` or
:class:`~wirewatch.errors.PermanentFetchError` whose ``outcome`` is the
``fetches.outcome`` value. Every attempt, retries and robots.txt included,
is appended as a :class:`~wirewatch.models.FetchRecord` to the caller's list.
Before any of that, the :class:`~wirewatch.fetch.guard.AddressGuard` decides
whether the source may fetch the URL at all; records and messages show URLs
with their credentials masked.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import uuid
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import httpx

from wirewatch.config import Defaults, SourceConfig
from wirewatch.errors import FetchError, PermanentFetchError, TransientFetchError
from wirewatch.fetch.archive import Exchange, WarcArchive
from wirewatch.fetch.guard import (
    POLICY_EXTENSION,
    AddressGuard,
    AddressPolicy,
    mask_credentials,
    split_credentials,
)
from wirewatch.fetch.headers import retry_after_seconds
from wirewatch.fetch.limiter import HostLimiter
from wirewatch.fetch.robots import RobotsCache, RobotsPolicy, StoredRobots, robots_url
from wirewatch.fetch.rules import (
    CRAWL_DELAY_CAP_SECONDS,
    CREDENTIALS_MASK,
    ERROR_BODY_MAX_BYTES,
    MAX_CONNECTIONS,
    RETRY_AFTER_STATUSES,
    RETRY_STATUSES,
    ROBOTS_MAX_BYTES,
    TOTAL_TIMEOUT_FACTOR,
)
from wirewatch.hosts import origin_key
from wirewatch.models import FetchOutcome, FetchRecord

__all__ = ["HTTPX_ERRORS", "Fetcher", "build_client", "translate_httpx_error"]

log = logging.getLogger(__name__)

# httpx exception -> (transient?, outcome). Looked up along the MRO, most
# specific first; tests fail when httpx exports a class that is not listed.
HTTPX_ERRORS: dict[type[Exception], tuple[bool, str]] = {
    httpx.ConnectTimeout: (True, FetchOutcome.TIMEOUT),
    httpx.ReadTimeout: (True, FetchOutcome.TIMEOUT),
    httpx.WriteTimeout: (True, FetchOutcome.TIMEOUT),
    httpx.PoolTimeout: (True, FetchOutcome.TIMEOUT),
    httpx.TimeoutException: (True, FetchOutcome.TIMEOUT),
    httpx.ConnectError: (True, FetchOutcome.CONNECT_ERROR),
    httpx.ReadError: (True, FetchOutcome.CONNECT_ERROR),
    httpx.WriteError: (True, FetchOutcome.CONNECT_ERROR),
    httpx.CloseError: (True, FetchOutcome.CONNECT_ERROR),
    httpx.NetworkError: (True, FetchOutcome.CONNECT_ERROR),
    httpx.ProxyError: (True, FetchOutcome.CONNECT_ERROR),
    # The server hung up or spoke broken HTTP mid-answer: often a restart, so try again.
    httpx.RemoteProtocolError: (True, FetchOutcome.CONNECT_ERROR),
    httpx.LocalProtocolError: (False, FetchOutcome.HTTP_ERROR),
    httpx.ProtocolError: (True, FetchOutcome.CONNECT_ERROR),
    httpx.UnsupportedProtocol: (False, FetchOutcome.HTTP_ERROR),
    httpx.TransportError: (True, FetchOutcome.CONNECT_ERROR),
    httpx.DecodingError: (False, FetchOutcome.HTTP_ERROR),
    httpx.TooManyRedirects: (False, FetchOutcome.HTTP_ERROR),
    httpx.RequestError: (False, FetchOutcome.HTTP_ERROR),
    httpx.HTTPStatusError: (False, FetchOutcome.HTTP_ERROR),
    httpx.HTTPError: (False, FetchOutcome.HTTP_ERROR),
    httpx.InvalidURL: (False, FetchOutcome.HTTP_ERROR),
    httpx.CookieConflict: (False, FetchOutcome.HTTP_ERROR),
    httpx.StreamError: (False, FetchOutcome.HTTP_ERROR),
    httpx.StreamConsumed: (False, FetchOutcome.HTTP_ERROR),
    httpx.StreamClosed: (False, FetchOutcome.HTTP_ERROR),
    httpx.ResponseNotRead: (False, FetchOutcome.HTTP_ERROR),
    httpx.RequestNotRead: (False, FetchOutcome.HTTP_ERROR),
}


def translate_httpx_error(exc: Exception, url: str) -> FetchError:
    """The wirewatch error for an httpx exception raised while fetching ``url``."""
    for cls in type(exc).__mro__:
        if cls in HTTPX_ERRORS:
            transient, outcome = HTTPX_ERRORS[cls]
            break
    else:
        transient, outcome = False, FetchOutcome.HTTP_ERROR
    detail = str(exc) or type(exc).__name__
    message = mask_credentials(f"{type(exc).__name__}: {detail}")
    error_type = TransientFetchError if transient else PermanentFetchError
    return error_type(message, outcome=outcome)


def build_client(
    defaults: Defaults, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """The one AsyncClient of a batch: HTTP/1.1, redirects followed, our User-Agent and timeout."""
    return httpx.AsyncClient(
        http1=True,
        http2=False,
        follow_redirects=True,
        headers={"User-Agent": defaults.user_agent},
        timeout=httpx.Timeout(defaults.timeout_seconds),
        limits=httpx.Limits(
            max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS
        ),
        transport=transport,
    )


def _now() -> datetime:
    return datetime.now(UTC)


# The request extension that carries a request's _Hops through its redirects.
HOPS_EXTENSION = "wirewatch.hops"


@dataclass
class _Hops:
    """One request and its redirects: who asked, and how many hops were sent so far."""

    source: str
    kind: str
    rate: float
    records: list[FetchRecord] = field(repr=False)
    sent: int = 0


@dataclass
class _Attempt:
    record: FetchRecord
    exchange: Exchange | None = None  # set for ok and not_modified
    error: FetchError | None = None
    retry_after: float | None = None


class Fetcher:
    """Fetches URLs for a batch of sources through one shared client and limiter."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        defaults: Defaults,
        *,
        archive: WarcArchive | None = None,
        limiter: HostLimiter | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        guard: AddressGuard | None = None,
        cache: RobotsCache | None = None,
    ) -> None:
        self._client = client
        # Every hop of a redirect meets robots.txt and its host's limiter (see _on_request).
        hooks = client.event_hooks
        client.event_hooks = {**hooks, "request": [*hooks.get("request", []), self._on_request]}
        # Without a guard of the caller's, names are not looked up before fetching.
        self._guard = guard or AddressGuard(resolver=None)
        self._defaults = defaults
        self._archive = archive
        self._limiter = limiter or HostLimiter(defaults.per_host_concurrency)
        self._sleep = sleep
        self._connections = asyncio.Semaphore(MAX_CONNECTIONS)
        self._robots = cache if cache is not None else RobotsCache()
        self._fresh_robots: dict[str, list[StoredRobots]] = {}  # source -> answers fetched for it

    async def admit(self, source: SourceConfig) -> AddressPolicy:
        """Work out what ``source`` may reach; call once per source before fetching for it."""
        return await self._guard.admit(source)

    async def get(
        self,
        url: str,
        *,
        source: str,
        kind: str,
        records: list[FetchRecord],
        rate: float,
        etag: str | None = None,
        last_modified: str | None = None,
        hint_title: str | None = None,
        hint_published: datetime | None = None,
    ) -> Exchange:
        """Fetch ``url`` politely; the answer is a 2xx or a 304 (``status_code == 304``).

        Raises a FetchError (already recorded) when the address guard refuses
        the URL, robots.txt forbids it, or every attempt failed.
        """
        refusal = await self._guard.refusal(url, source)
        if refusal is not None:
            records.append(
                FetchRecord(
                    fetch_id=uuid.uuid4().hex,
                    source=source,
                    url=mask_credentials(url),
                    requested_at=_now(),
                    outcome=FetchOutcome.BLOCKED_ADDRESS,
                    error=refusal,
                    kind=kind,
                )
            )
            raise PermanentFetchError(refusal, outcome=FetchOutcome.BLOCKED_ADDRESS)
        if not await self._robots_allow(url, source=source, records=records, rate=rate):
            blocked = self._robots_refusal(url)
            outcome, message = blocked.outcome, str(blocked)
            records.append(
                FetchRecord(
                    fetch_id=uuid.uuid4().hex,
                    source=source,
                    url=mask_credentials(url),
                    requested_at=_now(),
                    outcome=outcome,
                    error=message,
                    kind=kind,
                )
            )
            raise blocked

        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = origin_key(url)
        rate = self._polite_rate(url, rate)
        retries = self._defaults.retries
        for attempt_no in range(retries + 1):
            attempt = await self._attempt(
                url,
                source=source,
                kind=kind,
                rate=rate,
                headers=headers,
                max_bytes=self._defaults.max_bytes,
                hint_title=hint_title,
                hint_published=hint_published,
                records=records,
            )
            error = attempt.error
            if error is None:
                records.append(attempt.record)
                assert attempt.exchange is not None
                return attempt.exchange
            if not error.transient or attempt_no == retries:
                records.append(attempt.record)
                raise error
            delay = self._retry_delay(attempt_no, attempt.retry_after)
            if attempt.retry_after is not None:
                # The server asked the whole host to slow down, not just this URL.
                self._limiter.defer(host, delay)
            records.append(
                _with_error(
                    attempt.record,
                    f"{attempt.record.error}; retry {attempt_no + 1} of {retries} in {delay:.3g}s",
                )
            )
            await self._sleep(delay)
        raise AssertionError("unreachable: the retry loop returns or raises")

    def _retry_delay(self, attempt_no: int, retry_after: float | None) -> float:
        cap = self._defaults.max_retry_after_seconds
        if retry_after is not None:
            return min(retry_after, cap)
        return min(self._defaults.backoff_seconds * 2.0**attempt_no, cap)

    def take_robots(self, source: str) -> list[StoredRobots]:
        """The robots.txt answers fetched on behalf of ``source`` (to store for later runs)."""
        return self._fresh_robots.pop(source, [])

    def _robots_refusal(self, url: str, *, redirect: bool = False) -> FetchError:
        """The error for a URL robots.txt keeps us from: disallowed, or its robots.txt failed."""
        policy = self._robots.policy(robots_url(url))
        where = f"redirected to {mask_credentials(url)}: " if redirect else ""
        if policy is not None and policy.reason == "unavailable" and policy.outcome:
            # The host did not answer its robots.txt: say so, rather than "disallowed".
            message = f"{where}not fetched: the host's robots.txt failed this run ({policy.detail})"
            return TransientFetchError(message, outcome=policy.outcome)
        message = f"{where}robots.txt disallows {mask_credentials(url)}"
        return PermanentFetchError(message, outcome=FetchOutcome.ROBOTS_DISALLOWED)

    def _polite_rate(self, url: str, rate: float) -> float:
        """``rate``, or slower where the host's robots.txt asks for a longer Crawl-delay (capped)."""
        policy = self._robots.policy(robots_url(url))
        delay = policy.crawl_delay(self._defaults.user_agent) if policy is not None else None
        if delay is None:
            return rate
        return min(rate, 1.0 / min(delay, CRAWL_DELAY_CAP_SECONDS))

    async def _on_request(self, request: httpx.Request) -> None:
        """Each redirect hop: re-checked against its host's robots.txt, then waits its host's turn.

        The hop keeps the concurrency slot of the first host (taking the target's
        too could deadlock two hosts redirecting to each other); it is spaced by
        the target host's rate, Crawl-delay included.
        """
        hops = request.extensions.get(HOPS_EXTENSION)
        if not isinstance(hops, _Hops):
            return
        hops.sent += 1
        if hops.sent == 1 or hops.kind == "robots":
            return
        url = str(request.url)
        allowed = await self._robots_allow(
            url, source=hops.source, records=hops.records, rate=hops.rate, hold_connection=False
        )
        if not allowed:
            raise self._robots_refusal(url, redirect=True)
        await self._limiter.turn(origin_key(url), self._polite_rate(url, hops.rate))

    async def _robots_allow(
        self,
        url: str,
        *,
        source: str,
        records: list[FetchRecord],
        rate: float,
        hold_connection: bool = True,
    ) -> bool:
        """Consult (and on first use fetch, once per origin per run) the robots.txt for ``url``."""
        rurl = robots_url(url)
        if url == rurl:
            return True
        policy = await self._robots.answer(
            rurl,
            lambda: self._fetch_robots(
                rurl, source=source, records=records, rate=rate, hold_connection=hold_connection
            ),
        )
        return policy.allows(url, self._defaults.user_agent)

    async def _fetch_robots(
        self,
        rurl: str,
        *,
        source: str,
        records: list[FetchRecord],
        rate: float,
        hold_connection: bool = True,
    ) -> RobotsPolicy:
        # One attempt, no retries: an unreadable robots.txt closes the host for
        # this run only, and the next run asks again.
        attempt = await self._attempt(
            rurl,
            source=source,
            kind="robots",
            rate=rate,
            headers={},
            max_bytes=ROBOTS_MAX_BYTES,
            truncate=True,
            hold_connection=hold_connection,
        )
        status = attempt.record.status_code
        fresh = self._fresh_robots.setdefault(source, [])
        if attempt.exchange is not None:
            records.append(attempt.record)
            text = attempt.exchange.body.decode("utf-8", errors="replace")
            fresh.append(StoredRobots(rurl, status or 200, text, attempt.record.requested_at))
            return RobotsPolicy.from_text(text)
        if status is not None and 400 <= status < 500 and status != 429:
            records.append(
                replace(attempt.record, error=f"{attempt.record.error}: no robots.txt, all allowed")
            )
            fresh.append(StoredRobots(rurl, status, None, attempt.record.requested_at))
            return RobotsPolicy.missing()
        records.append(
            replace(
                attempt.record,
                error=f"{attempt.record.error}: robots.txt unavailable, host skipped this run",
            )
        )
        log.info(
            "robots.txt unavailable at %s (%s): host closed for this run",
            mask_credentials(rurl),
            attempt.record.error,
        )
        return RobotsPolicy.unavailable(attempt.record.outcome, attempt.record.error)

    async def _attempt(
        self,
        url: str,
        *,
        source: str,
        kind: str,
        rate: float,
        headers: dict[str, str],
        max_bytes: int,
        truncate: bool = False,
        hint_title: str | None = None,
        hint_published: datetime | None = None,
        records: list[FetchRecord] | None = None,
        hold_connection: bool = True,
    ) -> _Attempt:
        """One HTTP request: an ok/not_modified record with its exchange, or a failed one with its error."""
        fetch_id = uuid.uuid4().hex
        host = origin_key(url)
        # A login from the URL goes as a header: httpx never sees (or logs) it in a URL.
        wire_url, login = split_credentials(url)
        auth: httpx.Auth | None = httpx.BasicAuth(*login) if login else None
        extensions = {
            POLICY_EXTENSION: self._guard.policy(source),
            HOPS_EXTENSION: _Hops(source, kind, rate, records if records is not None else []),
        }

        def record(outcome: str, **fields: Any) -> FetchRecord:
            return FetchRecord(
                fetch_id=fetch_id,
                source=source,
                url=mask_credentials(url),
                requested_at=requested_at,
                outcome=outcome,
                kind=kind,
                **fields,
            )

        def failed(error: FetchError, retry_after: float | None = None, **fields: Any) -> _Attempt:
            return _Attempt(
                record(error.outcome, error=str(error), **fields),
                error=error,
                retry_after=retry_after,
            )

        requested_at = _now()
        total_timeout = self._defaults.timeout_seconds * TOTAL_TIMEOUT_FACTOR
        try:
            connection = self._connections if hold_connection else nullcontext()
            async with self._limiter.slot(host, rate), connection:
                requested_at = _now()
                async with asyncio.timeout(total_timeout):
                    async with self._client.stream(
                        "GET", wire_url, headers=headers, auth=auth, extensions=extensions
                    ) as response:
                        return await self._read(
                            response,
                            url=mask_credentials(url),
                            source=source,
                            kind=kind,
                            fetch_id=fetch_id,
                            requested_at=requested_at,
                            max_bytes=max_bytes,
                            truncate=truncate,
                            hint_title=hint_title,
                            hint_published=hint_published,
                            record=record,
                            failed=failed,
                        )
        except FetchError as exc:  # the guarded transport refused the connection
            return failed(exc)
        except httpx.HTTPError as exc:
            return failed(translate_httpx_error(exc, url))
        except httpx.InvalidURL as exc:
            return failed(translate_httpx_error(exc, url))
        except TimeoutError:
            return failed(
                TransientFetchError(
                    f"no complete answer within {total_timeout:g}s", outcome=FetchOutcome.TIMEOUT
                )
            )

    async def _read(
        self,
        response: httpx.Response,
        *,
        url: str,
        source: str,
        kind: str,
        fetch_id: str,
        requested_at: datetime,
        max_bytes: int,
        truncate: bool,
        hint_title: str | None,
        hint_published: datetime | None,
        record: Callable[..., FetchRecord],
        failed: Callable[..., _Attempt],
    ) -> _Attempt:
        status = response.status_code
        final_url = mask_credentials(str(response.url))
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        common = {
            "status_code": status,
            "final_url": final_url,
            "etag": etag,
            "last_modified": last_modified,
        }

        def exchange(body: bytes) -> Exchange:
            return Exchange(
                url=url,
                final_url=final_url,
                source=source,
                kind=kind,
                fetch_id=fetch_id,
                fetched_at=requested_at,
                status_code=status,
                reason=response.reason_phrase,
                request_headers=tuple(
                    (k, CREDENTIALS_MASK if k.lower() in _SECRET_HEADERS else v)
                    for k, v in response.request.headers.items()
                ),
                response_headers=tuple(response.headers.items()),
                body=body,
                hint_title=hint_title,
                hint_published=hint_published,
            )

        if status == 304:
            return _Attempt(record(FetchOutcome.NOT_MODIFIED, **common), exchange(b""))
        if not 200 <= status < 300 or status in (204, 205):
            await _drain(response)
            message = f"HTTP {status} {response.reason_phrase}".strip()
            if status in RETRY_STATUSES:
                retry_after = None
                if status in RETRY_AFTER_STATUSES:
                    retry_after = retry_after_seconds(response.headers.get("Retry-After"))
                return failed(
                    TransientFetchError(
                        message, outcome=FetchOutcome.HTTP_ERROR, status_code=status
                    ),
                    retry_after,
                    **common,
                )
            return failed(
                PermanentFetchError(message, outcome=FetchOutcome.HTTP_ERROR, status_code=status),
                **common,
            )

        declared = response.headers.get("Content-Length")
        if (
            not truncate
            and declared is not None
            and declared.isdigit()
            and int(declared) > max_bytes
        ):
            return failed(_too_large(int(declared), max_bytes, status), **common)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                if truncate:
                    break
                # Stop reading here: the rest of the body never crosses the wire.
                return failed(_too_large(size, max_bytes, status), bytes=size, **common)
        body = b"".join(chunks)[:max_bytes] if truncate else b"".join(chunks)
        done = exchange(body)
        if self._archive is not None:
            self._archive.write(done)
        return _Attempt(
            record(
                FetchOutcome.OK,
                bytes=len(body),
                content_sha256=hashlib.sha256(body).hexdigest(),
                **common,
            ),
            done,
        )


async def _drain(response: httpx.Response) -> None:
    """Read a short error body so the connection closes cleanly (or is reused), not reset."""
    size = 0
    try:
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > ERROR_BODY_MAX_BYTES:
                return
    except httpx.HTTPError:
        # The body is discarded anyway; the status already says what went wrong.
        return


def _too_large(size: int, max_bytes: int, status: int) -> PermanentFetchError:
    return PermanentFetchError(
        f"body exceeds the {max_bytes}-byte cap (read or declared {size})",
        outcome=FetchOutcome.TOO_LARGE,
        status_code=status,
    )


def _with_error(record: FetchRecord, error: str) -> FetchRecord:
    return replace(record, error=error)


# Request headers kept out of the archive: they carry the logins of configured URLs.
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
