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
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from wirewatch.dedupe.columns import STOP, Blocks, Postings
from wirewatch.dedupe.sketch import SKETCH_VERSION, Sketch, jaccard, sketch_texts
from wirewatch.dedupe.text import Facts, content_sha256, facts_of, similarity_text
from wirewatch.dedupe.tuning import (
    BATCH_DOCS,
    COMPARE_MEMBERS,
    JOIN_CONTAINMENT,
    MAX_CANDIDATE_STORIES,
    MAX_COPY_GAP,
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


@dataclass(frozen=True, slots=True)
class _Probe:
    """What matching compares of one article: a new one, or one read from the index."""

    published: float | None  # POSIX seconds, UTC
    facts: Facts
    shingles: int
    anchors: npt.NDArray[np.uint64]


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


def _conflict(a: _Probe, b: _Probe, containment: float) -> bool:
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


def _anchor_containment(a: _Probe, b: _Probe, a_anchors: set[int]) -> float:
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
    through plain rows (table ``story_index``, migration 003). Entries are kept as
    columns (numpy blocks, one list per string field), not an object each: see
    ``wirewatch.dedupe.columns``.
    """

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._urls: list[str] = []
        self._shas: list[str] = []
        self._sources: list[str] = []
        self._duplicate_of: list[str | None] = []
        self._facts: list[Facts] = []
        self._same_facts: dict[Facts, Facts] = {}  # equal facts share one object
        self._story = Blocks(np.int32)
        self._published = Blocks(np.float64)  # POSIX seconds, UTC; NaN when unknown
        self._shingles = Blocks(np.int32)
        self._row = Blocks(np.int32)  # row in the MinHash blocks, -1 when no sketch
        self._anchor_at = Blocks(np.int64)
        self._anchor_count = Blocks(np.int32)
        self._anchor_values = Blocks(np.uint64)
        self._minhash = Blocks(np.uint32, MINHASH_BINS)
        self._loaded = 0  # entries read by from_rows; those added later are new
        self._by_id: dict[str, int] = {}
        self._by_url: dict[str, int] = {}
        self._by_sha: dict[str, int] = {}
        self._story_ids: list[str] = []
        self._story_by_id: dict[str, int] = {}
        # Members of each story: the first, then (in _more) the next COMPARE_MEMBERS - 1
        # and the latest; the ones between are never compared again.
        self._first: list[int] = []
        self._more: dict[int, list[int]] = {}
        self._postings = Postings()

    def __len__(self) -> int:
        return len(self._ids)

    # -- state ---------------------------------------------------------------
    def _story_index(self, story_id: str) -> int:
        idx = self._story_by_id.get(story_id)
        if idx is None:
            idx = self._story_by_id[story_id] = len(self._story_ids)
            self._story_ids.append(story_id)
            self._first.append(-1)
        return idx

    def _members(self, story: int) -> list[int]:
        first = self._first[story]
        return [first, *self._more.get(story, ())] if first >= 0 else []

    def _anchors(self, pos: int) -> npt.NDArray[np.uint64]:
        return self._anchor_values.span(int(self._anchor_at[pos]), int(self._anchor_count[pos]))

    def _probe(self, pos: int) -> _Probe:
        published = float(self._published[pos])
        return _Probe(
            published=None if math.isnan(published) else published,
            facts=self._facts[pos],
            shingles=int(self._shingles[pos]),
            anchors=self._anchors(pos),
        )

    def _add(
        self,
        *,
        id: str,
        story: int,
        duplicate_of: str | None,
        url: str,
        sha: str,
        source: str,
        probe: _Probe,
        minhash: npt.NDArray[np.uint32] | None,
    ) -> int:
        pos = len(self._ids)
        self._ids.append(id)
        self._urls.append(url)
        self._shas.append(sha)
        self._sources.append(sys.intern(source))
        self._duplicate_of.append(duplicate_of)
        self._facts.append(self._same_facts.setdefault(probe.facts, probe.facts))
        self._story.append(story)
        self._published.append(math.nan if probe.published is None else probe.published)
        self._shingles.append(probe.shingles)
        self._row.append(-1 if minhash is None else self._minhash.append(minhash))
        self._anchor_at.append(self._anchor_values.extend(probe.anchors))
        self._anchor_count.append(len(probe.anchors))
        self._by_id[id] = pos
        if url:
            self._by_url.setdefault(url, pos)
        if probe.shingles >= MIN_MATCH_SHINGLES:
            self._by_sha.setdefault(sha, pos)
        if self._first[story] < 0:
            self._first[story] = pos
        else:
            more = self._more.setdefault(story, [])
            if len(more) < COMPARE_MEMBERS:
                more.append(pos)
            else:
                more[-1] = pos
        postings = self._postings
        for anchor in probe.anchors.tolist():
            postings.add(anchor, story)
        return pos

    # -- matching ------------------------------------------------------------
    def _candidate_stories(self, anchors: npt.NDArray[np.uint64]) -> list[int]:
        # An anchor shared by many stories (a site footer, a stock phrase) says little:
        # each anchor votes 1/(stories holding it), so rare shared passages rank first.
        votes: dict[int, float] = {}
        postings = self._postings
        for anchor in anchors.tolist():
            hit = postings.get(anchor)
            if hit is None or hit == STOP:
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

    def _best_story(self, entry: _Probe, minhash: npt.NDArray[np.uint32]) -> int | None:
        best: tuple[float, int] | None = None
        own_anchors = set(entry.anchors.tolist())
        for story in self._candidate_stories(entry.anchors):
            members = self._members(story)
            # The first members hold the original; the latest follows the story as it moves.
            chosen = (
                members[: COMPARE_MEMBERS - 1] + members[-1:]
                if len(members) > COMPARE_MEMBERS
                else members
            )
            others: list[tuple[_Probe, int, float]] = []
            for m in chosen:
                row = int(self._row[m])
                if row < 0 or min(entry.shingles, int(self._shingles[m])) < MIN_MATCH_SHINGLES:
                    continue
                other = self._probe(m)
                by_anchors = _anchor_containment(entry, other, own_anchors)
                # A stock phrase shared by chance gives one anchor out of dozens: not worth
                # comparing signatures (most candidates in a large index are such).
                if by_anchors >= MIN_ANCHOR_SHARE:
                    others.append((other, row, by_anchors))
            if not others:
                continue
            jaccards = jaccard(self._minhash.take([row for _, row, _ in others]), minhash)
            for (other, _, by_anchors), jac in zip(others, jaccards.tolist(), strict=True):
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
        probe = _Probe(
            published=_timestamp(item.published_at),
            facts=facts_of(clean, item.dateline),
            shingles=sketch.shingles,
            anchors=sketch.anchors,
        )
        matchable = sketch.shingles >= MIN_MATCH_SHINGLES
        same = self._by_url.get(url) if url else None
        if same is None and matchable:
            same = self._by_sha.get(sha)
        new_story = False
        duplicate_of = None
        if same is not None:
            duplicate_of = self._duplicate_of[same] or self._ids[same]
            story = int(self._story[same])
        else:
            found = self._best_story(probe, sketch.minhash) if matchable else None
            if found is None:
                # Usually a new story; not when its first article has left the window.
                new_story = item.id not in self._story_by_id
                found = self._story_index(item.id)
            story = found
        pos = self._add(
            id=item.id,
            story=story,
            duplicate_of=duplicate_of,
            url=url,
            sha=sha,
            source=item.source,
            probe=probe,
            minhash=sketch.minhash,
        )
        return self._decision(pos, new_story=new_story)

    def _decision(self, pos: int, *, new_story: bool) -> DedupeDecision:
        return DedupeDecision(
            id=self._ids[pos],
            story_id=self._story_ids[int(self._story[pos])],
            duplicate_of=self._duplicate_of[pos],
            canonical_url=self._urls[pos],
            content_sha256=self._shas[pos],
            new_story=new_story,
        )

    # -- persistence ---------------------------------------------------------
    def to_rows(self, only_new: bool = True) -> list[dict[str, Any]]:
        """Rows for table ``story_index``: every entry, or only those added since loading."""
        rows = []
        for pos in range(self._loaded if only_new else 0, len(self._ids)):
            f = self._facts[pos]
            row = int(self._row[pos])
            published = float(self._published[pos])
            rows.append(
                {
                    "article_id": self._ids[pos],
                    "story_id": self._story_ids[int(self._story[pos])],
                    "duplicate_of": self._duplicate_of[pos],
                    "canonical_url": self._urls[pos],
                    "content_sha256": self._shas[pos],
                    "published_at": (
                        None if math.isnan(published) else datetime.fromtimestamp(published, tz=UTC)
                    ),
                    "source": self._sources[pos],
                    "sketch_version": SKETCH_VERSION if row >= 0 else None,
                    "shingle_count": int(self._shingles[pos]),
                    "minhash": self._minhash[row].astype("<u4").tobytes() if row >= 0 else None,
                    "anchors": self._anchors(pos).astype("<u8").tobytes() if row >= 0 else None,
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
                probe = _Probe(
                    published=_timestamp(published),
                    facts=facts,
                    shingles=int(row["shingle_count"] or 0),
                    anchors=anchors,
                )
                fields = (
                    str(row["article_id"]),
                    row["duplicate_of"],
                    row["canonical_url"] or "",
                    row["content_sha256"],
                    row["source"],
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise UsageError(
                    f"story index row is malformed ({exc!r}): {dict(row)!r:.200}"
                ) from exc
            loaded.append((probe, fields, str(row["story_id"]), minhash))
        # Oldest first, so "first URL / first hash wins" matches what a single run decided.
        loaded.sort(
            key=lambda t: (
                t[0].published if t[0].published is not None else float("inf"),
                t[1][0],
            )
        )
        for probe, (id_, duplicate_of, url, sha, source), story_id, minhash in loaded:
            if id_ in index._by_id:
                continue
            index._add(
                id=id_,
                story=index._story_index(story_id),
                duplicate_of=duplicate_of,
                url=url,
                sha=sha,
                source=source,
                probe=probe,
                minhash=minhash,
            )
        index._loaded = len(index._ids)
        return index


def dedupe_items(items: Sequence[DedupeItem]) -> list[DedupeDecision]:
    """Decisions for ``items`` against a fresh index: what ``wirewatch dedupe`` prints."""
    return StoryIndex().assign(items)
