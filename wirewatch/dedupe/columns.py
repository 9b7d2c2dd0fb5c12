"""Compact storage for the story index: numpy columns in fixed blocks, and the anchor postings.

A Python object per article (an entry, its facts, its anchor array) and a dict
entry per anchor cost about 4 KB an article; at a million articles that is
gigabytes. Here fixed-width values live in numpy blocks of ``BLOCK_ROWS`` rows
(growing never copies what is stored, so there is no doubling peak), and the
anchor postings in a small dict of recent anchors that is merged, every
``HOT_ANCHORS`` anchors, into sorted numpy partitions (12 bytes an anchor).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from wirewatch.dedupe.tuning import (
    ANCHOR_PARTITION_BITS,
    BLOCK_ROWS,
    HOT_ANCHORS,
    MAX_STORIES_PER_ANCHOR,
)

__all__ = ["STOP", "Blocks", "Postings"]

STOP = -1  # posting of an anchor found in more than MAX_STORIES_PER_ANCHOR stories
_MANY = -2  # frozen posting of an anchor in several stories: the list is in Postings._many


class Blocks:
    """Append-only rows of ``width`` values of one dtype (``width`` 0: scalars)."""

    def __init__(self, dtype: Any, width: int = 0) -> None:
        self._dtype = np.dtype(dtype)
        self._rows = BLOCK_ROWS
        self._shape: tuple[int, ...] = (BLOCK_ROWS, width) if width else (BLOCK_ROWS,)
        self._blocks: list[npt.NDArray[Any]] = []
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def append(self, value: Any) -> int:
        """Store one row; returns its number."""
        block, at = divmod(self._n, self._rows)
        if block == len(self._blocks):
            self._blocks.append(np.empty(self._shape, dtype=self._dtype))
        self._blocks[block][at] = value
        self._n += 1
        return self._n - 1

    def extend(self, values: npt.NDArray[Any]) -> int:
        """Store consecutive rows; returns the number of the first."""
        first = self._n
        done = 0
        while done < len(values):
            block, at = divmod(self._n, self._rows)
            if block == len(self._blocks):
                self._blocks.append(np.empty(self._shape, dtype=self._dtype))
            take = min(self._rows - at, len(values) - done)
            self._blocks[block][at : at + take] = values[done : done + take]
            self._n += take
            done += take
        return first

    def __getitem__(self, i: int) -> Any:
        block, at = divmod(i, self._rows)
        return self._blocks[block][at]

    def __setitem__(self, i: int, value: Any) -> None:
        block, at = divmod(i, self._rows)
        self._blocks[block][at] = value

    def span(self, start: int, count: int) -> npt.NDArray[Any]:
        """Rows ``start`` to ``start + count`` (a copy when they cross a block boundary)."""
        if not count:
            return np.empty((0, *self._shape[1:]), dtype=self._dtype)
        block, at = divmod(start, self._rows)
        if at + count <= self._rows:
            return self._blocks[block][at : at + count]
        return np.concatenate([self[i][None] for i in range(start, start + count)])

    def take(self, rows: list[int]) -> npt.NDArray[Any]:
        """The rows numbered ``rows``, stacked."""
        return np.stack([self[i] for i in rows])


class Postings:
    """Which stories hold each anchor: a story, several (up to the cap), or ``STOP``.

    Recent anchors are a dict (anchor -> story, or a list of stories, or ``STOP``);
    older ones sorted numpy partitions by the anchor's top bits, their value a story,
    ``STOP`` or ``_MANY`` (the stories then in ``_many``). An anchor is in one place
    only, so the state of each anchor is exactly what one dict would hold.
    """

    def __init__(self) -> None:
        self._hot: dict[int, int | list[int]] = {}
        n = 1 << ANCHOR_PARTITION_BITS
        self._keys: list[npt.NDArray[np.uint64]] = [np.zeros(0, np.uint64) for _ in range(n)]
        self._values: list[npt.NDArray[np.int32]] = [np.zeros(0, np.int32) for _ in range(n)]
        self._many: dict[int, list[int]] = {}
        self._shift = 64 - ANCHOR_PARTITION_BITS

    def __len__(self) -> int:
        return len(self._hot) + sum(len(k) for k in self._keys)

    def _frozen(self, anchor: int) -> tuple[int, int]:
        """(partition, position) of a frozen anchor, or (partition, -1)."""
        part = anchor >> self._shift
        keys = self._keys[part]
        at = int(keys.searchsorted(np.uint64(anchor)))
        if at < len(keys) and int(keys[at]) == anchor:
            return part, at
        return part, -1

    def get(self, anchor: int) -> int | list[int] | None:
        """The stories holding ``anchor`` (one, a list, or ``STOP``), None when none."""
        hit = self._hot.get(anchor)
        if hit is not None:
            return hit
        part, at = self._frozen(anchor)
        if at < 0:
            return None
        value = int(self._values[part][at])
        return self._many[anchor] if value == _MANY else value

    def add(self, anchor: int, story: int) -> None:
        """Record that ``story`` holds ``anchor``."""
        hot = self._hot
        hit = hot.get(anchor)
        if hit is None:
            part, at = self._frozen(anchor)
            if at >= 0:
                self._add_frozen(anchor, part, at, story)
                return
            hot[anchor] = story
            if len(hot) >= HOT_ANCHORS:
                self._freeze()
        elif isinstance(hit, int):
            if hit != story and hit != STOP:
                hot[anchor] = [hit, story]
        elif story not in hit:
            if len(hit) >= MAX_STORIES_PER_ANCHOR:
                hot[anchor] = STOP
            else:
                hit.append(story)

    def _add_frozen(self, anchor: int, part: int, at: int, story: int) -> None:
        values = self._values[part]
        value = int(values[at])
        if value in (STOP, story):
            return
        if value != _MANY:
            self._many[anchor] = [value, story]
            values[at] = _MANY
            return
        hit = self._many[anchor]
        if story in hit:
            return
        if len(hit) >= MAX_STORIES_PER_ANCHOR:
            del self._many[anchor]
            values[at] = STOP
        else:
            hit.append(story)

    def _freeze(self) -> None:
        """Move the recent anchors into the sorted partitions."""
        hot = self._hot
        keys = np.fromiter(hot.keys(), dtype=np.uint64, count=len(hot))
        values = np.empty(len(hot), dtype=np.int32)
        for i, (anchor, hit) in enumerate(hot.items()):
            if isinstance(hit, int):
                values[i] = hit
            else:
                values[i] = _MANY
                self._many[anchor] = hit
        self._hot = {}
        order = np.argsort(keys, kind="stable")
        keys, values = keys[order], values[order]
        parts = (keys >> np.uint64(self._shift)).astype(np.int64)
        bounds = np.searchsorted(parts, np.arange((1 << ANCHOR_PARTITION_BITS) + 1)).tolist()
        for part in range(1 << ANCHOR_PARTITION_BITS):
            lo, hi = bounds[part], bounds[part + 1]
            if lo == hi:
                continue
            old_keys, old_values = self._keys[part], self._values[part]
            at = old_keys.searchsorted(keys[lo:hi])
            self._keys[part] = np.insert(old_keys, at, keys[lo:hi])
            self._values[part] = np.insert(old_values, at, values[lo:hi])
