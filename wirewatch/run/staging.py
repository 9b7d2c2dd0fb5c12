"""Staged batches: workers write Parquet files with no warehouse access, one loader merges them.

Scaling out, fetch and extract run on any worker of a Prefect work pool; a
worker cannot share the run session's process pool or open the warehouse (one
DuckDB writer, maybe on another machine). So each worker writes what it
fetched and extracted as one staged batch, and one loader at a time merges the
complete batches into the warehouse::

    area = StagingArea.for_settings(settings)            # a directory, or any fsspec URL
    area.write_start(run.start)                           # what workers need to know
    batch = stage_sources(settings, group, area=area, run_id=run.run_id, batch_no=i)   # on a worker
    info = load_staged(settings, area)                   # the loader (one at a time)

A batch is written under a temporary name and renamed when complete, so a
worker killed mid-write leaves no file the loader takes. The loader loads each
batch in one transaction together with its row in the ``staged_batches``
ledger (migration 008), then deletes the file: a batch loaded twice changes
nothing, and a loader killed at any point leaves either the whole batch or
none of it. Batch ids are a hash of run id and batch number, so a retried
worker writes the same batch again. Loading goes through
:func:`wirewatch.run.loading.load_batch`, the function the single-machine run
loads with too.

Datetimes are stored as ISO text: a published time keeps its own UTC offset,
which Arrow's one-zone-per-column timestamps would not.
"""

from __future__ import annotations

import dataclasses
import json
import os
import posixpath
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, TypeVar

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from wirewatch import store
from wirewatch.config import SourceConfig
from wirewatch.extract import BoilerplateModel
from wirewatch.fetch import KnownUrl, SourceFetch, StoredRobots
from wirewatch.health import Backoff
from wirewatch.hosts import host_key
from wirewatch.ids import staged_batch_id_for
from wirewatch.models import Candidate, Extracted, FetchRecord, PageResult
from wirewatch.run.infos import ExtractInfo, FetchInfo, LoadInfo, RunStart
from wirewatch.run.loading import LoadHints, load_batch, ordered_results
from wirewatch.settings import Settings
from wirewatch.store import connect, transaction

__all__ = [
    "StagedBatch",
    "StagedLoad",
    "StagingArea",
    "load_staged",
    "source_groups",
    "source_hosts",
    "stage_sources",
]

SUFFIX: Final = ".parquet"
STAGING_ENV: Final = "WIREWATCH_STAGING"  # where batches are staged, if not <data>/staging
_T = TypeVar("_T")


@dataclass(frozen=True)
class StagedBatch:
    """One worker's fetched and extracted pages, as the loader reads them back."""

    batch_id: str
    run_id: str
    fetched: FetchInfo  # pages without their bodies: the loader needs only what was extracted
    extracted: ExtractInfo


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _row(part: str, item: Any) -> dict[str, Any]:
    """A staged row: the part it belongs to, and the dataclass ``item`` as plain values."""
    return {"part": part, part: _plain(dataclasses.asdict(item))}


