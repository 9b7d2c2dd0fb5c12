"""Per-host politeness: a concurrency cap plus a minimum interval between requests.

Deliberately in-process and cheap: a Prefect global concurrency slot costs
about 84 ms to take and give back, which is fine per run and wrong per request.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

__all__ = ["HostLimiter"]


@dataclass
class _HostState:
    semaphore: asyncio.Semaphore
    interval: float  # seconds between request starts
    next_start: float = 0.0
    lock: asyncio.Lock | None = None


class HostLimiter:
    """At most ``concurrency`` requests in flight per host, started ``1/rate`` s apart.

    ``clock`` and ``sleep`` are injectable so tests can check the spacing
    without measuring wall-clock time.
    """

    def __init__(
        self,
        concurrency: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._concurrency = concurrency
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}

    def _state(self, host: str, rate: float) -> _HostState:
        state = self._hosts.get(host)
        interval = 1.0 / rate
        if state is None:
            state = _HostState(asyncio.Semaphore(self._concurrency), interval, lock=asyncio.Lock())
            self._hosts[host] = state
        elif interval > state.interval:
            # Two sources on one host: the slower rate wins, politeness first.
            state.interval = interval
        return state

    async def _wait_turn(self, state: _HostState) -> None:
        assert state.lock is not None
        # Waiters take turns under the lock, and the next turn is counted from when this one
        # really starts: a busy process wakes sleepers late, and turns reserved in advance
        # would then all go out together, above the host's rate.
        async with state.lock:
            while (wait := state.next_start - self._clock()) > 0:
                await self._sleep(wait)
            state.next_start = self._clock() + state.interval

    @asynccontextmanager
    async def slot(self, host: str, rate: float) -> AsyncIterator[None]:
        """Hold one of the host's request slots, entered no sooner than its rate allows."""
        state = self._state(host, rate)
        async with state.semaphore:
            await self._wait_turn(state)
            yield

    async def turn(self, host: str, rate: float) -> None:
        """Wait for the host's next start without taking one of its slots (a redirect hop)."""
        await self._wait_turn(self._state(host, rate))

    def defer(self, host: str, seconds: float) -> None:
        """Push the host's next request start ``seconds`` into the future (after a 429/503)."""
        state = self._hosts.get(host)
        if state is None:
            return
        state.next_start = max(state.next_start, self._clock() + seconds)
