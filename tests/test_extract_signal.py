"""Captions inside the body, leads outside it, official press services (tests/data/extract/signal/).

Every page of the team's signal batch must come out exactly as labelled:
captions in ``caption`` and never in the text, the lead as the first paragraph,
the press service as the agency, and dateline, date, title and language right.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wirewatch.extract import extract_document
from wirewatch.models import Extracted

DATA = Path(__file__).parent / "data" / "extract" / "signal"
LABELS: dict[str, dict[str, Any]] = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))


def _extract(name: str) -> tuple[Extracted, dict[str, Any]]:
    label = LABELS[name]
    return extract_document((DATA / label["file"]).read_bytes(), label["url"]), label


def test_the_batch_covers_captions_leads_and_press_services() -> None:
    assert len(LABELS) >= 12
    assert sum(bool(label["captions"]) for label in LABELS.values()) >= 4
    assert sum(bool(label["lead"]) for label in LABELS.values()) >= 6
    assert {"en", "ru", "zh"} <= {label["language"] for label in LABELS.values()}


@pytest.mark.parametrize("name", sorted(n for n in LABELS if LABELS[n]["captions"]))
def test_captions_go_to_caption_never_to_the_text(name: str) -> None:
    doc, label = _extract(name)
    for line in label["captions"]:
        assert line not in doc.text
        assert line in (doc.caption or "")


@pytest.mark.parametrize("name", sorted(n for n in LABELS if LABELS[n]["lead"]))
def test_a_lead_outside_the_body_is_the_first_paragraph(name: str) -> None:
    doc, label = _extract(name)
    assert doc.paragraphs[0] == label["lead"]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_page_comes_out_as_labelled(name: str) -> None:
    doc, label = _extract(name)
    assert doc.text == label["text"]
    for line in label["forbidden"]:
        assert line not in doc.text
    assert doc.agency == label["agency"]
    assert doc.dateline == label["dateline"]
    assert doc.published is not None
    assert doc.published.date().isoformat() == label["published"]
    assert doc.title == label["title"]
    assert doc.language == label["language"]


PRESS_PAGE = """<html lang="en"><head><meta charset="utf-8"><title>{title}</title>{meta}</head><body>
<article><h1>Telephone conversation with the Prime Minister of Malta</h1>
<p>The President had a telephone conversation with the Prime Minister of Malta at the request of the Maltese side.</p>
<p>They discussed shipping in the Mediterranean, the supply of fertilisers and the schedule of consultations between the foreign ministries.</p>
<p>The President of Russia press office said the conversation was businesslike and constructive.</p>
</article></body></html>"""


def test_press_service_is_recognised_by_its_site_name_on_a_mirror_host() -> None:
    page = PRESS_PAGE.format(
        title="Telephone conversation with the Prime Minister of Malta",
        meta='<meta property="og:site_name" content="President of Russia">',
    )
    doc = extract_document(page.encode(), "https://mirror.example.net/d/1")
    assert doc.agency == "Kremlin"


def test_press_service_is_recognised_by_its_title_suffix() -> None:
    page = PRESS_PAGE.format(
        title="Telephone conversation | Ministry of Foreign Affairs of the Russian Federation",
        meta="",
    )
    assert extract_document(page.encode(), "https://mirror.example.net/d/2").agency == "Russian MFA"


def test_a_press_service_named_inside_a_sentence_is_no_source() -> None:
    page = PRESS_PAGE.format(
        title="Telephone conversation with the Prime Minister of Malta", meta=""
    )
    assert extract_document(page.encode(), "https://mirror.example.net/d/3").agency is None


CENTRED = """<html lang="en"><head><meta charset="utf-8"><title>Expo opens in Changsha</title></head><body>
<div id="detail"><h1>Expo opens in Changsha</h1>
<p>CHANGSHA, April 1 (Xinhua) -- A rail equipment expo opened in Changsha on Tuesday with more than 300 exhibitors from 20 countries, the organisers said.</p>
<p style="text-align: center"><img src="/a.jpg"></p>
<p style="text-align: center">Visitors look at a model of a high-speed train at the expo in Changsha, central China's Hunan Province, April 1, 2025.</p>
<p>Organisers said contracts worth about 2 billion yuan were expected to be signed during the four-day event.</p>
<p style="text-align: center">The expo will be held every two years from now on, the organisers added in a statement.</p>
</div></body></html>"""


def test_a_centred_paragraph_after_an_image_is_its_caption() -> None:
    doc = extract_document(CENTRED.encode(), "https://english.news.cn/20250401/x/c.html")
    assert "Visitors look at a model" not in doc.text
    assert "Visitors look at a model" in (doc.caption or "")
    # a centred paragraph that follows no image stays in the body
    assert doc.paragraphs[-1].startswith("The expo will be held every two years")


@pytest.mark.parametrize(
    ("first", "city"),
    [
        ("Madrid, 12 de marzo de 2025.- El presidente ha recibido hoy a su homólogo.", "Madrid"),
        ("Paris, le 22 janvier 2025 – Le président a reçu son homologue.", "Paris"),
        ("Bruselas, 5 de febrero de 2025 — La ministra ha asistido al consejo.", "Bruselas"),
    ],
)
def test_press_office_datelines_with_a_full_date(first: str, city: str) -> None:
    text = f"Visit of the Portuguese prime minister\n\n{first}\n\nA second paragraph with more detail about the talks follows here."
    assert extract_document(text).dateline == city


def test_a_sentence_opening_with_a_place_and_date_but_no_dash_is_no_dateline() -> None:
    text = "Talks ended\n\nMadrid, 12 de marzo de 2025, fue el día elegido para la reunión de los ministros.\n\nMore."
    assert extract_document(text).dateline is None


MAGAZINE = """<html lang="en"><head><meta charset="utf-8"><title>Why city gardens are thriving</title></head><body>
<article><h1>Why city gardens are thriving</h1>
<div class="article-dek">Rooftops, parking lots and old rail lines are turning green, and neighbours are doing the work.</div>
<div class="article-body">
<p>On a Saturday morning in early spring, a dozen volunteers carried bags of soil up four flights of stairs to a roof that had been empty for twenty years.</p>
<p>They planted beans, tomatoes and herbs in beds built from old pallets, and by summer the roof fed several families in the building.</p>
<p>Similar projects have appeared in many cities, often started by residents rather than by local authorities.</p>
</div></article></body></html>"""


def test_a_magazine_standfirst_without_wire_copy_is_left_out() -> None:
    # Outside wire and press copy a standfirst is a teaser that article bodies leave out.
    doc = extract_document(MAGAZINE.encode(), "https://magazine.example.com/gardens")
    assert doc.paragraphs[0].startswith("On a Saturday morning")
    assert "Rooftops, parking lots" not in doc.text
