"""The index on disk: open or create it, write article versions, search, check drift.

tantivy is touched only here and in the schema, query and snippet modules; its
errors are translated by ``_translated`` where they enter. One process writes
at a time (tantivy's writer lock, ``SearchIndexLocked`` for the second);
readers open the last commit and never wait for the writer.
"""

from __future__ import annotations

import fcntl
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
import tantivy

from wirewatch.errors import (
    SearchError,
    SearchIndexCorrupt,
    SearchIndexLocked,
    SearchIndexMissing,
    WirewatchError,
)
from wirewatch.search.query import Compiler, parse_query
from wirewatch.search.records import (
    Filters,
    Hit,
    Matches,
    SearchDocument,
    StoryDates,
    from_epoch,
    to_epoch,
)
from wirewatch.search.schema import (
    LABEL_FILE,
    MARKER_FILE,
    build_schema,
    hex_ids,
    id_key,
    key_id,
    keyword_analyzer,
    marker,
    read_label,
    read_marker,
    register_analyzers,
    space_cjk,
    stored_text,
    words_analyzer,
    write_label,
    write_marker,
)
from wirewatch.search.snippets import SnippetMaker
from wirewatch.search.tuning import (
    OPEN_ATTEMPTS,
    OPEN_RETRY_SECONDS,
    REBUILD_HEAP_BYTES,
    STORY_MAX_PAGES,
    STORY_PAGE_FACTOR,
    WRITER_HEAP_BYTES,
    WRITER_THREADS,
)

META_FILE = "meta.json"
WRITER_LOCK_FILE = ".tantivy-writer.lock"
# Files tantivy and this package keep in an index directory: only such a directory is wiped.
_INDEX_FILE = re.compile(
    r"[0-9a-f]{32}\.[a-z]+|meta\.json|\.managed\.json|\.tantivy-(meta|writer)\.lock"
    + f"|({re.escape(MARKER_FILE)}|{re.escape(LABEL_FILE)})(\\.tmp)?"
)
# Words in tantivy's error texts that mean the files on disk are damaged or missing.
_CORRUPT_SIGNS = ("corrupt", "doesnotexist", "ioerror", "io error", "failed to open", "mismatch")
_REBUILD = "rebuild it with `wirewatch reindex`"


def index_dir_for(db: Path) -> Path:
    """Where the index of the warehouse file ``db`` lives: beside it, one index per warehouse."""
    return db.with_name(db.name + ".search")


