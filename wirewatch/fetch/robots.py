"""robots.txt policy: what one robots.txt answer means for the rest of the run, and the cache.

RFC 9309: a 4xx robots.txt (missing, forbidden) allows everything; a server
error or no answer at all means "assume the whole site is disallowed", which we
keep for this run only. Fetching lives in :mod:`wirewatch.fetch.client`.

A :class:`RobotsCache` holds the answers of one run for every fetch task of the
run in this process (:func:`robots_cache_for`), so a host's robots.txt is asked
once per run, not once per task. Answers that decide something (a body, or a
4xx) are also kept in the warehouse (``robots_cache``) and given to the next
runs while younger than ``robots_ttl_seconds``: the run reads them at its start
and the load step stores the new ones, so a fetch worker never needs the
warehouse, and a killed run leaves none half-stored.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from protego import Protego

__all__ = ["RobotsCache", "RobotsPolicy", "StoredRobots", "robots_cache_for", "robots_url"]


@dataclass(frozen=True)
class RobotsPolicy:
    """The verdict for one origin: allow all, disallow all, or the parsed rules."""

    reason: str  # "rules", "missing" (4xx: allow all) or "unavailable" (5xx/no answer: disallow)
    rules: Protego | None = None
    # For "unavailable": how the robots.txt request failed, recorded on the URLs it blocks.
    outcome: str | None = None
    detail: str | None = None

    @classmethod
    def from_text(cls, text: str) -> RobotsPolicy:
        """Rules parsed from a robots.txt body."""
        return cls("rules", Protego.parse(text))

    @classmethod
    def missing(cls) -> RobotsPolicy:
        """No robots.txt (a 4xx answer): everything is allowed."""
        return cls("missing")

    @classmethod
    def unavailable(cls, outcome: str | None = None, detail: str | None = None) -> RobotsPolicy:
        """robots.txt could not be read (5xx, 429, timeout): nothing is allowed this run."""
        return cls("unavailable", outcome=outcome, detail=detail)

    def allows(self, url: str, user_agent: str) -> bool:
        """True when ``user_agent`` may fetch ``url`` under this policy."""
        if self.reason == "missing":
            return True
        if self.reason == "unavailable" or self.rules is None:
            return False
        return bool(self.rules.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        """The ``Crawl-delay`` (seconds) the rules give ``user_agent``, if any."""
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(user_agent)
        return float(delay) if delay is not None and delay > 0 else None


@dataclass(frozen=True)
class StoredRobots:
    """A robots.txt answer kept across runs: a body (2xx) or none (a 4xx, all allowed)."""

    robots_url: str
    status_code: int
    body: str | None
    fetched_at: datetime

    def policy(self) -> RobotsPolicy:
        """What the stored answer decides."""
        return RobotsPolicy.missing() if self.body is None else RobotsPolicy.from_text(self.body)


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url`` (one per scheme, host and port)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class RobotsCache:
    """The robots.txt answers of one run, shared by its fetch tasks (threads, each its own loop).

    The first task to need a host's robots.txt fetches it (:meth:`answer`); the
    others wait for that answer instead of asking the host again.
    """

    def __init__(self, stored: Iterable[StoredRobots] = ()) -> None:
        self._lock = threading.Lock()
        self._answers: dict[str, Future[RobotsPolicy]] = {}
        for answer in stored:
            done: Future[RobotsPolicy] = Future()
            done.set_result(answer.policy())
            self._answers[answer.robots_url] = done

    async def answer(
        self, rurl: str, fetch: Callable[[], Awaitable[RobotsPolicy]]
    ) -> RobotsPolicy:
        """The answer for ``rurl``: already in, awaited from the task fetching it, or ``fetch()``ed."""
        while True:
            answer, mine = self.claim(rurl)
            if not mine:
                try:
                    return await asyncio.wrap_future(answer)
                except asyncio.CancelledError:
                    if answer.cancelled():  # its fetcher gave up: ask again (maybe fetch it)
                        continue
                    raise
            try:
                policy = await fetch()
            except BaseException:
                self.give_up(rurl, answer)
                raise
            answer.set_result(policy)
            return policy

    def claim(self, rurl: str) -> tuple[Future[RobotsPolicy], bool]:
        """The future answer for ``rurl``, and whether the caller must fetch it (and settle it)."""
        with self._lock:
            found = self._answers.get(rurl)
            if found is not None:
                return found, False
            mine: Future[RobotsPolicy] = Future()
            self._answers[rurl] = mine
            return mine, True

    def give_up(self, rurl: str, claimed: Future[RobotsPolicy]) -> None:
        """The claimant stopped before it had an answer: the next to ask fetches it."""
        with self._lock:
            if self._answers.get(rurl) is claimed:
                del self._answers[rurl]
        claimed.cancel()

    def policy(self, rurl: str) -> RobotsPolicy | None:
        """The answer for ``rurl`` if it is in."""
        with self._lock:
            found = self._answers.get(rurl)
        if found is None or not found.done() or found.cancelled():
            return None
        return found.result()


_RUN_CACHES: dict[str, RobotsCache] = {}
_RUN_CACHES_LOCK = threading.Lock()


def robots_cache_for(run_id: str, stored: Iterable[StoredRobots]) -> RobotsCache:
    """The robots.txt cache of run ``run_id`` in this process, made from ``stored`` on first use.

    One run at a time holds a warehouse (the run lock), so a new run id drops the last one's.
    """
    with _RUN_CACHES_LOCK:
        cache = _RUN_CACHES.get(run_id)
        if cache is None:
            _RUN_CACHES.clear()
            cache = _RUN_CACHES[run_id] = RobotsCache(stored)
        return cache
