"""Raw responses as gzip WARC, so ``reprocess`` can re-extract without refetching.

One file per run (``<data>/archive/<run_id>.warc.gz``); each exchange is a
request record plus a response record, each its own gzip member, so a file cut
short by a killed run loses at most its last record. Wirewatch's own facts
(source, kind, discovered URL, feed hints) ride along as ``WARC-Wirewatch-*``
headers of the response record.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import IO
from urllib.parse import quote, unquote, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirewatch.fetch.headers import charset_of
from wirewatch.models import Page

__all__ = ["Exchange", "WarcArchive", "archive_path", "read_archive"]

log = logging.getLogger(__name__)

H_SOURCE = "WARC-Wirewatch-Source"
H_KIND = "WARC-Wirewatch-Kind"
H_URL = "WARC-Wirewatch-Url"
H_FETCH_ID = "WARC-Wirewatch-Fetch-Id"
H_HINT_TITLE = "WARC-Wirewatch-Hint-Title"
H_HINT_PUBLISHED = "WARC-Wirewatch-Hint-Published"

# The body we archive is already decoded by httpx, so headers describing the
# wire encoding would make WARC readers decode it a second time.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})

# gzip level of each record. warcio's own is 9, which costs about 5 ms a page
# (a quarter of trafilatura's time on the page) on the run's busiest thread;
# level 1 is four times cheaper for an archive about a fifth larger.
GZIP_LEVEL = 1


class _Writer(WARCWriter):
    """warcio's writer, each record compressed as its own gzip member at ``GZIP_LEVEL``."""

    def __init__(self, filebuf: IO[bytes]) -> None:
        super().__init__(filebuf, gzip=False, warc_version="1.1")

    def _write_warc_record(self, out: IO[bytes], record: object) -> None:
        plain = BytesIO()
        super()._write_warc_record(plain, record)
        compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        out.write(compressor.compress(plain.getvalue()) + compressor.flush())


@dataclass(frozen=True)
class Exchange:
    """One completed HTTP request and response, as the fetch client saw it."""

    url: str  # as discovered
    final_url: str  # after redirects
    source: str
    kind: str  # article, feed, sitemap, section, robots
    fetch_id: str
    fetched_at: datetime
    status_code: int
    reason: str
    request_headers: tuple[tuple[str, str], ...]
    response_headers: tuple[tuple[str, str], ...]
    body: bytes
    hint_title: str | None = None
    hint_published: datetime | None = None

    def header(self, name: str) -> str | None:
        """The first response header called ``name`` (case-insensitive), or None."""
        lname = name.lower()
        for key, value in self.response_headers:
            if key.lower() == lname:
                return value
        return None


def archive_path(data_dir: Path, run_id: str) -> Path:
    """Where the WARC file of run ``run_id`` lives under the data directory."""
    return data_dir / "archive" / f"{run_id}.warc.gz"


def _one_line(value: str) -> str:
    return quote(" ".join(value.split()), safe=" !#$&'()*+,/:;=?@[]~")