@contextmanager
def _translated(path: Path, action: str) -> Iterator[None]:
    """Turn tantivy's errors (ValueError, OSError, Rust panics) into the wirewatch tree."""
    try:
        yield
    except WirewatchError:
        raise
    except (ValueError, OSError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "LockBusy" in detail:
            raise SearchIndexLocked(
                f"another process is writing the search index at {path}; try again after it commits"
            ) from exc
        if any(sign in detail.lower() for sign in _CORRUPT_SIGNS):
            raise SearchIndexCorrupt(
                f"the search index at {path} is damaged or incomplete ({detail[:200]}): {_REBUILD}"
            ) from exc
        raise SearchError(f"the search index at {path} failed while {action}: {detail[:200]}") from exc
    except RuntimeError as exc:  # a closed writer used again: a caller's mistake
        raise SearchError(f"search index writer at {path}: {exc}") from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # pyo3's, raised when Rust code panics
            raise
        detail = str(exc).splitlines()[0] if str(exc) else "panic"
        raise SearchError(f"the search index at {path} failed while {action}: {detail[:200]}") from exc


def _open_existing(path: Path) -> tantivy.Index:
    # A reader can read meta.json just before the writer's merge removes the files it
    # names; reading it again gets the commit that replaced them.
    for attempt in range(OPEN_ATTEMPTS):
        try:
            with _translated(path, "opening it"):
                return tantivy.Index.open(str(path))
        except SearchIndexCorrupt as exc:
            if "doesnotexist" not in str(exc).lower() or attempt == OPEN_ATTEMPTS - 1:
                raise
            time.sleep(OPEN_RETRY_SECONDS)
    raise AssertionError("unreachable")


class SearchIndex:
    """A full-text index of article versions in one directory."""

    def __init__(self, path: Path, index: tantivy.Index) -> None:
        self.path = path
        self._index = index
        self._schema = index.schema
        self._compiler = Compiler(
            self._schema, words_analyzer(), words_analyzer(stem=False), keyword_analyzer()
        )

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False) -> SearchIndex:
        """Open the index in ``path``; with ``create``, make an empty one when there is none.

        Raises ``SearchIndexMissing`` (no index and not ``create``),
        ``SearchIndexCorrupt`` (damaged, or built by an incompatible version).
        """
        path = Path(path)
        if not (path / META_FILE).is_file():
            if not create:
                raise SearchIndexMissing(f"there is no search index at {path} yet: {_REBUILD}")
            with _translated(path, "creating it"):
                path.mkdir(parents=True, exist_ok=True)
                write_marker(path)
                index = tantivy.Index(build_schema(), path=str(path), reuse=False)
        else:
            if read_marker(path) != marker():
                raise SearchIndexCorrupt(
                    f"the search index at {path} was built by another version of wirewatch "
                    f"or its {MARKER_FILE} is damaged: {_REBUILD}"
                )
            index = _open_existing(path)
        register_analyzers(index)
        return cls(path, index)

    # --- reading ---------------------------------------------------------------

    def doc_count(self) -> int:
        """How many articles the last commit holds."""
        with _translated(self.path, "counting documents"):
            return int(self._index.searcher().num_docs)

    def refresh(self) -> None:
        """Read the last commit (a long-lived reader sees new commits after a short delay)."""
        with _translated(self.path, "reloading"):
            self._index.reload()

    def count(self, query: str, filters: Filters | None = None) -> int:
        """How many articles match."""
        compiled = self._query(query, filters)
        with _translated(self.path, "counting matches"):
            return _count(self._index.searcher(), compiled)

    def search(
        self, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0
    ) -> list[Hit]:
        """The best ``limit`` matching articles (after ``offset``), best first, with snippets."""
        compiled = self._query(query, filters)
        if limit <= 0:
            return []
        with _translated(self.path, "searching"):
            searcher = self._index.searcher()
            found = searcher.search(compiled, limit=limit, offset=offset, count=False).hits
            snippets = SnippetMaker(searcher, compiled, self._schema)
            return [self._hit(searcher, addr, score, snippets) for score, addr in found]

    def search_stories(
        self, query: str, filters: Filters | None = None, *, limit: int = 20
    ) -> list[Hit]:
        """The best-scoring copy of each of the best ``limit`` stories, best first."""
        compiled = self._query(query, filters)
        if limit <= 0:
            return []
        page = limit * STORY_PAGE_FACTOR
        best: list[tuple[float, Any]] = []
        seen: set[str] = set()
        with _translated(self.path, "searching"):
            searcher = self._index.searcher()
            for number in range(STORY_MAX_PAGES):
                found = searcher.search(
                    compiled, limit=page, offset=number * page, count=False
                ).hits
                addrs = [addr for _, addr in found]
                for (score, addr), story in zip(found, self._story_ids(searcher, addrs), strict=True):
                    if story not in seen:
                        seen.add(story)
                        best.append((score, addr))
                if len(best) >= limit or len(found) < page:
                    break
            snippets = SnippetMaker(searcher, compiled, self._schema)
            return [self._hit(searcher, addr, score, snippets) for score, addr in best[:limit]]

    def matching_ids(self, query: str, filters: Filters | None = None) -> list[str]:
        """The id of every matching article (not ranked): the fast path for attention,
        which joins them with the warehouse by period. Read from a fast field, never
        from stored documents (for ids of 16 hex digits)."""
        compiled = self._query(query, filters)
        with _translated(self.path, "collecting matches"):
            searcher = self._index.searcher()
            return self._article_ids(searcher, self._all(searcher, compiled))

    def matches(self, query: str, filters: Filters | None = None) -> Matches:
        """Every matching article with its story and date (not ranked); about twice the
        work of ``matching_ids``, and attention by story and period needs no join."""
        compiled = self._query(query, filters)
        with _translated(self.path, "collecting matches"):
            searcher = self._index.searcher()
            found = self._all(searcher, compiled)
            addrs = [addr for _, addr in found]
            stories = self._story_ids(searcher, addrs)
            published = searcher.fast_field_values("published", addrs) if addrs else []
            return Matches(
                article_ids=self._article_ids(searcher, found),
                story_ids=stories,
                published=published,  # type: ignore[arg-type]  # i64 fast field: int or None
            )

    def story_dates(self, query: str, filters: Filters | None = None) -> StoryDates:
        """The story and date of every matching dated article, as numpy arrays (not
        ranked): attention's fast path. One collection ordered by the ``published``
        fast field hands back the dates, one fast-field read the story keys; no
        stored document is read and no article id made (for ids of 16 hex digits)."""
        compiled = self._query(query, filters)
        with _translated(self.path, "collecting matches"):
            searcher = self._index.searcher()
            total = _count(searcher, compiled)
            if total == 0:  # tantivy panics on limit 0
                return StoryDates(np.zeros(0, np.uint64), np.zeros(0, np.int64))
            found = searcher.search(
                compiled, limit=total, count=False, order_by_field="published"
            ).hits
            dates = [when for when, _ in found]
            if None in dates:  # an undated article counts in no period
                found = [(when, addr) for when, addr in found if when is not None]
                dates = [when for when, _ in found]
            addrs = [addr for _, addr in found]
            keys = searcher.fast_field_values("story_key", addrs) if addrs else []
            if None in keys:  # ids that are not 16 hex digits: codes, equal for equal ids
                ids = _ids(searcher, addrs, keys, "story_id")
                stories = np.unique(np.array(ids, dtype=object), return_inverse=True)[1]
            else:
                stories = np.array(keys, dtype=np.uint64)
            return StoryDates(stories.astype(np.uint64), np.array(dates, dtype=np.int64))

    @property
    def commit_label(self) -> str | None:
        """The label given to the last commit that had one; None before any."""
        return read_label(self.path)

    def held_versions(self) -> dict[str, int]:
        """``{article_id: version}`` of every article the last commit holds."""
        with _translated(self.path, "listing held versions"):
            searcher = self._index.searcher()
            found = self._all(searcher, tantivy.Query.all_query())
            ids = self._article_ids(searcher, found)
            addrs = [addr for _, addr in found]
            versions = searcher.fast_field_values("version", addrs) if addrs else []
            return dict(zip(ids, versions, strict=True))  # type: ignore[arg-type]  # i64: ints

    # --- writing ---------------------------------------------------------------

    def writer(
        self, *, heap_bytes: int = WRITER_HEAP_BYTES, threads: int = WRITER_THREADS
    ) -> IndexWriter:
        """The one writer (``SearchIndexLocked`` if another process holds it).

        Use it as a context manager; changes not committed when it closes are discarded.
        """
        with _translated(self.path, "taking the writer"):
            inner = self._index.writer(heap_size=heap_bytes, num_threads=threads)
        return IndexWriter(self, inner)

    # --- internals -------------------------------------------------------------

    def _query(self, query: str, filters: Filters | None) -> tantivy.Query:
        compiled = self._compiler.compile(parse_query(query))
        restrictions = self._filters(filters) if filters else []
        if not restrictions:
            return compiled
        clauses = [(tantivy.Occur.Must, compiled)]
        # Filters decide which articles match, never how they rank.
        clauses += [
            (tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0)) for q in restrictions
        ]
        return tantivy.Query.boolean_query(clauses)

    def _filters(self, filters: Filters) -> list[tantivy.Query]:
        out: list[tantivy.Query] = []
        if filters.since is not None or filters.until is not None:
            out.append(
                tantivy.Query.range_query(
                    self._schema,
                    "published",
                    tantivy.FieldType.Integer,
                    lower_bound=None if filters.since is None else to_epoch(filters.since),
                    upper_bound=None if filters.until is None else to_epoch(filters.until),
                    include_lower=True,
                    include_upper=filters.until is None,  # tantivy: an open side is inclusive
                )
            )
        for field, values in (
            ("source", filters.sources),
            ("agency", filters.agencies),
            ("country", filters.countries),
            ("language", filters.languages),
        ):
            if values:
                # the analyzer of the field itself, so a value matches as it was indexed
                terms = sorted({t for v in values for t in self._compiler.keyword.analyze(v.strip())})
                out.append(tantivy.Query.term_set_query(self._schema, field, terms))
        return out

    @staticmethod
    def _all(searcher: tantivy.Searcher, query: tantivy.Query) -> list[tuple[Any, Any]]:
        """``(article_key, address)`` of every match: no scoring, no stored documents."""
        total = _count(searcher, query)
        if total == 0:  # tantivy panics on limit 0
            return []
        return searcher.search(query, limit=total, count=False, order_by_field="article_key").hits

    @staticmethod
    def _article_ids(searcher: tantivy.Searcher, found: list[tuple[Any, Any]]) -> list[str]:
        keys = [key for key, _ in found]
        if None not in keys:
            return hex_ids(keys)
        return _ids(searcher, [addr for _, addr in found], keys, "article_id")

    @staticmethod
    def _story_ids(searcher: tantivy.Searcher, addrs: list[Any]) -> list[str]:
        keys = searcher.fast_field_values("story_key", addrs) if addrs else []
        return _ids(searcher, addrs, keys, "story_id")

    @staticmethod
    def _hit(searcher: tantivy.Searcher, addr: Any, score: float, snippets: SnippetMaker) -> Hit:
        doc = searcher.doc(addr)
        published = doc.get_first("published")
        return Hit(
            article_id=str(doc.get_first("article_id")),
            story_id=str(doc.get_first("story_id")),
            score=float(score),
            title=stored_text(doc, "stored_title"),
            snippet=snippets.make(doc),
            version=int(doc.get_first("version") or 0),
            agency=doc.get_first("agency"),
            source=doc.get_first("source"),
            language=doc.get_first("language"),
            countries=tuple(str(c).upper() for c in doc.get_all("country")),
            published=None if published is None else from_epoch(int(published)),
        )


