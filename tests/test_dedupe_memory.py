"""The story index's memory: compact columns and anchor postings, same decisions as ever."""

from __future__ import annotations

import random
import tracemalloc
from datetime import UTC, datetime, timedelta

import pytest

from wirewatch.dedupe import DedupeItem, StoryIndex, columns
from wirewatch.dedupe.columns import STOP, Blocks, Postings
from wirewatch.dedupe.tuning import MAX_STORIES_PER_ANCHOR

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


def newswire(originals: int, seed: int = 3) -> list[DedupeItem]:
    """Made-up reports, every tenth copied by a partner (trimmed, with a footer) an hour later."""
    rng = random.Random(seed)
    vocab = [
        "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        for _ in range(3000)
    ]
    items = []
    for i in range(originals):
        words = [rng.choice(vocab) for _ in range(rng.randint(80, 220))]
        paras = [" ".join(words[j : j + 40]) for j in range(0, len(words), 40)]
        when = START + timedelta(minutes=7 * i)
        items.append(
            DedupeItem(
                f"a{i}", f"https://agency.example.com/{i}", None, "\n".join(paras), when, "agency"
            )
        )
        if i % 10 == 0:
            copy = "\n".join([*paras[: max(1, len(paras) - 1)], "Follow us for more world news"])
            items.append(
                DedupeItem(
                    f"c{i}",
                    f"https://partner.example.org/world/{i}.html",
                    None,
                    copy,
                    when + timedelta(hours=1),
                    "partner",
                )
            )
    return items


def _assign_in_batches(items: list[DedupeItem], size: int = 100) -> tuple[list[object], StoryIndex]:
    index = StoryIndex()
    decisions: list[object] = []
    for lo in range(0, len(items), size):
        decisions += index.assign(items[lo : lo + size])
    return decisions, index


def test_frozen_postings_and_small_blocks_decide_exactly_as_one_dict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = newswire(400)
    plain, plain_index = _assign_in_batches(items)
    # Freeze the postings every few anchors and cut every column into many blocks.
    monkeypatch.setattr(columns, "HOT_ANCHORS", 7)
    monkeypatch.setattr(columns, "BLOCK_ROWS", 5)
    small, small_index = _assign_in_batches(items)
    assert sum(len(k) for k in small_index._postings._keys) > 0  # the frozen path was taken
    assert small == plain
    assert small_index.to_rows(only_new=False) == plain_index.to_rows(only_new=False)
    copies = [d for d in plain if d.id.startswith("c")]  # type: ignore[attr-defined]
    assert all(d.story_id == "a" + d.id[1:] for d in copies)  # type: ignore[attr-defined]
    # Reloaded, the index gives the same rows and the same decisions to known ids.
    reloaded = StoryIndex.from_rows(small_index.to_rows(only_new=False))

    def by_id(rows: list[dict[str, object]]) -> list[dict[str, object]]:
        return sorted(rows, key=lambda r: str(r["article_id"]))

    assert by_id(reloaded.to_rows(only_new=False)) == by_id(plain_index.to_rows(only_new=False))
    assert [d.story_id for d in reloaded.assign(items[:50])] == [
        d.story_id
        for d in plain[:50]  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("freeze_every", [1, 3, 1000])
def test_postings_cap_an_anchor_at_the_same_story_count_hot_or_frozen(
    monkeypatch: pytest.MonkeyPatch, freeze_every: int
) -> None:
    monkeypatch.setattr(columns, "HOT_ANCHORS", freeze_every)
    postings = Postings()
    anchor = (1 << 63) + 12345  # above the int64 range: compared as uint64
    other = 99
    for story in range(MAX_STORIES_PER_ANCHOR):
        postings.add(anchor, story)
        postings.add(anchor, story)  # a second article of one story adds nothing
        postings.add(other, 7)
    assert postings.get(anchor) == list(range(MAX_STORIES_PER_ANCHOR))
    assert postings.get(other) == 7
    assert postings.get(5) is None
    postings.add(anchor, MAX_STORIES_PER_ANCHOR)
    assert postings.get(anchor) == STOP
    postings.add(anchor, 0)
    assert postings.get(anchor) == STOP


def test_blocks_grow_without_copying_and_read_across_block_boundaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(columns, "BLOCK_ROWS", 4)
    values = Blocks("uint64")
    assert values.extend(list(range(3))) == 0  # type: ignore[arg-type]
    first_block = values._blocks[0]
    assert values.extend(list(range(10, 16))) == 3  # type: ignore[arg-type]
    assert values._blocks[0] is first_block
    assert values.span(2, 5).tolist() == [2, 10, 11, 12, 13]
    assert values.span(4, 3).tolist() == [11, 12, 13]


def test_index_memory_per_article_stays_small(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small blocks and a small dict of recent anchors: what a small index holds ahead of
    # need would otherwise dominate what it holds per article.
    monkeypatch.setattr(columns, "BLOCK_ROWS", 256)
    monkeypatch.setattr(columns, "HOT_ANCHORS", 1000)
    items = newswire(1500)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = StoryIndex()
        for lo in range(0, len(items), 500):
            index.assign(items[lo : lo + 500])
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # 512 bytes of MinHash, ~20 anchors of 8 bytes and their postings, the id, URL and hash
    # strings and their dicts: about 1.5 KB. An object per article and a dict entry per
    # anchor took 4 KB and more.
    assert len(index) == len(items)
    assert held / len(items) < 2000
