"""The extract stage on the team's own agency-style fixtures (tests/data/extract/)."""

from __future__ import annotations

import pickle
import re
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from wirewatch.config import SourceConfig
from wirewatch.errors import DecodeError, ExtractEmpty, ExtractError
from wirewatch.extract import BoilerplateModel, canonical_agency, extract_document
from wirewatch.models import Extracted

DATA = Path(__file__).parent / "data" / "extract"


def load(name: str) -> bytes:
    return (DATA / name).read_bytes()


def extract(name: str, url: str | None = "default", **kw: object) -> Extracted:
    if url == "default":
        url = f"https://news.example.org/{name}"
    return extract_document(load(name), url, **kw)  # type: ignore[arg-type]


# (file, agency, dateline, published date, title, language, boilerplate the text must not hold)
CASES = [
    (
        "xinhua_en.html",
        "Xinhua",
        "CAIRO",
        date(2024, 1, 15),
        "Chinese, Egyptian foreign ministers meet on Red Sea shipping",
        "en",
        [
            "Source: Xinhua",
            "Enditem",
            "Share this article",
            "Economic Watch",
            "XINHUANET.com",
            "(Xinhua/Sun Lei)",
        ],
    ),
    (
        "chinadaily_en.html",
        "Xinhua",
        "VIENTIANE",
        date(2024, 3, 5),
        "Laos, Cambodia leaders agree to link power grids",
        "en",
        [
            "Global Edition",
            "BACK TO THE TOP",
            "Updated:",
            "[Photo/Agencies]",
            "License for publishing",
            "Registration Number",
            "Home | World",
            "Chinadaily.com.cn",
        ],
    ),
    (
        "tass_en.html",
        "TASS",
        "ULAN BATOR",
        date(2024, 2, 20),
        "Russian, Mongolian ministers discuss gas pipeline route",
        "en",
        [
            "Read also",
            "Russian grain exports to Asia",
            "Arctic shipping season",
            "TASS Russian News Agency",
        ],
    ),
    (
        "belta_ru_cp1251.html",
        "BelTA",
        "МИНСК",
        date(2023, 12, 19),
        "Головченко и премьер Казахстана обсудили поставки техники",
        "ru",
        ["Telegram", "Все права защищены", "19 декабря 2023, 14:10"],
    ),
    (
        "xinhua_zh_gbk.html",
        "Xinhua",
        "北京",
        date(2024, 4, 18),
        "中国与印度尼西亚举行经贸联委会会议",
        "zh",
        ["纠错", "责任编辑", "版权所有", "ICP", "来源：新华网"],
    ),
    (
        "yonhap_en.html",
        "Yonhap",
        "MANILA",
        date(2024, 10, 7),
        "S. Korea, Philippines sign deal on nuclear plant study",
        "en",
        ["(END)", "lee@yna.co.kr", "PHOTO NOT FOR SALE", "All Rights Reserved"],
    ),
    (
        "kyodo_en.html",
        "Kyodo",
        "TOKYO",
        date(2024, 6, 11),
        "Japan, Mongolia agree to cooperate on rare earth exploration",
        "en",
        ["==Kyodo", "KYODO NEWS -", "Copyright 2024"],
    ),
    (
        "aa_en.html",
        "Anadolu",
        "BAGHDAD",
        date(2024, 4, 22),
        "Turkish, Iraqi leaders discuss Development Road project",
        "en",
        ["subscription options", "website contains only a portion"],
    ),
]