def _ids(searcher: tantivy.Searcher, addrs: list[Any], keys: list[Any], field: str) -> list[str]:
    """Ids from their u64 keys; ids that are not 16 hex digits come from the stored document."""
    if None not in keys:
        return hex_ids(keys)
    return [
        key_id(int(key)) if key is not None else str(searcher.doc(addr).get_first(field))
        for addr, key in zip(addrs, keys, strict=True)
    ]


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    result = searcher.search(query, limit=1, count=True)
    return int(getattr(result, "count", 0) or 0)  # at run time, though not in tantivy's stubs


class IndexWriter:
    """Writes article versions; nothing is visible to readers before ``commit``."""

    def __init__(self, index: SearchIndex, inner: tantivy.IndexWriter) -> None:
        self._index = index
        self._inner: tantivy.IndexWriter | None = inner

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _writer(self) -> tantivy.IndexWriter:
        if self._inner is None:
            raise SearchError(f"the search index writer at {self._index.path} is closed")
        return self._inner

    def upsert(self, docs: Iterable[SearchDocument]) -> int:
        """Replace each article's document with this version (delete by id, then add).

        Idempotent: upserting the same version twice leaves one document. Within
        one call or commit the last version given for an article wins.
        """
        writer = self._writer()
        count = 0
        with _translated(self._index.path, "adding documents"):
            for doc in docs:
                writer.delete_documents_by_term("article_id", doc.article_id)
                writer.add_document(_document(doc))
                count += 1
        return count

    def add_new(self, docs: Iterable[SearchDocument]) -> int:
        """Add documents without deleting older ones: only for an empty index (rebuilds)."""
        writer = self._writer()
        count = 0
        with _translated(self._index.path, "adding documents"):
            for doc in docs:
                writer.add_document(_document(doc))
                count += 1
        return count

    def delete(self, article_ids: Iterable[str]) -> int:
        """Remove these articles' documents; unknown ids are no error."""
        writer = self._writer()
        count = 0
        with _translated(self._index.path, "deleting documents"):
            for article_id in article_ids:
                writer.delete_documents_by_term("article_id", article_id)
                count += 1
        return count

    def delete_all(self) -> None:
        """Remove every document (readers keep the old ones until ``commit``)."""
        with _translated(self._index.path, "deleting every document"):
            self._writer().delete_all_documents()

    def commit(self, label: str | None = None) -> None:
        """Make every change so far durable and visible, atomically.

        ``label`` (say, the warehouse run that these changes complete) is recorded
        after the commit and read back with ``SearchIndex.commit_label``. A run
        killed between its warehouse commit and this one leaves the older label:
        the next run sees it differ from the warehouse and checks drift.
        """
        with _translated(self._index.path, "committing"):
            self._writer().commit()
            write_label(self._index.path, label)
            self._index.refresh()

    def rollback(self) -> None:
        """Discard every change since the last commit."""
        with _translated(self._index.path, "rolling back"):
            self._writer().rollback()

    def close(self) -> None:
        """Discard uncommitted changes, finish merges and release the writer lock."""
        if self._inner is None:
            return
        inner, self._inner = self._inner, None
        with _translated(self._index.path, "closing the writer"):
            inner.rollback()
            inner.wait_merging_threads()


