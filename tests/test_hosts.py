"""The two host keys: the site a page belongs to, and the server a request goes to."""

from __future__ import annotations

import pytest

from wirewatch.hosts import bare_host, host_key, origin_key


@pytest.mark.parametrize(
    ("given", "site"),
    [
        ("https://news.example.com/a/b", "news.example.com"),
        ("HTTPS://WWW.Example.COM/Path", "example.com"),
        ("https://user:secret@www.example.com/x", "example.com"),
        ("http://example.com:8080/x", "example.com"),
        ("https://example.com./x", "example.com"),
        ("www.Example.com:8080", "example.com"),
        ("user@example.com", "example.com"),
        ("http://[::1]:8080/x", "::1"),
        ("http://[2001:DB8::1]/x", "2001:db8::1"),
        ("::1", "::1"),
        ("https://bücher.example/x", "xn--bcher-kva.example"),
        ("https://BÜCHER.example/x", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("http://127.0.0.1:8001/a", "127.0.0.1"),
        ("", ""),
        ("http://[not-closed/x", ""),
    ],
)
def test_host_key_is_the_site(given: str, site: str) -> None:
    assert host_key(given) == site


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        ("https://news.example.com/a", "news.example.com"),
        ("http://u:p@WWW.Example.com:8080/x", "example.com:8080"),
        ("https://example.com.:8443/x", "example.com:8443"),
        ("https://example.com:443/x", "example.com"),
        ("http://example.com:80/x", "example.com"),
        ("http://example.com:443/x", "example.com:443"),
        ("http://[::1]:8080/x", "[::1]:8080"),
        ("http://[::1]/x", "::1"),
        ("https://bücher.example:81/", "xn--bcher-kva.example:81"),
        ("http://127.0.0.1:8001/a", "127.0.0.1:8001"),
    ],
)
def test_origin_key_keeps_the_port(given: str, origin: str) -> None:
    assert origin_key(given) == origin


def test_two_demo_sites_on_one_address_are_one_site_but_two_origins() -> None:
    a, b = "http://127.0.0.1:8001/news/1", "http://127.0.0.1:8002/news/1"
    assert host_key(a) == host_key(b)
    assert origin_key(a) != origin_key(b)


def test_bare_host_keeps_prefixes() -> None:
    assert bare_host("WWW.Example.com.") == "www.example.com"
    assert bare_host("m.bücher.example") == "m.xn--bcher-kva.example"