@pytest.mark.parametrize(
    ("name", "agency", "dateline", "day", "title", "language", "forbidden"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_agency_pages(
    name: str,
    agency: str,
    dateline: str,
    day: date,
    title: str,
    language: str,
    forbidden: list[str],
) -> None:
    doc = extract(name)
    assert doc.agency == agency
    assert doc.dateline == dateline
    assert doc.published is not None and doc.published.tzinfo is not None
    assert doc.published.date() == day
    assert doc.title == title
    assert doc.language == language
    for line in forbidden:
        assert line not in doc.text, line
    assert doc.text == "\n\n".join(doc.paragraphs)
    assert dateline in doc.paragraphs[0][:20]
    assert doc.site == "news.example.org"


def test_plain_text_in_the_seed_style() -> None:
    doc = extract_document(load("plain_seed_style.txt"))
    assert doc.title == "Vietnam, Thailand agree to open new Mekong ferry link"
    assert doc.agency == "Xinhua"
    assert doc.dateline == "HANOI"
    assert doc.published is not None and doc.published.date() == date(2024, 5, 21)
    # naive byline times of a Xinhua/China Daily page are Beijing time
    assert doc.published.utcoffset() == timedelta(hours=8)
    assert doc.caption is not None and doc.caption.endswith("[Photo/Agencies]")
    assert len(doc.paragraphs) == 4
    assert doc.paragraphs[0].startswith("HANOI - Vietnam and Thailand agreed")
    assert doc.paragraphs[-1].startswith("The ministers also discussed rice trade")
    for line in (
        "leaders' diary",
        "Home | Asia-Pacific",
        "Updated:",
        "[Photo/Agencies]",
        "Global Edition",
        "BACK TO THE TOP",
        "Copyright",
        "License for publishing",
        "Registration Number",
        "Mekong ferry link\n",
    ):
        assert line not in doc.text, line


def test_caption_is_kept_apart_from_the_body() -> None:
    doc = extract("chinadaily_en.html")
    assert doc.caption == (
        "Engineers inspect a transmission tower near the border between Laos and "
        "Cambodia, March 3, 2024. [Photo/Agencies]"
    )
    assert "transmission tower" not in doc.text
    xinhua = extract("xinhua_en.html")
    assert xinhua.caption is not None and "(Xinhua/Sun Lei)" in xinhua.caption


def test_updated_byline_and_canonical_url() -> None:
    doc = extract("chinadaily_en.html")
    assert doc.updated == datetime(
        2024, 3, 5, 8, 47, tzinfo=doc.updated.tzinfo if doc.updated else UTC
    )
    assert doc.updated is not None and doc.updated.utcoffset() == timedelta(hours=8)
    assert doc.canonical_url == "https://www.chinadaily.com.cn/a/202403/05/WS65e6.html"
    assert (
        extract("xinhua_en.html").canonical_url == "https://english.news.cn/20240115/abc123/c.html"
    )


def test_charset_hint_and_declared_charset_agree() -> None:
    hinted = extract("belta_ru_cp1251.html", charset="windows-1251")
    sniffed = extract("belta_ru_cp1251.html")
    assert hinted.text == sniffed.text
    assert "Премьер-министр Беларуси" in hinted.text


def test_wrong_charset_hint_does_not_produce_mojibake() -> None:
    doc = extract("xinhua_zh_gbk.html", charset="utf-8")
    assert "经贸联委会" in doc.text


def test_undeclared_legacy_encoding_is_detected() -> None:
    page = load("belta_ru_cp1251.html").replace(b"; charset=windows-1251", b"")
    doc = extract_document(page, "https://www.belta.by/x")
    assert "МИНСК, 19 декабря (БЕЛТА)" in doc.text


def test_str_input_is_accepted() -> None:
    doc = extract_document(
        load("kyodo_en.html").decode("utf-8"), "https://english.kyodonews.net/n/1"
    )
    assert doc.agency == "Kyodo"
    assert doc.site == "english.kyodonews.net"


def test_title_suffix_is_removed() -> None:
    page = (
        b"<html><head><title>Talks end in Astana | Central Asia Wire</title>"
        b'<meta property="og:site_name" content="Central Asia Wire"></head><body><article>'
        + b"<p>"
        + b"The talks in Astana ended on Friday with a joint statement on water sharing. " * 3
        + b"</p></article></body></html>"
    )
    assert extract_document(page, "https://cawire.example/a").title == "Talks end in Astana"


def test_per_source_boilerplate_patterns() -> None:
    page = load("kyodo_en.html").replace(
        b"<p>Under the agreement",
        b"<p>Tip the newsroom on our hotline 555-0100</p><p>Under the agreement",
    )
    plain = extract_document(page, "https://english.kyodonews.net/n/2")
    assert "Tip the newsroom" in plain.text
    source = SourceConfig(
        name="kyodo", publisher="Kyodo News", language="en", boilerplate=(r"^Tip the newsroom",)
    )
    cleaned = extract_document(page, "https://english.kyodonews.net/n/2", source=source)
    assert "Tip the newsroom" not in cleaned.text
    assert len(cleaned.paragraphs) == len(plain.paragraphs) - 1


def test_source_agency_is_the_fallback() -> None:
    page = (
        b"<html><body><article><h1>Harvest ends early</h1>"
        + b"<p>"
        + b"Farmers in the south finished the wheat harvest two weeks earlier than usual this year. "
        * 3
        + b"</p></article></body></html>"
    )
    assert extract_document(page, "https://unknown.example/x").agency is None
    source = SourceConfig(name="belta-en", publisher="BelTA", language="en", agency="BelTA")
    assert extract_document(page, "https://unknown.example/x", source=source).agency == "BelTA"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("БЕЛТА", "BelTA"),
        ("Xinhua News Agency", "Xinhua"),
        ("/TASS/", "TASS"),
        ("AA", "Anadolu"),
        ("新华社", "Xinhua"),
        ("연합뉴스", "Yonhap"),
        ("共同", "Kyodo"),
        ("РИА Новости", "RIA Novosti"),
        ("Kyodo News", "Kyodo"),
        ("Daily Mail", None),
    ],
)
def test_canonical_agency(raw: str, name: str | None) -> None:
    assert canonical_agency(raw) == name