def _document(doc: SearchDocument) -> tantivy.Document:
    out = tantivy.Document()
    out.add_text("article_id", doc.article_id)
    out.add_text("story_id", doc.story_id)
    for name, key in (("article_key", id_key(doc.article_id)), ("story_key", id_key(doc.story_id))):
        if key is not None:
            out.add_unsigned(name, key)
    title, text = doc.title or "", doc.text or ""
    out.add_text("title", space_cjk(title))
    out.add_text("text", space_cjk(text))
    out.add_bytes("stored_title", title.encode("utf-8"))
    out.add_bytes("stored_text", text.encode("utf-8"))
    for name, value in (("agency", doc.agency), ("source", doc.source), ("language", doc.language)):
        if value:
            out.add_text(name, value)
    for country in doc.countries:
        out.add_text("country", country)
    if doc.published is not None:
        out.add_integer("published", to_epoch(doc.published))
    out.add_integer("version", int(doc.version))
    return out


def rebuild_index(
    path: Path | str,
    docs: Iterable[SearchDocument],
    *,
    label: str | None = None,
    heap_bytes: int = REBUILD_HEAP_BYTES,
    threads: int = WRITER_THREADS,
) -> int:
    """Replace the whole index with ``docs`` in one commit; returns how many were indexed.

    ``docs`` holds one version per article (it is not deduplicated); ``label`` as
    in ``IndexWriter.commit`` (without one, the old label is removed).
    Readers see the old index until the commit, then the new one. A damaged or
    incompatible index is wiped first (only a directory holding nothing but
    index files). A rebuild killed before its commit leaves the old index.
    """
    path = Path(path)
    try:
        index = SearchIndex.open(path, create=True)
    except SearchIndexCorrupt:
        _wipe(path)
        index = SearchIndex.open(path, create=True)
    with index.writer(heap_bytes=heap_bytes, threads=threads) as writer:
        writer.delete_all()
        count = writer.add_new(docs)
        writer.commit(label)
    if label is None:  # the old label described the old contents
        (path / LABEL_FILE).unlink(missing_ok=True)
    return count


def _wipe(path: Path) -> None:
    entries = list(path.iterdir())
    strangers = [e.name for e in entries if not (e.is_file() and _INDEX_FILE.fullmatch(e.name))]
    if strangers:
        raise SearchIndexCorrupt(
            f"{path} holds files that are not a search index ({', '.join(sorted(strangers)[:3])}); "
            "move them away before rebuilding"
        )
    lock_path = path / WRITER_LOCK_FILE
    with open(lock_path, "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the lock tantivy's writer takes
        except OSError as exc:
            raise SearchIndexLocked(
                f"another process is writing the search index at {path}; try again after it commits"
            ) from exc
        for entry in entries:
            if entry.name != WRITER_LOCK_FILE:
                entry.unlink()
