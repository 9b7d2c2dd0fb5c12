"""Running coroutines together so that a failure cancels its siblings instead of orphaning them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from typing import TypeVar

__all__ = ["run_all"]

T = TypeVar("T")


async def run_all(awaitables: Iterable[Awaitable[T]]) -> list[T]:
    """Await all concurrently, results in order; the first unexpected error cancels the rest.

    Unlike ``asyncio.gather``, no sibling keeps running (and appending fetch
    records) after the caller has given up on the group.
    """

    async def wrap(awaitable: Awaitable[T]) -> T:
        return await awaitable

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(wrap(a)) for a in awaitables]
    return [task.result() for task in tasks]