@pytest.mark.parametrize(
    ("first", "city", "agency"),
    [
        (
            "MOSCOW, Dec 19 (Reuters) - Russian officials said on Monday that talks would go on.",
            "MOSCOW",
            "Reuters",
        ),
        ("MOSCOW, December 19. /TASS/. The talks went on for three hours.", "MOSCOW", "TASS"),
        ("МИНСК, 19 декабря (БЕЛТА) - Переговоры продолжались три часа.", "МИНСК", "BelTA"),
        (
            "МОСКВА, 19 дек — РИА Новости. Переговоры продолжались три часа.",
            "МОСКВА",
            "RIA Novosti",
        ),
        ("SEOUL, Dec. 20 (Yonhap) -- The talks went on for three hours.", "SEOUL", "Yonhap"),
        ("ANKARA (AA) - The talks went on for three hours.", "ANKARA", "Anadolu"),
        ("NEW YORK (AP) — The talks went on for three hours.", "NEW YORK", "AP"),
        ("新华社莫斯科12月19日电（记者王明）会谈持续了三个小时。", "莫斯科", "Xinhua"),
        ("【ソウル共同】会談は3時間に及んだ。", "ソウル", "Kyodo"),
        ("(서울=연합뉴스) 김민수 기자 = 회담은 세 시간 동안 이어졌다.", "서울", "Yonhap"),
    ],
)
def test_datelines_in_plain_text(first: str, city: str, agency: str) -> None:
    text = f"Talks went on for three hours\n\n{first}\n\nA second paragraph with more detail about the talks follows here."
    doc = extract_document(text)
    assert doc.dateline == city
    assert doc.agency == agency


def test_a_capitalised_acronym_is_no_dateline() -> None:
    text = (
        "NATO - the alliance said on Monday that its ministers would meet next week to discuss support.\n\n"
        "Officials gave no further details about the agenda of the meeting."
    )
    assert extract_document(text).dateline is None


@pytest.mark.parametrize("data", [b"", b"   \n ", "", "\n\n"])
def test_empty_input_is_extract_empty(data: bytes | str) -> None:
    with pytest.raises(ExtractEmpty):
        extract_document(data)


def test_binary_input_is_decode_error() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    with pytest.raises(DecodeError):
        extract_document(png, "https://x.example/a.png")
    with pytest.raises(DecodeError):
        extract_document(bytes(range(256)) * 40)


def test_page_without_article_is_extract_empty() -> None:
    with pytest.raises(ExtractEmpty):
        extract_document(
            b"<html><body><nav><a>Home</a><a>World</a></nav></body></html>", "https://x.example/"
        )


def test_pathologically_nested_page_is_refused_quickly() -> None:
    page = b"<html><body>" + b"<div><span>" * 100_000 + b"text" + b"</span></div>" * 100_000
    with pytest.raises(ExtractError):
        extract_document(page, "https://x.example/deep")


def test_errors_carry_fetch_outcomes() -> None:
    with pytest.raises(ExtractError) as info:
        extract_document(b"\x00\x01\x02" * 100)
    assert info.value.outcome == "decode_error"
    with pytest.raises(ExtractError) as info2:
        extract_document(b"<html></html>")
    assert info2.value.outcome == "extract_empty"


