"""URLs: what the warehouse remembers about each (``url_state``) and which article it is (``article_urls``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from wirewatch.fetch import KnownUrl
from wirewatch.store.connection import Connection, load_rows, select_rows

__all__ = ["article_ids_for_urls", "read_known_urls", "store_article_urls"]


def read_known_urls(con: Connection, source_names: Iterable[str]) -> dict[str, KnownUrl]:
    """What the warehouse remembers about the URLs of these sources."""
    names = list(source_names)
    if not names:
        return {}
    return {
        r["url"]: KnownUrl(
            url=r["url"],
            etag=r["etag"],
            last_modified=r["last_modified"],
            source_updated=r["source_updated"],
            loaded=bool(r["loaded"]),
        )
        for r in select_rows(con, "urls/known", [names])
    }


def article_ids_for_urls(con: Connection, urls: Iterable[str]) -> dict[str, str]:
    """The article each of these URLs already maps to (URLs never seen are left out)."""
    wanted = sorted(set(urls))
    if not wanted:
        return {}
    return {r["url"]: r["article_id"] for r in select_rows(con, "urls/article_ids", [wanted])}


def store_article_urls(con: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Map URLs to articles; a URL already mapped keeps its article."""
    load_rows(con, "urls/insert_article_urls", rows, key=["url"])
