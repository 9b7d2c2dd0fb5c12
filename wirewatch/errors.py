"""The one error tree of wirewatch.

Every error wirewatch raises derives from :class:`WirewatchError` and carries a
retry mark, so retry policy follows from the type rather than from status codes
scattered around::

    WirewatchError
    ├── ConfigError            (permanent) a config file is missing or invalid
    ├── UsageError             (permanent) a command was called with bad input
    ├── FetchError             a fetch attempt failed; ``outcome`` names the fetches.outcome
    │   ├── TransientFetchError  (transient) timeouts, connection errors, 429/5xx
    │   └── PermanentFetchError  (permanent) 4xx, robots disallow, too large
    ├── ExtractError           (permanent) a page gave no usable article
    │   ├── DecodeError          bytes could not be decoded as text
    │   └── ExtractEmpty         no main text was found
    ├── WarehouseError         (permanent) bad SQL, failed migration
    │   └── WarehouseLocked      (transient) another process holds the DuckDB file
    ├── DeliveryError          (transient) an alert channel refused or failed
    ├── RunLocked              (transient) another run holds the run lock
    ├── StagedBatchFailed      (transient) a worker's staged batch did not complete
    └── SearchError            (permanent) the full-text index refused an operation
        ├── QueryError           (permanent, also a UsageError) a search query the grammar cannot read
        ├── SearchIndexUnavailable (permanent) no usable index at the path: rebuild it (reindex)
        │   ├── SearchIndexMissing   nothing has been indexed there yet
        │   └── SearchIndexCorrupt   damaged, unreadable or built by an incompatible wirewatch
        └── SearchIndexLocked    (transient) another process holds the index writer

Third-party errors are translated where they enter: only ``wirewatch.fetch``
catches httpx errors, only ``wirewatch.extract`` touches trafilatura, only
``wirewatch.warehouse`` catches duckdb errors, only ``wirewatch.search`` touches
tantivy. ``QueryError`` is both a ``SearchError`` and a ``UsageError``: a bad
query is the caller's input (exit 2), found by the search package.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DecodeError",
    "DeliveryError",
    "ExtractEmpty",
    "ExtractError",
    "FetchError",
    "PermanentFetchError",
    "QueryError",
    "RunLocked",
    "SearchError",
    "SearchIndexCorrupt",
    "SearchIndexLocked",
    "SearchIndexMissing",
    "SearchIndexUnavailable",
    "StagedBatchFailed",
    "TransientFetchError",
    "UsageError",
    "WarehouseError",
    "WarehouseLocked",
    "WirewatchError",
    "is_transient",
]


class WirewatchError(Exception):
    """Base of every error wirewatch raises on purpose."""

    transient: bool = False


class ConfigError(WirewatchError):
    """A configuration file is missing, unreadable or fails validation."""


class UsageError(WirewatchError):
    """A command was given input it cannot work with (missing file, bad option)."""


class FetchError(WirewatchError):
    """A fetch attempt failed; ``outcome`` is the value stored in ``fetches.outcome``."""

    outcome: str = "http_error"

    def __init__(self, message: str, *, outcome: str | None = None, status_code: int | None = None):
        super().__init__(message)
        if outcome is not None:
            self.outcome = outcome
        self.status_code = status_code


class TransientFetchError(FetchError):
    """Worth retrying later: timeouts, connection resets, 429 and 5xx answers."""

    transient = True


class PermanentFetchError(FetchError):
    """Retrying will not help: 4xx answers, robots.txt disallow, size cap exceeded."""


class ExtractError(WirewatchError):
    """A page could not be turned into an article."""

    outcome: str = "extract_empty"


class DecodeError(ExtractError):
    """The bytes could not be decoded as text in any plausible encoding."""

    outcome = "decode_error"


class ExtractEmpty(ExtractError):
    """The page decoded but held no main text."""

    outcome = "extract_empty"


class WarehouseError(WirewatchError):
    """The warehouse refused an operation (bad SQL, failed migration)."""


class WarehouseLocked(WarehouseError):
    """Another process holds the DuckDB file; retry after a short wait."""

    transient = True


class DeliveryError(WirewatchError):
    """An alert channel failed to deliver; the alert stays pending and is retried."""

    transient = True


class RunLocked(WirewatchError):
    """Another ingest run is writing; this one does not start."""

    transient = True


class StagedBatchFailed(WirewatchError):
    """A worker's flow run for a staged batch failed or crashed; a rerun fetches its group again."""

    transient = True


class SearchError(WirewatchError):
    """The full-text search index refused an operation."""


class QueryError(SearchError, UsageError):
    """A search query the grammar cannot read; the message names what and where (column)."""


class SearchIndexUnavailable(SearchError):
    """No usable search index at the path; ``wirewatch reindex`` rebuilds it from the warehouse."""


class SearchIndexMissing(SearchIndexUnavailable):
    """Nothing has been indexed at the path yet."""


class SearchIndexCorrupt(SearchIndexUnavailable):
    """The index files are damaged, unreadable, or from an incompatible index format."""


class SearchIndexLocked(SearchError):
    """Another process holds the index writer; retry after it commits."""

    transient = True


def is_transient(exc: BaseException) -> bool:
    """True when retrying the operation that raised ``exc`` may succeed."""
    return isinstance(exc, WirewatchError) and exc.transient
