"""Event level: group different outlets' own write-ups of one event, and keep the groups.

Stories are near-duplicate copies of one text; an *event* is everything written
about one happening, in different words. This level is coarser and separate: it
never changes ``story_id``. Each story is one TF-IDF vector (of its first
article: names and places weighted up), and groups of stories are merged by
average linkage while their mean cosine similarity stays above
``EVENT_LINK_THRESHOLD`` and their publication times are within
``MAX_EVENT_GAP``; two groups of several stories merge only when they are
nearly as alike as each group is inside (``EVENT_COHESION_RATIO``), which keeps
look-alike events of one kind (two earthquakes) apart. Stories with headlines
join only when each names, somewhere in its text, most of the names in the
other's headline (``EVENT_HEADLINE_COVER``): two meetings of one kind in one
week (China-Belarus talks, a Belarus-Russia call) share the words of diplomacy
and one leader, but not the other party.

An :class:`EventIndex` holds the events already given out (the *stored* ones,
read back from the warehouse) and assigns new stories: they are clustered with
each other and with the stored events, but two stored events never merge and a
stored event keeps its id, so an event id never changes once given. A group of
new stories that joins no stored event is named after its first story
(``wirewatch.ids.event_id_for``): the same stories in the same order get the
same ids, whoever runs it.

Average linkage over unit vectors is the dot product of group means, and the
linkage of a merged group is a weighted mean of its parts' linkages, so a stored
event below the threshold with every new story can never be joined: only the
stored events within reach are put in the (dense) similarity matrix, and only
the words of the new stories are its columns.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from wirewatch.dedupe.index import DedupeItem, _timestamp
from wirewatch.dedupe.tuning import (
    EVENT_BLOCK_ROWS,
    EVENT_COHESION_RATIO,
    EVENT_HEADLINE_COVER,
    EVENT_IDF_PRIOR_DOCS,
    EVENT_LINK_THRESHOLD,
    EVENT_NAME_STOPWORDS,
    EVENT_NAME_WEIGHT,
    EVENT_STOPWORDS,
    EVENT_STORED_TERMS,
    EVENT_TITLE_WEIGHT,
    MAX_EVENT_GAP,
)
from wirewatch.errors import UsageError
from wirewatch.ids import event_id_for

__all__ = ["EventIndex", "event_ids", "story_terms"]

_WORD = re.compile(r"[^\W\d_][\w'\-]*|\d+")
# Headline names are kept among a story's terms under this mark (no word starts with it).
NAME_MARK = "="


def story_terms(title: str | None, text: str) -> dict[str, float]:
    """The weighted word counts one story is compared by (at most ``EVENT_STORED_TERMS``)."""
    counts: dict[str, float] = {}
    for part, weight in ((title or "", EVENT_TITLE_WEIGHT), (text, 1.0)):
        for match in _WORD.finditer(part):
            word = match.group()
            low = word.lower()
            if len(low) < 3 or low in EVENT_STOPWORDS:
                continue
            boost = EVENT_NAME_WEIGHT if word[0].isupper() else 1.0
            counts[low] = counts.get(low, 0.0) + weight * boost
    if len(counts) > EVENT_STORED_TERMS:
        kept = sorted(counts, key=lambda w: (-counts[w], w))[:EVENT_STORED_TERMS]
        counts = {w: counts[w] for w in kept}
    for name in headline_names(title, text):
        counts[NAME_MARK + name] = 1.0
    return counts


def headline_names(title: str | None, text: str) -> set[str]:
    """The names in a story's headline: its capitalised words that the story never
    writes in lower case (so not "Hold Talks" in a title-case headline), titles,
    weekdays and months aside; lower-cased."""
    lower = {m.group() for m in _WORD.finditer(f"{title or ''}\n{text}") if m.group()[0].islower()}
    return {
        low
        for m in _WORD.finditer(title or "")
        if m.group()[0].isupper()
        and len(low := m.group().lower()) >= 3
        and low not in EVENT_STOPWORDS
        and low not in EVENT_NAME_STOPWORDS
        and low not in lower
    }


@dataclass(frozen=True)
class _Story:
    story_id: str
    event_id: str
    published: float | None  # POSIX seconds, UTC
    terms: dict[str, float]
    new: bool


class EventIndex:
    """Which event each story belongs to; stored events never change id or merge."""

    def __init__(self) -> None:
        self._stories: dict[str, _Story] = {}

    def __len__(self) -> int:
        return len(self._stories)

    def event_of(self, story_id: str) -> str | None:
        """The event id of a story already in the index, else None."""
        story = self._stories.get(story_id)
        return story.event_id if story is not None else None

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> EventIndex:
        """An index of stored events (rows as :meth:`to_rows` writes them)."""
        index = cls()
        for row in rows:
            published = row.get("published_at")
            index._stories[str(row["story_id"])] = _Story(
                story_id=str(row["story_id"]),
                event_id=str(row["event_id"]),
                published=_timestamp(published) if isinstance(published, datetime) else None,
                terms=dict(zip(row["terms"], row["weights"], strict=True)),
                new=False,
            )
        return index

    def to_rows(self, only_new: bool = True) -> list[dict[str, Any]]:
        """Rows for ``story_events`` (those added since the index was built, by default)."""
        return [
            {
                "story_id": s.story_id,
                "event_id": s.event_id,
                "published_at": (
                    datetime.fromtimestamp(s.published, UTC) if s.published is not None else None
                ),
                "terms": list(s.terms),
                "weights": list(s.terms.values()),
            }
            for s in self._stories.values()
            if s.new or not only_new
        ]

    def assign(
        self,
        items: Sequence[DedupeItem],
        story_ids: Sequence[str] | None = None,
        *,
        threshold: float = EVENT_LINK_THRESHOLD,
    ) -> list[str]:
        """The event id of each item (in input order), adding new stories to the index.

        ``story_ids`` (from :func:`~wirewatch.dedupe.dedupe_items` or the store) say
        which items are copies of one story; the item whose id is the story id (else
        the story's first) stands for it. New stories are taken in order of
        publication, then input order, so an event is named after its earliest
        story. Without ``story_ids`` each item is its own story.
        """
        seeds = list(story_ids) if story_ids is not None else [it.id for it in items]
        if len(seeds) != len(items):
            raise UsageError(f"story_ids has {len(seeds)} entries for {len(items)} items")
        fresh: dict[str, tuple[int, DedupeItem]] = {}
        for pos, (story_id, item) in enumerate(zip(seeds, items, strict=True)):
            if story_id in self._stories:
                continue
            # The story's own first article (its id is the story id) stands for it, else its first item.
            current = fresh.get(story_id)
            if current is None:
                fresh[story_id] = (pos, item)
            elif item.id == story_id and current[1].id != story_id:
                fresh[story_id] = (current[0], item)

        def publication_order(entry: tuple[str, tuple[int, DedupeItem]]) -> tuple[float, int]:
            when = _timestamp(entry[1][1].published_at)
            return (math.inf if when is None else when, entry[1][0])

        if fresh:
            ordered = sorted(fresh.items(), key=publication_order)
            self._cluster([(story_id, item) for story_id, (_, item) in ordered], threshold)
        return [self._stories[s].event_id for s in seeds]

    def _cluster(self, fresh: list[tuple[str, DedupeItem]], threshold: float) -> None:
        new_terms = [story_terms(item.title, item.text) for _, item in fresh]
        new_times = [_timestamp(item.published_at) for _, item in fresh]
        gap = MAX_EVENT_GAP.total_seconds()
        known = [t for t in new_times if t is not None]
        # Stored stories that could share an event with a new one (all of them when no time is known).
        stored = [
            s
            for s in self._stories.values()
            if not known
            or s.published is None
            or min(known) - gap <= s.published <= max(known) + gap
        ]
        df: Counter[str] = Counter()
        for terms in (*new_terms, *(s.terms for s in stored)):
            df.update(terms.keys())
        n_docs = len(new_terms) + len(stored)
        # Only the new stories' words can link anything to a new story; words in one story link nothing.
        new_words = set().union(*new_terms)
        shared = sorted(w for w in new_words if df[w] >= 2)
        vocab = {w: i for i, w in enumerate(w for w in shared if not w.startswith(NAME_MARK))}
        heads = {
            w
            for t in (*new_terms, *(s.terms for s in stored))
            for w in t
            if w.startswith(NAME_MARK)
        }
        name_vocab = {w: i for i, w in enumerate(sorted(heads))}

        def unit(terms: Mapping[str, float]) -> dict[int, float]:
            # Every word counts in the norm (a word no other story has makes two stories less alike).
            weights = {
                w: (1.0 + math.log(c)) * _idf(n_docs, df[w])
                for w, c in terms.items()
                if not w.startswith(NAME_MARK)
            }
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            return {vocab[w]: v / norm for w, v in weights.items() if w in vocab}

        def name_unit(terms: Mapping[str, float]) -> dict[int, float]:
            # The headline names, each weighted by how often its own story names it (the
            # parties, not a passing mention), summing to 1: dotted with mentions, the share
            # of them the other story names.
            names = {
                w: terms.get(w[len(NAME_MARK) :], 1.0) for w in terms if w.startswith(NAME_MARK)
            }
            total = sum(names.values()) or 1.0
            return {name_vocab[w]: v / total for w, v in names.items()}

        def mentions(terms: Mapping[str, float]) -> dict[int, float]:
            # The headline names (of any story here) this story names anywhere.
            return {
                c: 1.0 for w, c in name_vocab.items() if w in terms or w[len(NAME_MARK) :] in terms
            }

        width = max(len(vocab), 1)
        new_vectors = np.zeros((len(fresh), width))
        new_names = np.zeros((len(fresh), max(len(name_vocab), 1)))
        new_mentions = np.zeros_like(new_names)
        for i, terms in enumerate(new_terms):
            for col, value in unit(terms).items():
                new_vectors[i, col] = value
            for col, value in name_unit(terms).items():
                new_names[i, col] = value
            for col, value in mentions(terms).items():
                new_mentions[i, col] = value

        # Stored events as centroids over the new stories' words; keep those within reach.
        events: dict[str, list[_Story]] = {}
        for s in stored:
            events.setdefault(s.event_id, []).append(s)
        names = sorted(events)
        reach: list[int] = []
        blocks: list[npt.NDArray[np.float64]] = []
        for start in range(0, len(names), EVENT_BLOCK_ROWS):
            chunk = names[start : start + EVENT_BLOCK_ROWS]
            block = np.zeros((len(chunk), width))
            for r, name in enumerate(chunk):
                for s in events[name]:
                    for col, value in unit(s.terms).items():
                        block[r, col] += value
                block[r] /= len(events[name])
            best = (block @ new_vectors.T).max(axis=1) if len(fresh) else np.zeros(len(chunk))
            keep = np.flatnonzero(best >= threshold)
            reach.extend(start + int(k) for k in keep)
            blocks.append(block[keep])
        stored_centroids = np.vstack(blocks) if blocks else np.zeros((0, width))
        stored_names = [names[k] for k in reach]
        f = len(stored_names)
        stored_leads = np.zeros((f, new_names.shape[1]))
        stored_mentions = np.zeros_like(stored_leads)
        for r, name in enumerate(stored_names):
            for s in events[name]:
                for col, value in name_unit(s.terms).items():
                    stored_leads[r, col] += value
                for col, value in mentions(s.terms).items():
                    stored_mentions[r, col] += value
            stored_leads[r] /= len(events[name])
            stored_mentions[r] /= len(events[name])

        # Groups 0..f-1 are stored events (frozen), f.. the new stories in input order.
        k = f + len(fresh)
        centroids = np.vstack([stored_centroids, new_vectors])
        # Headline names (each 1/n) and the names mentioned, as group means: leads[a] @ said[b]
        # is the mean share of a story of a's headline names that a story of b names.
        leads = np.vstack([stored_leads, new_names])
        said = np.vstack([stored_mentions, new_mentions])
        # Groups where some story has a headline name (the headline bar applies between two such).
        named = np.array(
            [
                any(any(w.startswith(NAME_MARK) for w in s.terms) for s in events[n])
                for n in stored_names
            ]
            + [any(w.startswith(NAME_MARK) for w in t) for t in new_terms],
            dtype=bool,
        )
        sizes = np.array(
            [len(events[n]) for n in stored_names] + [1] * len(fresh), dtype=np.float64
        )
        first = np.full(k, np.inf)
        last = np.full(k, -np.inf)
        for g, name in enumerate(stored_names):
            for s in events[name]:
                if s.published is not None:
                    first[g] = min(first[g], s.published)
                    last[g] = max(last[g], s.published)
        for i, when in enumerate(new_times):
            if when is not None:
                first[f + i] = last[f + i] = when
        frozen = np.arange(k) < f

        def blocked(a: int) -> npt.NDArray[np.bool_]:
            """Groups group ``a`` may not merge with: too far apart in time, or both stored."""
            dated = np.isfinite(first)
            span = np.maximum(last[a], last) - np.minimum(first[a], first)
            far: npt.NDArray[np.bool_] = bool(dated[a]) & dated & (span > gap)
            return far | (frozen & bool(frozen[a]))

        sim = centroids @ centroids.T
        for a in range(k):
            sim[a, blocked(a)] = -np.inf
        np.fill_diagonal(sim, -np.inf)
        group = np.arange(k)
        active = np.ones(k, dtype=bool)
        # Each group's mean similarity between its own members (0 while it has one: no bar to join).
        cohesion = np.zeros(k)
        for g in range(f):
            cohesion[g] = _cohesion(centroids[g], sizes[g])
        while k:
            a, b = divmod(int(np.argmax(sim)), k)
            if sim[a, b] < threshold:
                break
            if sim[a, b] < EVENT_COHESION_RATIO * min(cohesion[a], cohesion[b]):
                # Two groups each much tighter than they are alike: look-alike events.
                sim[a, b] = sim[b, a] = -np.inf
                continue
            if (
                named[a]
                and named[b]
                and min(leads[a] @ said[b], leads[b] @ said[a]) < EVENT_HEADLINE_COVER
            ):
                # Alike in words but not about the same parties: two happenings of one kind.
                sim[a, b] = sim[b, a] = -np.inf
                continue
            a, b = (
                min(a, b),
                max(a, b),
            )  # a stored event, else the earlier new story, keeps the name
            centroids[a] = (centroids[a] * sizes[a] + centroids[b] * sizes[b]) / (
                sizes[a] + sizes[b]
            )
            leads[a] = (leads[a] * sizes[a] + leads[b] * sizes[b]) / (sizes[a] + sizes[b])
            said[a] = (said[a] * sizes[a] + said[b] * sizes[b]) / (sizes[a] + sizes[b])
            named[a] = named[a] or named[b]
            sizes[a] += sizes[b]
            first[a] = min(first[a], first[b])
            last[a] = max(last[a], last[b])
            frozen[a] = frozen[a] or frozen[b]
            cohesion[a] = _cohesion(centroids[a], sizes[a])
            group[group == b] = a
            active[b] = False
            sim[b, :] = -np.inf
            sim[:, b] = -np.inf
            row = centroids @ centroids[a]
            row[blocked(a) | ~active] = -np.inf
            row[a] = -np.inf
            sim[a, :] = row
            sim[:, a] = row
        for i, ((story_id, _), terms, when) in enumerate(
            zip(fresh, new_terms, new_times, strict=True)
        ):
            g = int(group[f + i])
            event = stored_names[g] if g < f else event_id_for(fresh[g - f][0])
            self._stories[story_id] = _Story(story_id, event, when, terms, new=True)


def _cohesion(centroid: npt.NDArray[np.float64], size: float) -> float:
    """The mean similarity of a group's distinct member pairs, from its centroid of unit vectors."""
    if size < 2:
        return 0.0
    return float((size * size * (centroid @ centroid) - size) / (size * (size - 1)))


def _idf(n_docs: int, df: int) -> float:
    return math.log((n_docs + EVENT_IDF_PRIOR_DOCS) / df)


def event_ids(
    items: Sequence[DedupeItem],
    story_ids: Sequence[str] | None = None,
    *,
    threshold: float = EVENT_LINK_THRESHOLD,
) -> list[str]:
    """An event id for each item (in input order), from a fresh :class:`EventIndex`.

    ``story_ids`` (from :func:`dedupe_items`) make an event always a union of whole
    stories; without them each item is its own story.
    """
    return EventIndex().assign(items, story_ids, threshold=threshold)
