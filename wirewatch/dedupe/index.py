"""The story index: which story each article belongs to, across batches and runs.

Matching, in order of certainty:

1. the same article id seen before gets its earlier decision back (reruns converge);
2. the same canonical URL is the same article (a later fetch may be a new version);
3. the same content hash is an exact copy;
4. otherwise candidate stories come from *anchors*: winnowed word 4-grams of the
   opening of the text (the smallest hash in every window of ``ANCHOR_WINDOW``),
   content-defined, so a trimmed copy or one with a local intro still shares the
   anchors of the passage it took. A candidate is accepted when the containment
   of the smaller text in the larger (estimated from one-permutation MinHash
   signatures and shingle counts, or from shared anchors) is high enough and no
   fact contradicts it: publication more than ``MAX_COPY_GAP`` apart, datelines
   of different days, or (below ``SURE_CONTAINMENT``) disjoint dates or weekdays,
   other numbers, another dateline city.

Anchors index stories, not articles, vote with weight 1/(stories holding them),
and an anchor found in more than ``MAX_STORIES_PER_ANCHOR`` stories is treated as
boilerplate, so lookups stay bounded however large a story or the window grows.
Why not banded MinHash-LSH (datasketch ``MinHashLSH``), measured in
``benchmarks/lsh_compare.py`` (results in ``benchmarks/data/dedupe/LSH_COMPARISON.md``):
on 100k articles whose copies are trimmed to a quarter to 40% of the original,
``MinHashLSH`` at threshold 0.3 finds 75% of the copies and at 0.2 95%, against
100% here; only threshold 0.1 comes close (99.5%), at 2.4 times the time and
8.8 times the index memory; ``MinHashLSHEnsemble`` matches recall but is built
once (no incremental, persisted index) and is 8 times slower. Containment, not
Jaccard, is the quantity that survives trimming, and shared anchors find it
directly.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from wirewatch.dedupe.sketch import SKETCH_VERSION, Sketch, jaccard, sketch_texts
from wirewatch.dedupe.text import Facts, content_sha256, facts_of, similarity_text
from wirewatch.dedupe.tuning import (
    BATCH_DOCS,
    COMPARE_MEMBERS,
    JOIN_CONTAINMENT,
    MAX_CANDIDATE_STORIES,
    MAX_COPY_GAP,
    MAX_STORIES_PER_ANCHOR,
    MIN_ANCHOR_SHARE,
    MIN_ANCHORS_FOR_CONTAINMENT,
    MIN_CANDIDATE_VOTES,
    MIN_MATCH_SHINGLES,
    MINHASH_BINS,
    SURE_CONTAINMENT,
)
from wirewatch.dedupe.urls import canonical_url
from wirewatch.errors import UsageError

__all__ = ["DedupeDecision", "DedupeItem", "StoryIndex", "dedupe_items"]

_STOP = -1  # posting value of an anchor found in too many stories
_NO_ANCHORS: npt.NDArray[np.uint64] = np.zeros(0, dtype=np.uint64)


@dataclass(frozen=True)
class DedupeItem:
    """One cleaned article as the dedupe stage sees it."""

    id: str
    url: str
    title: str | None
    text: str
    published_at: datetime | None
    source: str
    page_canonical: str | None = None  # the page's rel=canonical / og:url
    dateline: str | None = None
    agency: str | None = None


@dataclass(frozen=True)
class DedupeDecision:
    """Where one article goes: its story, and the article it repeats, if any."""

    id: str
    story_id: str  # the id of the story's first article: stable across reruns
    duplicate_of: str | None  # an earlier article with the same canonical URL or content hash
    canonical_url: str
    content_sha256: str
    new_story: bool

    def to_json(self) -> dict[str, Any]:
        """The JSON object ``wirewatch dedupe`` writes for one item."""
        return {
            "id": self.id,
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "canonical_url": self.canonical_url,
        }


@dataclass(slots=True)
class _Entry:
    id: str
    story: int
    duplicate_of: str | None
    canonical_url: str
    sha: str
    published: float | None  # POSIX seconds, UTC
    source: str
    facts: Facts
    shingles: int
    anchors: npt.NDArray[np.uint64]  # kept as one array: a tuple of ints costs 5x the memory
    row: int  # row in the MinHash matrix, -1 when the entry has no sketch
    new: bool


@dataclass(slots=True)
class _Story:
    id: str
    members: list[int] = field(default_factory=list)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the index grows.

    Assigning a large batch creates millions of small, acyclic objects; each full
    collection walks all of them, which made the cost per article grow with the
    index size.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _timestamp(value: datetime | None) -> float | None:
    if value is None:
        return None
    if value.tzinfo is None:  # naive times are taken as UTC, as everywhere in wirewatch
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def _conflict(a: _Entry, b: _Entry, containment: float) -> bool:
    """True when a fact says the two articles report different events."""
    if (
        a.published is not None
        and b.published is not None
        and abs(a.published - b.published) > MAX_COPY_GAP.total_seconds()
    ):
        return True
    fa, fb = a.facts, b.facts
    if fa.dateline_date and fb.dateline_date and fa.dateline_date != fb.dateline_date:
        return True
    if containment >= SURE_CONTAINMENT:
        return False
    if fa.dates and fb.dates and not (fa.dates & fb.dates):
        return True
    if fa.weekdays and fb.weekdays and not (fa.weekdays & fb.weekdays):
        return True
    if fa.dateline_city and fb.dateline_city and fa.dateline_city != fb.dateline_city:
        return True
    small, big = (fa, fb) if a.shingles <= b.shingles else (fb, fa)
    if len(small.numbers) >= 2:
        missing = len(small.numbers - big.numbers)
        if missing * 2 > len(small.numbers):
            return True
    return False


def _anchor_containment(a: _Entry, b: _Entry, a_anchors: set[int]) -> float:
    """Share of the smaller article's anchors found among the other's.

    For a short copy of a long article the MinHash estimate rests on the few bins
    the short text fills and can fall well below the truth; anchors sample the
    opening of both texts directly, which is where a trimmed copy comes from.
    """
    b_anchors = b.anchors.tolist()
    smaller = min(len(a_anchors), len(b_anchors))
    if not smaller:
        return 0.0
    return sum(1 for x in b_anchors if x in a_anchors) / smaller


class StoryIndex:
    """Persisted near-duplicate index: MinHash over body shingles, anchor-shingle
    candidates, plus date, number and dateline checks.

    ``assign`` decides and remembers; ``to_rows``/``from_rows`` carry the state
    through plain rows (table ``story_index``, migration 003).
    """

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._stories: list[_Story] = []
        self._by_id: dict[str, int] = {}
        self._by_url: dict[str, int] = {}
        self._by_sha: dict[str, int] = {}
        self._story_by_id: dict[str, int] = {}
        self._postings: dict[int, int | list[int]] = {}
        self._minhash: npt.NDArray[np.uint32] = np.zeros((1024, MINHASH_BINS), dtype=np.uint32)
        self._rows = 0

    def __len__(self) -> int:
        return len(self._entries)

    # -- state ---------------------------------------------------------------
    def _story_index(self, story_id: str) -> int:
        idx = self._story_by_id.get(story_id)
        if idx is None:
            idx = self._story_by_id[story_id] = len(self._stories)
            self._stories.append(_Story(story_id))
        return idx

    def _store_minhash(self, values: npt.NDArray[np.uint32]) -> int:
        if self._rows == len(self._minhash):
            grown = np.zeros((2 * len(self._minhash), MINHASH_BINS), dtype=np.uint32)
            grown[: self._rows] = self._minhash
            self._minhash = grown
        self._minhash[self._rows] = values
        self._rows += 1
        return self._rows - 1

    def _add(self, entry: _Entry) -> None:
        pos = len(self._entries)
        self._entries.append(entry)
        self._by_id[entry.id] = pos
        if entry.canonical_url:
            self._by_url.setdefault(entry.canonical_url, pos)
        if entry.shingles >= MIN_MATCH_SHINGLES:
            self._by_sha.setdefault(entry.sha, pos)
        self._stories[entry.story].members.append(pos)
        postings = self._postings
        story = entry.story
        for anchor in entry.anchors.tolist():
            hit = postings.get(anchor)
            if hit is None:
                postings[anchor] = story
            elif isinstance(hit, int):
                if hit != story and hit != _STOP:
                    postings[anchor] = [hit, story]
            elif story not in hit:
                if len(hit) >= MAX_STORIES_PER_ANCHOR:
                    postings[anchor] = _STOP
                else:
                    hit.append(story)

    # -- matching ------------------------------------------------------------
    def _candidate_stories(self, anchors: npt.NDArray[np.uint64]) -> list[int]:
        # An anchor shared by many stories (a site footer, a stock phrase) says little:
        # each anchor votes 1/(stories holding it), so rare shared passages rank first.
        votes: dict[int, float] = {}
        postings = self._postings
        for anchor in anchors.tolist():
            hit = postings.get(anchor)
            if hit is None or hit == _STOP:
                continue
            if isinstance(hit, int):
                votes[hit] = votes.get(hit, 0.0) + 1.0
            else:
                weight = 1.0 / len(hit)
                for story in hit:
                    votes[story] = votes.get(story, 0.0) + weight
        ranked = sorted(
            (s for s in votes if votes[s] >= MIN_CANDIDATE_VOTES), key=lambda s: (-votes[s], s)
        )
        return ranked[:MAX_CANDIDATE_STORIES]

    def _best_story(self, entry: _Entry, minhash: npt.NDArray[np.uint32]) -> int | None:
        best: tuple[float, int] | None = None
        own_anchors = set(entry.anchors.tolist())
        for story in self._candidate_stories(entry.anchors):
            members = self._stories[story].members
            # The first members hold the original; the latest follows the story as it moves.
            chosen = (
                members[: COMPARE_MEMBERS - 1] + members[-1:]
                if len(members) > COMPARE_MEMBERS
                else members
            )
            others: list[tuple[_Entry, float]] = []
            for m in chosen:
                other = self._entries[m]
                if other.row < 0 or min(entry.shingles, other.shingles) < MIN_MATCH_SHINGLES:
                    continue
                by_anchors = _anchor_containment(entry, other, own_anchors)
                # A stock phrase shared by chance gives one anchor out of dozens: not worth
                # comparing signatures (most candidates in a large index are such).
                if by_anchors >= MIN_ANCHOR_SHARE:
                    others.append((other, by_anchors))
            if not others:
                continue
            jaccards = jaccard(self._minhash[[o.row for o, _ in others]], minhash)
            for (other, by_anchors), jac in zip(others, jaccards.tolist(), strict=True):
                inter = jac * (entry.shingles + other.shingles) / (1.0 + jac)
                containment = min(1.0, inter / min(entry.shingles, other.shingles))
                few = min(len(entry.anchors), len(other.anchors)) < MIN_ANCHORS_FOR_CONTAINMENT
                if containment < JOIN_CONTAINMENT and not few:
                    containment = max(containment, by_anchors)
                if containment < JOIN_CONTAINMENT or _conflict(entry, other, containment):
                    continue
                if best is None or containment > best[0]:
                    best = (containment, story)
        return None if best is None else best[1]

    def assign(self, items: Sequence[DedupeItem]) -> list[DedupeDecision]:
        """Decide the story of each item (returned in input order) and add it to the index.

        Items are matched in order of publication (then input order), so a story is
        named after its earliest article. An id already in the index gets its
        earlier decision back, with ``new_story`` False.
        """
        with _collector_paused():
            return self._assign(items)

    def _assign(self, items: Sequence[DedupeItem]) -> list[DedupeDecision]:
        def publication_order(i: int) -> tuple[float, int]:
            when = _timestamp(items[i].published_at)
            return (math.inf if when is None else when, i)

        order = sorted(range(len(items)), key=publication_order)
        pending = [i for i in order if items[i].id not in self._by_id]
        clean = [similarity_text(items[i].text) for i in pending]
        sketches: dict[int, Sketch] = dict(
            zip(pending, sketch_texts(clean, batch=BATCH_DOCS), strict=True)
        )
        cleaned = dict(zip(pending, clean, strict=True))
        decisions: list[DedupeDecision | None] = [None] * len(items)
        for i in order:
            item = items[i]
            known = self._by_id.get(item.id)
            if known is not None:
                decisions[i] = self._decision(known, new_story=False)
                continue
            decisions[i] = self._assign_one(item, cleaned[i], sketches[i])
        return [d for d in decisions if d is not None]

    def _assign_one(self, item: DedupeItem, clean: str, sketch: Sketch) -> DedupeDecision:
        url = (
            canonical_url(item.url, page_canonical=item.page_canonical) if item.url.strip() else ""
        )
        sha = content_sha256(item.text)
        entry = _Entry(
            id=item.id,
            story=-1,
            duplicate_of=None,
            canonical_url=url,
            sha=sha,
            published=_timestamp(item.published_at),
            source=item.source,
            facts=facts_of(clean, item.dateline),
            shingles=sketch.shingles,
            anchors=sketch.anchors,
            row=-1,
            new=True,
        )
        matchable = sketch.shingles >= MIN_MATCH_SHINGLES
        same = self._by_url.get(url) if url else None
        if same is None and matchable:
            same = self._by_sha.get(sha)
        new_story = False
        if same is not None:
            original = self._entries[same]
            entry.duplicate_of = original.duplicate_of or original.id
            entry.story = original.story
        else:
            story = self._best_story(entry, sketch.minhash) if matchable else None
            if story is None:
                # Usually a new story; not when its first article has left the window.
                new_story = item.id not in self._story_by_id
                story = self._story_index(item.id)
            entry.story = story
        entry.row = self._store_minhash(sketch.minhash)
        self._add(entry)
        return self._decision(len(self._entries) - 1, new_story=new_story)

    def _decision(self, pos: int, *, new_story: bool) -> DedupeDecision:
        e = self._entries[pos]
        return DedupeDecision(
            id=e.id,
            story_id=self._stories[e.story].id,
            duplicate_of=e.duplicate_of,
            canonical_url=e.canonical_url,
            content_sha256=e.sha,
            new_story=new_story,
        )

    # -- persistence ---------------------------------------------------------
    def to_rows(self, only_new: bool = True) -> list[dict[str, Any]]:
        """Rows for table ``story_index``: every entry, or only those added since loading."""
        rows = []
        for e in self._entries:
            if only_new and not e.new:
                continue
            f = e.facts
            rows.append(
                {
                    "article_id": e.id,
                    "story_id": self._stories[e.story].id,
                    "duplicate_of": e.duplicate_of,
                    "canonical_url": e.canonical_url,
                    "content_sha256": e.sha,
                    "published_at": (
                        datetime.fromtimestamp(e.published, tz=UTC)
                        if e.published is not None
                        else None
                    ),
                    "source": e.source,
                    "sketch_version": SKETCH_VERSION if e.row >= 0 else None,
                    "shingle_count": e.shingles,
                    "minhash": self._minhash[e.row].astype("<u4").tobytes() if e.row >= 0 else None,
                    "anchors": e.anchors.astype("<u8").tobytes() if e.row >= 0 else None,
                    "numbers": " ".join(sorted(f.numbers)),
                    "dates": " ".join(sorted(f.dates)),
                    "weekdays": f.weekdays,
                    "dateline_city": f.dateline_city,
                    "dateline_date": f.dateline_date,
                }
            )
        return rows

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> StoryIndex:
        """Rebuild an index from ``to_rows`` output (any order; loaded entries are not new).

        Rows sketched by another ``SKETCH_VERSION`` keep their id, URL, hash and story
        but take no part in near-duplicate matching.
        """
        with _collector_paused():
            return cls._load(rows)

    @classmethod
    def _load(cls, rows: Iterable[Mapping[str, Any]]) -> StoryIndex:
        index = cls()
        loaded = []
        for row in rows:
            try:
                published = row["published_at"]
                minhash_bytes = row["minhash"]
                usable = row["sketch_version"] == SKETCH_VERSION and minhash_bytes is not None
                minhash = np.frombuffer(minhash_bytes, dtype="<u4") if usable else None
                if minhash is not None and len(minhash) != MINHASH_BINS:
                    minhash, usable = None, False
                anchors = (
                    np.frombuffer(row["anchors"], dtype="<u8").astype(np.uint64)
                    if usable and row["anchors"]
                    else _NO_ANCHORS
                )
                facts = Facts(
                    numbers=frozenset((row["numbers"] or "").split()),
                    dates=frozenset((row["dates"] or "").split()),
                    weekdays=int(row["weekdays"] or 0),
                    dateline_city=row["dateline_city"],
                    dateline_date=row["dateline_date"],
                )
                entry = _Entry(
                    id=str(row["article_id"]),
                    story=-1,
                    duplicate_of=row["duplicate_of"],
                    canonical_url=row["canonical_url"] or "",
                    sha=row["content_sha256"],
                    published=_timestamp(published),
                    source=row["source"],
                    facts=facts,
                    shingles=int(row["shingle_count"] or 0),
                    anchors=anchors,
                    row=-1,
                    new=False,
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise UsageError(
                    f"story index row is malformed ({exc!r}): {dict(row)!r:.200}"
                ) from exc
            loaded.append((entry, str(row["story_id"]), minhash))
        # Oldest first, so "first URL / first hash wins" matches what a single run decided.
        loaded.sort(
            key=lambda t: (t[0].published if t[0].published is not None else float("inf"), t[0].id)
        )
        for entry, story_id, minhash in loaded:
            if entry.id in index._by_id:
                continue
            entry.story = index._story_index(story_id)
            if minhash is not None:
                entry.row = index._store_minhash(minhash)
            index._add(entry)
        return index


def dedupe_items(items: Sequence[DedupeItem]) -> list[DedupeDecision]:
    """Decisions for ``items`` against a fresh index: what ``wirewatch dedupe`` prints."""
    return StoryIndex().assign(items)
