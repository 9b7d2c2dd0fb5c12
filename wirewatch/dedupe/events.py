"""Event level: group different outlets' own write-ups of one event (the stretch goal).

Stories are near-duplicate copies of one text; an *event* is everything written
about one happening, in different words. This level is coarser and separate: it
never changes ``story_id``. Articles become TF-IDF vectors (names and places
weighted up), start grouped by story, and groups are merged by average linkage
while their mean cosine similarity stays above ``EVENT_LINK_THRESHOLD`` and
their publication times are within ``MAX_EVENT_GAP``.

Average linkage over unit vectors is the dot product of group means, so each
merge costs one matrix-vector product; memory is dense, O(groups x vocabulary):
meant for a window of a few thousand stories, not for the million-article
speed corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from wirewatch.dedupe.index import DedupeItem, _timestamp
from wirewatch.dedupe.tuning import (
    EVENT_LINK_THRESHOLD,
    EVENT_MAX_VOCABULARY,
    EVENT_NAME_WEIGHT,
    EVENT_STOPWORDS,
    MAX_EVENT_GAP,
)
from wirewatch.errors import UsageError

__all__ = ["event_ids"]

_WORD = re.compile(r"[^\W\d_][\w'\-]*|\d+")


def _terms(text: str) -> dict[str, float]:
    counts: dict[str, float] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        low = word.lower()
        if len(low) < 3 or low in EVENT_STOPWORDS:
            continue
        counts[low] = counts.get(low, 0.0) + (EVENT_NAME_WEIGHT if word[0].isupper() else 1.0)
    return counts


def event_ids(
    items: Sequence[DedupeItem],
    story_ids: Sequence[str] | None = None,
    *,
    threshold: float = EVENT_LINK_THRESHOLD,
) -> list[str]:
    """An event id for each item (in input order): the story id of its event's first
    group in input order.

    ``story_ids`` (from :func:`dedupe_items`) seed the groups so an event is always
    a union of whole stories; without them each item starts alone.
    """
    n = len(items)
    if n == 0:
        return []
    seeds = list(story_ids) if story_ids is not None else [it.id for it in items]
    if len(seeds) != n:
        raise UsageError(f"story_ids has {len(seeds)} entries for {n} items")
    terms = [_terms(f"{it.title or ''}\n{it.text}") for it in items]
    df: Counter[str] = Counter()
    for article_terms in terms:
        df.update(article_terms.keys())
    # Words in one article only cannot link two; past the cap, keep the most widely shared.
    shared = sorted((w for w, c in df.items() if c >= 2), key=lambda w: (-df[w], w))
    vocab = {w: i for i, w in enumerate(shared[:EVENT_MAX_VOCABULARY])}
    vectors = np.zeros((n, max(len(vocab), 1)), dtype=np.float64)
    for i, article_terms in enumerate(terms):
        for word, count in article_terms.items():
            col = vocab.get(word)
            if col is not None:
                vectors[i, col] = (1.0 + math.log(count)) * math.log(n / df[word])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms > 0, norms, 1.0)

    # Groups start as stories, in order of first appearance (so ids are deterministic).
    group_of_seed: dict[str, int] = {}
    member_group = [group_of_seed.setdefault(s, len(group_of_seed)) for s in seeds]
    k = len(group_of_seed)
    sizes = np.bincount(member_group, minlength=k).astype(np.float64)
    centroids = np.zeros((k, vectors.shape[1]))
    np.add.at(centroids, member_group, vectors)
    centroids /= sizes[:, None]
    # Each group's first and last publication time (+inf/-inf while unknown).
    first = np.full(k, np.inf)
    last = np.full(k, -np.inf)
    for g, item in zip(member_group, items, strict=True):
        when = _timestamp(item.published_at)
        if when is not None:
            first[g] = min(first[g], when)
            last[g] = max(last[g], when)
    names = list(group_of_seed)
    gap = MAX_EVENT_GAP.total_seconds()

    def too_far(a: int) -> npt.NDArray[np.bool_]:
        """Groups that would span more than the gap if merged with group ``a``."""
        known = np.isfinite(first)
        span = np.maximum(last[a], last) - np.minimum(first[a], first)
        return bool(known[a]) & known & (span > gap)

    sim = centroids @ centroids.T
    for a in range(k):
        sim[a, too_far(a)] = -np.inf
    np.fill_diagonal(sim, -np.inf)
    group = np.asarray(member_group)
    active = np.ones(k, dtype=bool)
    while True:
        a, b = divmod(int(np.argmax(sim)), k)
        if sim[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)  # the earlier group keeps its name
        centroids[a] = (centroids[a] * sizes[a] + centroids[b] * sizes[b]) / (sizes[a] + sizes[b])
        sizes[a] += sizes[b]
        first[a] = min(first[a], first[b])
        last[a] = max(last[a], last[b])
        group[group == b] = a
        active[b] = False
        sim[b, :] = -np.inf
        sim[:, b] = -np.inf
        row = centroids @ centroids[a]
        row[too_far(a) | ~active] = -np.inf
        row[a] = -np.inf
        sim[a, :] = row
        sim[:, a] = row
    return [names[g] for g in group.tolist()]
