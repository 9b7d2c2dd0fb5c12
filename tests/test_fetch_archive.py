"""WARC archive: write during a fetch, read the article responses back for reprocessing."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator

from wirewatch.config import Defaults, SourceConfig
from wirewatch.fetch import Exchange, WarcArchive, archive_path, fetch_sources, read_archive

FAST = Defaults(rate_limit=10_000, retries=0, backoff_seconds=0.001, max_retry_after_seconds=0.001)
FEED = "https://wire.example/feed.xml"
A1 = "https://wire.example/2026/11/27/harbour-deal-signed.html"
A2 = "https://wire.example/2026/11/27/bridge-reopens-to-traffic.html"

FEED_BODY = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Соглашение о порте подписано</title><link>{A1}</link><pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Bridge reopens
   to traffic</title><link>{A2}</link></item>
</channel></rss>""".encode()
PAGE_1 = "<html><body><p>Соглашение подписано в пятницу.</p></body></html>".encode("windows-1251")
PAGE_2 = b"<html><body><p>The bridge reopened after four months of repairs.</p></body></html>"


def handler(request: httpx.Request) -> httpx.Response:
    url = str(request.url)
    if url == FEED:
        return httpx.Response(
            200, content=FEED_BODY, headers={"Content-Type": "application/rss+xml"}
        )
    if url == A1:
        return httpx.Response(
            200,
            content=PAGE_1,
            headers={"Content-Type": "text/html; charset=windows-1251", "ETag": '"p1"'},
        )
    if url == A2:
        # Compressed on the wire: the archive keeps the decoded body.
        return httpx.Response(
            200,
            content=gzip.compress(PAGE_2),
            headers={
                "Content-Type": "text/html",
                "Content-Encoding": "gzip",
                "Last-Modified": "Fri, 27 Nov 2026 09:30:00 GMT",
            },
        )
    return httpx.Response(404)


def fetch_into(path: Path) -> list:
    source = SourceConfig(name="wire", publisher="Wire", language="en", feeds=(FEED,))
    with WarcArchive(path) as archive:
        (result,) = asyncio.run(
            fetch_sources(
                [source],
                defaults=FAST,
                known={},
                run_id="r1",
                archive=archive,
                transport=httpx.MockTransport(handler),
            )
        )
        # A request and a response each for the feed and the two pages; the robots.txt 404 is not a 2xx.
        assert archive.records_written == 2 * 3
    return result.pages


def test_round_trip_gives_back_the_fetched_pages(tmp_path: Path) -> None:
    path = archive_path(tmp_path, "run-1")
    assert path == tmp_path / "archive" / "run-1.warc.gz"
    pages = fetch_into(path)
    archived = list(read_archive(path))
    assert len(pages) == 2
    assert sorted(archived, key=lambda p: p.url) == sorted(pages, key=lambda p: p.url)
    by_url = {p.url: p for p in archived}
    assert (
        by_url[A1].body == PAGE_1
        and by_url[A1].charset == "windows-1251"
        and by_url[A1].etag == '"p1"'
    )
    assert by_url[A1].hint_title == "Соглашение о порте подписано"
    assert by_url[A1].hint_published == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert by_url[A2].body == PAGE_2 and by_url[A2].hint_title == "Bridge reopens to traffic"
    assert by_url[A2].last_modified == "Fri, 27 Nov 2026 09:30:00 GMT"


def test_the_file_is_a_standard_warc_with_kinds_and_sources(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    fetch_into(path)
    with open(path, "rb") as fh:
        records = [
            (
                r.rec_type,
                r.rec_headers.get_header("WARC-Wirewatch-Kind"),
                r.rec_headers.get_header("WARC-Wirewatch-Source"),
            )
            for r in ArchiveIterator(fh)
        ]
    responses = [r for r in records if r[0] == "response"]
    assert sorted(kind for _, kind, _ in responses) == ["article", "article", "feed"]
    assert all(src == "wire" for _, _, src in responses)
    assert [r[0] for r in records].count("request") == len(responses)


def test_a_cut_short_file_yields_only_whole_pages(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    fetch_into(path)
    data = path.read_bytes()
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        offsets = [
            (records.get_record_offset(), r.rec_headers.get_header("WARC-Wirewatch-Kind"))
            for r in records
        ]
    starts = [offset for offset, kind in offsets if kind == "article"]
    assert len(starts) == 2
    end_of_last = min(offset for offset, _ in offsets if offset > starts[1])
    whole = {p.url: p.body for p in read_archive(path)}
    # A killed run: the file ends anywhere inside the second article's response record.
    cut_path = tmp_path / "short.warc.gz"
    for cut in range(starts[1] + 1, end_of_last, 11):
        cut_path.write_bytes(data[:cut])
        pages = list(read_archive(cut_path))
        assert all(page.body == whole[page.url] for page in pages), cut
        # Near the end only the gzip trailer (8 bytes) and the final deflate block's last
        # bytes are lost, and the page may still be whole; any earlier cut loses the page.
        if cut < end_of_last - 32:
            assert len(pages) == 1, cut


def test_writes_after_close_fail(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path / "x.warc.gz")
    archive.close()
    exchange = Exchange(
        url=A1,
        final_url=A1,
        source="wire",
        kind="article",
        fetch_id="f",
        fetched_at=datetime.now(UTC),
        status_code=200,
        reason="OK",
        request_headers=(),
        response_headers=(),
        body=b"x",
    )
    with pytest.raises(ValueError, match="closed"):
        archive.write(exchange)
