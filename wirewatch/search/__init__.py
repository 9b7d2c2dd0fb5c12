"""The search stage: a full-text index of article versions beside the warehouse (tantivy).

The index holds each article's current version (title, text, agency, source,
language, countries, published date, story id) and answers BM25-ranked queries
in English (stemmed), Russian (stemmed: Путин finds Путина, Путиным) and Chinese
(no spaces needed); the grammar is in ``wirewatch.search.query``. The load step
keeps it in step with the warehouse, ``reindex`` rebuilds it, and drift is
computed after a killed run::

    index = SearchIndex.open(index_dir_for(db), create=True)
    with index.writer() as writer:               # one writer; readers never wait
        writer.upsert(docs)                      # SearchDocument per new or updated version
        writer.delete(gone_ids)
        writer.commit(label=run_id)              # after the warehouse commit

    if index.commit_label != last_warehouse_run:  # a run died between the two commits
        drift = compute_drift(index.held_versions(), warehouse_versions)  # {article_id: version}
        # upsert drift.to_upsert from the warehouse, delete drift.extra, commit(label=...)

    hits = index.search_stories("Lukashenko AND China", Filters(countries=("by",)), limit=20)
    hits[0].snippet.to_html()                    # escaped, matches in <mark>
    ids = index.matching_ids('"state visit"', Filters(since=start))  # join in DuckDB by period
    rows = index.matches('"state visit"').to_arrow()   # ids with story_id and published
    dated = index.story_dates('"state visit"')   # numpy story keys and dates: attention

    rebuild_index(path, docs, label=run_id)      # wirewatch reindex: one atomic commit

Errors: ``QueryError`` (a malformed query; also a ``UsageError``),
``SearchIndexMissing`` / ``SearchIndexCorrupt`` (rebuild), ``SearchIndexLocked``
(transient). This package imports no other stage and never Prefect.
"""

from wirewatch.search.index import IndexWriter, SearchIndex, index_dir_for, rebuild_index
from wirewatch.search.query import check_query
from wirewatch.search.records import (
    Drift,
    Filters,
    Hit,
    Matches,
    SearchDocument,
    Snippet,
    StoryDates,
    collapse_by_story,
    compute_drift,
)

__all__ = [
    "Drift",
    "Filters",
    "Hit",
    "IndexWriter",
    "Matches",
    "SearchDocument",
    "SearchIndex",
    "Snippet",
    "StoryDates",
    "check_query",
    "collapse_by_story",
    "compute_drift",
    "index_dir_for",
    "rebuild_index",
]