def test_extract_document_runs_in_a_process_pool() -> None:
    model = BoilerplateModel()
    model.observe("news.example.org", ["Share on WeChat"])
    pickle.loads(pickle.dumps(model))
    with ProcessPoolExecutor(max_workers=1) as pool:
        doc = pool.submit(
            extract_document, load("tass_en.html"), "https://tass.com/1", boilerplate=model
        ).result()
    assert doc.agency == "TASS"


def test_only_the_markup_module_touches_trafilatura() -> None:
    package = Path(__file__).parent.parent / "wirewatch"
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(?:from|import) prefect", source, re.M):
            pytest.fail(f"{path} imports prefect")
        if re.search(r"^\s*(?:from|import) (?:trafilatura|htmldate)", source, re.M):
            assert path.name == "markup.py" and path.parent.name == "extract", path


def test_oversized_page_keeps_the_article_after_inline_scripts() -> None:
    article = load("tass_en.html")
    bloated = article.replace(
        b"</head>", b"<script>" + b"var pad = 1;" * 800_000 + b"</script></head>"
    )
    assert len(bloated) > 9_000_000
    doc = extract_document(bloated, "https://tass.com/politics/1")
    assert doc.dateline == "ULAN BATOR"
    assert doc.text == extract_document(article, "https://tass.com/politics/1").text


def test_headline_repeated_in_the_body_is_dropped() -> None:
    doc = extract("yonhap_en.html")
    assert doc.title is not None and doc.title not in doc.text


def test_agency_signature_on_its_own_line_at_a_republisher() -> None:
    page = load("kyodo_en.html").replace(b"<br>==Kyodo", b"</p><p>==Kyodo</p><p>Related coverage")
    doc = extract_document(page, "https://asia-daily.example/world/1")
    assert doc.agency == "Kyodo"
    assert "==Kyodo" not in doc.text and "Related coverage" not in doc.text


@pytest.mark.parametrize(
    ("text", "encoding", "title", "agency", "dateline"),
    [
        (
            "中俄举行外长会谈\n\n新华社莫斯科12月19日电（记者王明）中俄两国外长19日在莫斯科举行会谈，"
            "双方就双边关系交换了意见。\n\n双方同意加强在多边框架内的协调与配合。（完）",
            "gbk",
            "中俄举行外长会谈",
            "Xinhua",
            "莫斯科",
        ),
        (
            "日中外相が会談\n\n【北京共同】日中両国の外相は19日、北京で会談し、経済協力の拡大で一致した。"
            "\n\n両外相は今後も緊密に意思疎通を図ることを確認した。",
            "shift_jis",
            "日中外相が会談",
            "Kyodo",
            "北京",
        ),
        (
            "한중 외교장관 회담\n\n(베이징=연합뉴스) 홍길동 특파원 = 한국과 중국 외교장관이 19일 베이징에서 "
            "회담을 갖고 협력 확대에 합의했다.\n\n양측은 고위급 교류를 이어가기로 했다.",
            "euc-kr",
            "한중 외교장관 회담",
            "Yonhap",
            "베이징",
        ),
    ],
    ids=["gbk", "shift_jis", "euc-kr"],
)
def test_plain_text_in_legacy_encodings(
    text: str, encoding: str, title: str, agency: str, dateline: str
) -> None:
    doc = extract_document(text.encode(encoding))
    assert (doc.title, doc.agency, doc.dateline) == (title, agency, dateline)
    assert len(doc.paragraphs) == 2
    assert not doc.text.endswith("（完）")


def test_end_marker_glued_to_the_last_paragraph_is_removed() -> None:
    page = load("xinhua_en.html").replace(
        b"two countries.</p>\n<p>Enditem</p>", b"two countries. Enditem</p>"
    )
    doc = extract_document(page, "https://english.news.cn/x")
    assert doc.paragraphs[-1].endswith("between the two countries.")


def test_short_body_line_opening_with_an_agency_name_is_kept() -> None:
    text = (
        "Talks resume in Geneva\n\nGENEVA (AFP) - Negotiators met again on Monday after a pause of two weeks.\n\n"
        "Reuters reported the same on Monday.\n\nThe next round is due in March, officials said."
    )
    doc = extract_document(text)
    assert "Reuters reported the same on Monday." in doc.paragraphs
    assert doc.agency == "AFP"
