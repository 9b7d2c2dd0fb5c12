"""``wirewatch export``: every table and view of the warehouse as files for other tools.

Rows are read through a sealed read-only connection (SQL there cannot write a
file: ``COPY ... TO`` is refused) as Arrow batches, and written by pyarrow, one
Parquet file per table or view. The whole export is written into a temporary
directory beside the target and renamed into place at the end, so a failed or
interrupted export leaves the target as it was::

    written = export_parquet(db, Path("export/"))   # [ExportedFile(name, kind, rows, path, bytes)]
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from wirewatch.errors import UsageError, WirewatchError
from wirewatch.files import check_output_target

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["BATCH_ROWS", "EXPORT_FORMATS", "ExportedFile", "export_parquet"]

EXPORT_FORMATS: Final = ("parquet",)
# Rows per Arrow batch and Parquet row group: 50k articles of a few KB each is a
# few hundred MB in memory at most, and row groups that size read back quickly.
BATCH_ROWS: Final = 50_000
# zstd: files about a third smaller than snappy on article text, and every
# Parquet reader in use (DuckDB, pyarrow, pandas, polars, Spark) reads it.
COMPRESSION: Final = "zstd"
SUFFIX: Final = ".parquet"


@dataclass(frozen=True)
class ExportedFile:
    """One table or view written: its name, kind (table or view), rows and file."""

    name: str
    kind: str
    rows: int
    path: Path
    bytes: int


def _check_target(target: Path) -> None:
    """Refuse a target that is not, and cannot become, an export directory."""
    check_output_target(target, label="export to", kind="exports")
    if target.exists() and not target.is_dir():
        raise UsageError(f"export to {target}: is a file, not a directory")
    if target.is_dir():
        strangers = sorted(
            e.name for e in target.iterdir() if not (e.is_file() and e.name.endswith(SUFFIX))
        )
        if strangers:
            raise UsageError(
                f"export to {target}: the directory holds files that are not Parquet "
                f"({', '.join(strangers[:3])}); give an empty or new directory"
            )


def export_parquet(db: Path, target: Path) -> list[ExportedFile]:
    """Write every table and view of the warehouse ``db`` as ``<name>.parquet`` into ``target``.

    ``target`` is created, or replaced when it holds only Parquet files (an
    earlier export); a file, a symlink or a directory holding anything else is
    refused with :class:`UsageError`. Returns what was written, tables first.
    """
    _check_target(target)
    from wirewatch import store
    from wirewatch.warehouse import connect

    temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        written: list[ExportedFile] = []
        with connect(db, read_only=True) as con:
            for name, kind in store.export_objects(con):
                path = temporary / f"{name}{SUFFIX}"
                with store.object_batches(con, name, batch_rows=BATCH_ROWS) as reader:
                    rows = _write_parquet(reader, path)
                written.append(ExportedFile(name, kind, rows, target / path.name, path.stat().st_size))
        os.chmod(temporary, _new_dir_mode())  # mkdtemp makes 0700; an export is as readable as any
        _move_into_place(temporary, target)
    except BaseException as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(exc, OSError):
            raise WirewatchError(f"export to {target} failed: {exc.strerror or exc}") from exc
        raise
    return written


def _write_parquet(reader: pa.RecordBatchReader, path: Path) -> int:
    import pyarrow.parquet as pq

    rows = 0
    with pq.ParquetWriter(path, reader.schema, compression=COMPRESSION) as writer:
        for batch in reader:
            writer.write_batch(batch, row_group_size=BATCH_ROWS)
            rows += batch.num_rows
    return rows


def _move_into_place(temporary: Path, target: Path) -> None:
    """Rename the finished export to ``target``; an earlier export there is replaced whole."""
    if not target.exists():
        os.rename(temporary, target)
        return
    old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    os.rmdir(old)
    os.rename(target, old)  # from here to the next rename the target is briefly absent
    try:
        os.rename(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.rename(old, target)  # put the earlier export back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _new_dir_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o777 & ~umask