class WarcArchive:
    """Appends request/response record pairs to one gzip WARC file; safe across threads and tasks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[bytes] = open(path, "ab")  # noqa: SIM115 - closed by close()
        self._writer = _Writer(self._file)
        self._lock = threading.Lock()
        self._closed = False
        self.records_written = 0

    def write(self, exchange: Exchange) -> None:
        """Append the request and response records of ``exchange``."""
        warc_date = exchange.fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        extra = {
            "WARC-Date": warc_date,
            H_SOURCE: exchange.source,
            H_KIND: exchange.kind,
            H_URL: exchange.url,
            H_FETCH_ID: exchange.fetch_id,
        }
        if exchange.hint_title:
            extra[H_HINT_TITLE] = _one_line(exchange.hint_title)
        if exchange.hint_published:
            extra[H_HINT_PUBLISHED] = exchange.hint_published.isoformat()

        response_headers = [
            (k, v) for k, v in exchange.response_headers if k.lower() not in _WIRE_HEADERS
        ]
        for key, value in exchange.response_headers:
            if key.lower() == "content-encoding":
                response_headers.append(("X-Wirewatch-Original-Content-Encoding", value))
        response_headers.append(("Content-Length", str(len(exchange.body))))
        http_response = StatusAndHeaders(
            f"{exchange.status_code} {exchange.reason or 'OK'}".strip(),
            response_headers,
            protocol="HTTP/1.1",
        )
        response = self._writer.create_warc_record(
            exchange.final_url,
            "response",
            payload=BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=http_response,
            warc_headers_dict=extra,
        )
        target = urlsplit(exchange.final_url)
        path = target.path or "/"
        if target.query:
            path += "?" + target.query
        http_request = StatusAndHeaders(
            f"GET {path} HTTP/1.1", list(exchange.request_headers), is_http_request=True
        )
        request = self._writer.create_warc_record(
            exchange.final_url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=http_request,
            warc_headers_dict={"WARC-Date": warc_date},
        )
        with self._lock:
            if self._closed:
                raise ValueError(f"{self.path}: archive is closed")
            self._writer.write_request_response_pair(request, response)
            self._file.flush()
            self.records_written += 2

    def close(self) -> None:
        """Flush and close the file; further writes raise ValueError."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._file.close()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _check_whole(body: bytes, declared: str | None, warc_headers: StatusAndHeaders) -> None:
    """Raise EOFError unless ``body`` is the whole payload we wrote.

    warcio hands out a record cut short by a killed run as a shorter body
    without complaint, so the length and digest we wrote are checked here.
    """
    if declared is None or not declared.isdigit() or int(declared) != len(body):
        raise EOFError(f"record holds {len(body)} bytes, its header says {declared}")
    digest = warc_headers.get_header("WARC-Payload-Digest")
    if digest and ":" in digest:
        algorithm, expected = digest.split(":", 1)
        try:
            actual = base64.b32encode(hashlib.new(algorithm, body).digest()).decode()
        except ValueError:
            return  # a digest algorithm hashlib does not know: nothing to check against
        if actual != expected:
            raise EOFError(f"payload digest mismatch ({digest})")


def read_archive(path: Path) -> Iterator[Page]:
    """Yield the archived article responses (status 200, kind ``article``) of one WARC file.

    A record that cannot be read (typically the last one, cut short by a
    killed run) ends the reading with a logged warning: everything before it
    is yielded.
    """
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        while True:
            try:
                record = next(records)
                if (
                    record.rec_type != "response"
                    or record.rec_headers.get_header(H_KIND) != "article"
                ):
                    continue
                http = record.http_headers
                if http is None or http.get_statuscode() != "200":
                    continue
                body = record.content_stream().read()
                _check_whole(body, http.get_header("Content-Length"), record.rec_headers)
            except StopIteration:
                return
            # warcio meets a cut-off header block as an AttributeError on None.
            except (
                ArchiveLoadFailed,
                EOFError,
                zlib.error,
                OSError,
                AttributeError,
                ValueError,
            ) as exc:
                log.warning("%s: archive ends in a damaged record, stopped reading (%s)", path, exc)
                return
            head = record.rec_headers
            content_type = http.get_header("Content-Type")
            title = head.get_header(H_HINT_TITLE)
            final_url = head.get_header("WARC-Target-URI")
            fetched_at = _parse_iso(head.get_header("WARC-Date"))
            yield Page(
                url=head.get_header(H_URL) or final_url,
                final_url=final_url,
                source=head.get_header(H_SOURCE) or "",
                body=body,
                fetched_at=fetched_at or datetime.now(UTC),
                fetch_id=head.get_header(H_FETCH_ID) or "",
                content_type=content_type,
                charset=charset_of(content_type),
                etag=http.get_header("ETag"),
                last_modified=http.get_header("Last-Modified"),
                hint_title=unquote(title) if title else None,
                hint_published=_parse_iso(head.get_header(H_HINT_PUBLISHED)),
            )