def _typed(cls: type[_T], row: Mapping[str, Any]) -> _T:
    """A dataclass from a staged row: ISO text back to datetimes, lists back to tuples."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        value = row.get(f.name)
        kind = str(f.type)
        if value is not None and "datetime" in kind:
            value = datetime.fromisoformat(value)
        elif value is not None and kind.startswith("tuple"):
            value = tuple(value)
        elif value is None and kind.startswith("tuple"):
            value = ()
        elif value is None and kind.startswith("list"):
            value = []
        values[f.name] = value
    return cls(**values)


def _result(row: Mapping[str, Any]) -> PageResult:
    extracted = row.get("extracted")
    result = _typed(PageResult, {**row, "extracted": None})
    if extracted is None:
        return result
    return dataclasses.replace(result, extracted=_typed(Extracted, extracted))


class StagingArea:
    """Where staged batches live: a local directory or any fsspec URL (``s3://bucket/wirewatch``)."""

    def __init__(self, url: str, **storage_options: Any) -> None:
        self.url = url.rstrip("/")
        self.fs, self.root = fsspec.core.url_to_fs(self.url, **storage_options)

    @classmethod
    def for_settings(cls, settings: Settings, url: str | None = None) -> StagingArea:
        """``url``, else ``$WIREWATCH_STAGING``, else ``<data dir>/staging``."""
        return cls(url or os.environ.get(STAGING_ENV) or str(settings.data_dir / "staging"))

    def _path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def _write_atomically(self, table: pa.Table, path: str) -> None:
        """Write under a hidden temporary name, then rename: readers see a whole file or none."""
        folder = posixpath.dirname(path)
        self.fs.makedirs(folder, exist_ok=True)
        temporary = posixpath.join(folder, f".{posixpath.basename(path)}.{uuid.uuid4().hex}.tmp")
        try:
            with self.fs.open(temporary, "wb") as out:
                pq.write_table(table, out, compression="zstd")
            self.fs.mv(temporary, path)
        except BaseException:
            if self.fs.exists(temporary):
                self.fs.rm(temporary)
            raise

    def _read(self, path: str) -> pa.Table:
        with self.fs.open(path, "rb") as src:
            return pq.read_table(src)

    # -- what a run's workers start from -------------------------------------

    def write_start(self, start: RunStart) -> None:
        """Stage what the run's workers need from the warehouse: known URLs, learned templates,
        the listings backing off and the stored robots.txt answers."""
        rows = [_row("known", k) for k in start.known.values()]
        rows += [{"part": "template", "template": _plain(r)} for r in start.boilerplate.to_rows()]
        rows += [
            {"part": "backing_off", "backing_off": {"source": source, "feeds": sorted(feeds)}}
            for source, feeds in start.backing_off.items()
        ]
        rows += [_row("robots", r) for r in start.robots]
        meta = {"run_id": start.run_id, "started_at": start.started_at.isoformat()}
        self._write_atomically(_table(rows, meta), self._path(start.run_id, "start" + SUFFIX))

    def read_start(self, run_id: str) -> RunStart:
        """The run start a coordinator staged for ``run_id``."""
        table = self._read(self._path(run_id, "start" + SUFFIX))
        meta = json.loads(table.schema.metadata[b"wirewatch"])
        known: dict[str, KnownUrl] = {}
        templates = []
        skip: dict[str, frozenset[str]] = {}
        robots: list[StoredRobots] = []
        for row in table.to_pylist():
            part = row["part"]
            if part == "known":
                url = _typed(KnownUrl, row["known"])
                known[url.url] = url
            elif part == "backing_off":
                skip[row["backing_off"]["source"]] = frozenset(row["backing_off"]["feeds"] or ())
            elif part == "robots":
                robots.append(_typed(StoredRobots, row["robots"]))
            else:
                templates.append(row["template"])
        return RunStart(
            run_id=meta["run_id"],
            started_at=datetime.fromisoformat(meta["started_at"]),
            known=known,
            boilerplate=BoilerplateModel.from_rows(templates),
            backing_off=skip,
            robots=tuple(robots),
        )

    # -- batches ---------------------------------------------------------------

    def write_batch(
        self, run_id: str, batch_no: int, fetched: FetchInfo, extracted: ExtractInfo
    ) -> str:
        """Stage one worker's batch; returns its path. Writing it again replaces it whole."""
        batch_id = staged_batch_id_for(run_id, batch_no)
        rows: list[dict[str, Any]] = []
        for f in fetched.sources:
            head = {"source": f.source, "skipped_known": f.skipped_known, "deferred": f.deferred}
            lists = {"errors": list(f.errors), "backing_off": list(f.backing_off)}
            rows.append({"part": "source", "source": {**head, **lists}})
            rows += [_row("candidate", c) for c in f.candidates]
            rows += [_row("record", r) for r in f.records]
            rows += [_row("robots", r) for r in f.robots]
        rows += [_row("result", r) for r in extracted.results]
        rows += [{"part": "template", "template": _plain(r)} for r in _batch_templates(extracted)]
        meta = {"batch_id": batch_id, "run_id": run_id, "batch_no": batch_no}
        # Named by number first: the loader takes batches in run, then batch order, which is
        # the configured source order, so stories form as they do in a local run.
        path = self._path(run_id, f"{batch_no:05d}-{batch_id}{SUFFIX}")
        self._write_atomically(_table(rows, meta), path)
        return path

    def complete_batches(self) -> list[str]:
        """Every complete staged batch, oldest run first (temporary files are not complete)."""
        try:
            found = self.fs.glob(self._path("*", "*" + SUFFIX))
        except FileNotFoundError:
            return []
        names = [str(p) for p in found if not posixpath.basename(str(p)).startswith((".", "start"))]
        return sorted(names)

    def read_batch(self, path: str) -> StagedBatch:
        """Read a staged batch back (pages without bodies, results, and the batch's templates)."""
        table = self._read(path)
        meta = json.loads(table.schema.metadata[b"wirewatch"])
        sources: list[SourceFetch] = []
        results: list[PageResult] = []
        templates: list[dict[str, Any]] = []
        for row in table.to_pylist():
            part = row["part"]
            if part == "source":
                head = row["source"]
                sources.append(
                    SourceFetch(
                        head["source"],
                        [],
                        [],
                        [],
                        head["skipped_known"],
                        head["deferred"],
                        list(head["errors"] or []),
                        list(head.get("backing_off") or []),
                    )
                )
            elif part == "candidate":
                sources[-1].candidates.append(_typed(Candidate, row["candidate"]))
            elif part == "record":
                sources[-1].records.append(_typed(FetchRecord, row["record"]))
            elif part == "robots":
                sources[-1].robots.append(_typed(StoredRobots, row["robots"]))
            elif part == "result":
                results.append(_result(row["result"]))
            else:
                templates.append(row["template"])
        return StagedBatch(
            batch_id=meta["batch_id"],
            run_id=meta["run_id"],
            fetched=FetchInfo(tuple(sources)),
            extracted=ExtractInfo(tuple(results), BoilerplateModel.from_rows(templates)),
        )

    def remove(self, path: str) -> None:
        """Delete a loaded batch (the ledger keeps its id)."""
        if self.fs.exists(path):
            self.fs.rm(path)

    def remove_run(self, run_id: str) -> None:
        """Delete a run's start file once its batches are loaded."""
        start = self._path(run_id, "start" + SUFFIX)
        if self.fs.exists(start):
            self.fs.rm(start)


def _batch_templates(extracted: ExtractInfo) -> list[dict[str, Any]]:
    """The learned template rows of the hosts this batch's pages are on (not the whole model)."""
    hosts = {host_key(r.final_url) for r in extracted.results}
    return [r for r in extracted.boilerplate.to_rows() if r["host"] in hosts]


def _table(rows: list[dict[str, Any]], meta: Mapping[str, Any]) -> pa.Table:
    # One column per part (a row fills one): from_pylist would take the columns of the first row only.
    columns = list(dict.fromkeys(key for row in rows for key in row)) or ["part"]
    table = pa.table({c: pa.array([row.get(c) for row in rows]) for c in columns})
    return table.replace_schema_metadata({"wirewatch": json.dumps(dict(meta))})


def source_hosts(source: SourceConfig) -> set[str]:
    """The hosts a source's listings are on (its pages mostly are too)."""
    return {host_key(url) for url in (*source.feeds, *source.sitemaps, *source.sections)}


def source_groups(sources: Sequence[SourceConfig], size: int) -> list[list[SourceConfig]]:
    """Sources in groups of about ``size`` for the workers, every host in exactly one group.

    Sources sharing a host go together, so one worker holds a host's rate limit
    and no two workers ask the same host at once (the flows also hold a Prefect
    concurrency slot per host while a group is fetched).
    """
    by_host: dict[str, list[SourceConfig]] = {}
    owner: dict[str, str] = {}
    for source in sources:
        hosts = sorted(source_hosts(source)) or [source.name]
        key = next((owner[h] for h in hosts if h in owner), hosts[0])
        for h in hosts:
            owner.setdefault(h, key)
        by_host.setdefault(key, []).append(source)
    groups: list[list[SourceConfig]] = []
    for members in by_host.values():
        if groups and len(groups[-1]) + len(members) <= size:
            groups[-1].extend(members)
        else:
            groups.append(list(members))
    return groups


def stage_sources(
    settings: Settings,
    sources: Sequence[SourceConfig],
    *,
    area: StagingArea,
    run_id: str,
    batch_no: int,
) -> str:
    """A worker's whole job: fetch a group of sources, extract their pages, stage the batch.

    Reads what the run knows from the staging area, never the warehouse; returns
    the staged file's path.
    """
    from wirewatch.run.steps import extract_pages, fetch_sources, page_batches

    start = area.read_start(run_id)  # with the listings backing off and the stored robots.txt
    fetched = fetch_sources(settings, sources, start=start, batch_no=batch_no, pool=None)
    extracted = ExtractInfo((), start.boilerplate)
    for batch in page_batches(settings, fetched):
        extracted = extracted.then(extract_pages(settings, batch, boilerplate=extracted.boilerplate))
    return area.write_batch(run_id, batch_no, fetched, extracted)


def _merged_templates(con: store.Connection, batch: StagedBatch) -> BoilerplateModel:
    """The stored templates with this batch's hosts replaced by what its worker learned."""
    mine = batch.extracted.boilerplate.to_rows()
    hosts = {r["host"] for r in mine}
    kept = [r for r in store.load_boilerplate(con).to_rows() if r["host"] not in hosts]
    return BoilerplateModel.from_rows(kept + mine)


@dataclass(frozen=True)
class StagedLoad:
    """What the loader merged: the batches' fetches and extractions (for the summary), and the load."""

    fetched: FetchInfo
    extracted: ExtractInfo
    load: LoadInfo
    batches: int = 0


def _batches(area: StagingArea) -> Iterator[tuple[str, StagedBatch]]:
    for path in area.complete_batches():
        yield path, area.read_batch(path)


def load_staged(settings: Settings, area: StagingArea) -> StagedLoad:
    """Load every complete staged batch not yet in the ledger, one transaction each; returns the counts.

    Run one loader at a time (the flows hold a Prefect concurrency limit of 1;
    DuckDB's file lock stops a second writer anyway).
    """
    from wirewatch.run.steps import listing_observations

    now = datetime.now(UTC)
    backoff = Backoff.of(settings.defaults)
    total = store.ArticleLoad()
    index = None
    loaded: list[StagedBatch] = []
    for path, batch in _batches(area):
        with connect(settings.db) as con:
            done = store.batch_loaded(con, batch.batch_id)
            if not done and index is None:
                index = store.load_story_index(
                    con, window_days=settings.defaults.story_window_days, now=now
                )
        if not done:
            assert index is not None
            with connect(settings.db) as con, transaction(con):
                part = load_batch(
                    con,
                    batch.run_id,
                    ordered_results(settings, batch.extracted.results),
                    batch.fetched.records,
                    hints=LoadHints.of(batch.fetched, batch.extracted),
                    index=index,
                    now=now,
                )
                store.save_boilerplate(con, _merged_templates(con, batch))
                # As a local load does: health and robots.txt answers with the fetches they come
                # from (a source's listings are all in one batch; a run's observation applies once).
                store.record_health(
                    con, batch.run_id, listing_observations(settings, batch.fetched), backoff=backoff
                )
                store.save_robots(con, [r for f in batch.fetched.sources for r in f.robots])
                store.record_batch(
                    con,
                    batch.batch_id,
                    run_id=batch.run_id,
                    pages=len(batch.extracted.results),
                    records=len(batch.fetched.records),
                    now=now,
                )
            total.add(part)
            loaded.append(batch)
        area.remove(path)
    info = LoadInfo(
        new=total.new,
        updated=total.updated,
        unchanged=total.unchanged,
        url_variants=total.url_variants,
        stories_new=total.stories_new,
    )
    return StagedLoad(
        fetched=FetchInfo.combine(b.fetched for b in loaded),
        extracted=ExtractInfo(
            tuple(r for b in loaded for r in b.extracted.results), BoilerplateModel()
        ),
        load=info,
        batches=len(loaded),
    )
