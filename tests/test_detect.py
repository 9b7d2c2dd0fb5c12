"""Tests for wirewatch.detect: gazetteer, date resolution, meeting frames and hard negatives.

Every sentence here is written for these tests; none is taken from a real story.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from wirewatch.detect import (
    MeetingReport,
    best_location,
    best_report,
    detect_meetings,
    load_gazetteer,
    mentioned_countries,
)
from wirewatch.detect.dates import find_date_phrase, parse_dateline_day, resolve_date_phrase
from wirewatch.detect.gazetteer import build_gazetteer
from wirewatch.errors import ConfigError
from wirewatch.models import Meeting

TUESDAY = date(2022, 12, 20)


def pairs(meetings: list[Meeting]) -> list[tuple[str, str]]:
    return [m.countries for m in meetings]


def one(title: str | None, text: str, published: date | datetime | None = TUESDAY) -> Meeting:
    found = detect_meetings(title, text, published)
    assert len(found) == 1, found
    return found[0]


# --- gazetteer -------------------------------------------------------------------


def test_gazetteer_is_cached_and_knows_states() -> None:
    gaz = load_gazetteer()
    assert gaz is load_gazetteer()
    assert len(gaz.state_names) >= 193
    assert gaz.state_name("BY") == "Belarus"


def test_surname_resolves_on_the_article_date() -> None:
    gaz = load_gazetteer()
    term = gaz.terms["Lukashenko"]
    leader = gaz.leader_on(term, date(2022, 12, 19))
    assert leader is not None and leader.country == "BY"
    # A term of office decides: Rutte spoke for the Netherlands in 2023, not in 2025.
    rutte = gaz.terms["Rutte"]
    assert gaz.leader_on(rutte, date(2023, 5, 1)) is not None
    assert gaz.leader_on(rutte, date(2025, 5, 1)) is None


def test_longest_match_and_organisations_mask_states() -> None:
    gaz = load_gazetteer()
    found = {
        m.text for m in gaz.find("The Organization of American States met in South Sudanese towns.")
    }
    assert "Organization of American States" in found
    assert "American" not in found
    assert "South Sudanese" in found and "Sudanese" not in found


def test_seats_of_government_stand_for_states() -> None:
    gaz = load_gazetteer()
    assert gaz.terms["Kremlin"].country == "RU"
    assert gaz.terms["Zhongnanhai"].country == "CN"
    assert gaz.terms["White House"].country == "US"


def test_invalid_gazetteer_file_raises_config_error(tmp_path: Path) -> None:
    (tmp_path / "countries.yaml").write_text(
        "states:\n  XX: {names: [Nowhere]}\n", encoding="utf-8"
    )
    (tmp_path / "organisations.yaml").write_text("organisations: {}\n", encoding="utf-8")
    (tmp_path / "leaders.yaml").write_text("leaders: []\n", encoding="utf-8")
    (tmp_path / "titles.yaml").write_text(
        "official_titles: [president]\ntitle_modifiers: [vice]\nnon_state_titles: [coach]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="XX"):
        build_gazetteer(tmp_path)
    (tmp_path / "countries.yaml").write_text(
        "states:\n  BY: {names: [Belarus]}\n", encoding="utf-8"
    )
    assert build_gazetteer(tmp_path).state_name("BY") == "Belarus"
    (tmp_path / "titles.yaml").write_text("official_titles: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="titles.yaml"):
        build_gazetteer(tmp_path)


def test_mentioned_countries_from_names_demonyms_capitals_and_leaders() -> None:
    text = "Kenyan officials flew to Hanoi. Lukashenko said nothing. The European Union and NATO were silent."
    assert mentioned_countries("Tea prices in Sri Lanka", text) == ["BY", "KE", "LK", "VN"]
    # A surname counts for the state its bearer led on the article's date.
    assert mentioned_countries(None, "Rutte spoke.", published_at=date(2023, 5, 1)) == ["NL"]
    assert mentioned_countries(None, "Rutte spoke.", published_at=date(2025, 5, 1)) == []


# --- dates -----------------------------------------------------------------------


def test_weekday_resolves_to_the_latest_such_day() -> None:
    phrase = find_date_phrase("They met on Monday.")
    assert phrase is not None
    assert resolve_date_phrase(phrase, TUESDAY) == date(2022, 12, 19)
    same = find_date_phrase("They met on Tuesday.")
    assert same is not None and resolve_date_phrase(same, TUESDAY) == TUESDAY


def test_future_weekday_resolves_forward() -> None:
    phrase = find_date_phrase("They will meet on Friday.")
    assert phrase is not None
    assert resolve_date_phrase(phrase, TUESDAY, future=True) == date(2022, 12, 23)


def test_yesterday_last_week_and_explicit_dates() -> None:
    cases = {
        "the two spoke yesterday": date(2022, 12, 19),
        "talks were held last week": date(2022, 12, 13),
        "on Dec. 2 the ministers met": date(2022, 12, 2),
        "on 28 November the envoys met": date(2022, 11, 28),
        "the leaders met on December 30, 2021": date(2021, 12, 30),
    }
    for sentence, expected in cases.items():
        phrase = find_date_phrase(sentence)
        assert phrase is not None, sentence
        assert resolve_date_phrase(phrase, TUESDAY) == expected, sentence


def test_month_without_year_in_january_means_last_december() -> None:
    phrase = find_date_phrase("The presidents met on Dec 29.")
    assert phrase is not None
    assert resolve_date_phrase(phrase, date(2023, 1, 3)) == date(2022, 12, 29)


def test_dateline_day_takes_year_from_publication() -> None:
    assert parse_dateline_day("HAVANA, Dec 19 (Prensa Latina)", TUESDAY) == date(2022, 12, 19)
    assert parse_dateline_day("OSLO", TUESDAY) is None


def test_dateline_day_differs_from_publication_day() -> None:
    text = (
        "ULAANBAATAR, Dec 18 (Montsame) - Mongolian President Ukhnaagiin Khurelsukh held talks "
        "with visiting Kazakh President Kassym-Jomart Tokayev on Sunday."
    )
    meeting = one(None, text, date(2022, 12, 20))
    assert meeting.countries == ("KZ", "MN")
    assert meeting.event_date == date(2022, 12, 18)


# --- positive frames -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pair", "kind"),
    [
        (
            "Chilean President Gabriel Boric met Peruvian President Dina Boluarte in Lima on Monday.",
            ("CL", "PE"),
            "in_person",
        ),
        (
            "Indonesian Foreign Minister Retno Marsudi held talks with her Dutch counterpart in The Hague on Monday.",
            ("ID", "NL"),
            "in_person",
        ),
        (
            "Emir Tamim hosted the Kenyan president at the Amiri Diwan in Doha on Monday.",
            ("KE", "QA"),
            "in_person",
        ),
        (
            "President Cyril Ramaphosa received Angola's president at the Union Buildings on Monday.",
            ("AO", "ZA"),
            "in_person",
        ),
        (
            "The Swedish prime minister paid a state visit to Estonia on Monday, meeting its leaders in Tallinn.",
            ("EE", "SE"),
            "in_person",
        ),
        (
            "On the sidelines of the APEC summit on Monday, the Thai premier met the Peruvian president.",
            ("PE", "TH"),
            "in_person",
        ),
        (
            "The Kremlin said Vladimir Putin had a phone call with the Emirati president on Monday.",
            ("AE", "RU"),
            "call",
        ),
        (
            "Japan's foreign minister held a video link with his Brazilian counterpart on Monday.",
            ("BR", "JP"),
            "call",
        ),
        (
            "The Zambian president was received by his Angolan counterpart in Luanda on Monday.",
            ("AO", "ZM"),
            "in_person",
        ),
        (
            "Talks between the leaders of Ghana and Togo were held in Lome on Monday.",
            ("GH", "TG"),
            "in_person",
        ),
        (
            "Turkish President Recep Tayyip Erdogan spoke by telephone with Hungarian Prime Minister Viktor Orban on Monday.",
            ("HU", "TR"),
            "call",
        ),
    ],
)
def test_positive_frames(text: str, pair: tuple[str, str], kind: str) -> None:
    meeting = one(None, text)
    assert meeting.countries == pair
    assert meeting.kind == kind
    assert meeting.event_date == date(2022, 12, 19)
    assert 0.0 < meeting.confidence <= 1.0


def test_headline_form_with_body() -> None:
    meeting = one(
        "Tokayev, Mirziyoyev meet in Khiva",
        "The presidents of Kazakhstan and Uzbekistan held talks in Khiva on Monday, their offices said.",
    )
    assert meeting.countries == ("KZ", "UZ")
    assert meeting.kind == "in_person"


def test_announced_visit_with_future_date() -> None:
    meeting = one(
        None,
        "The Malaysian prime minister will visit Brazil on Friday for talks with President Lula.",
    )
    assert meeting.countries == ("BR", "MY")
    assert meeting.kind == "announced"
    assert meeting.event_date == date(2022, 12, 23)


def test_participants_and_location() -> None:
    text = (
        "MOSCOW - Russian President Vladimir Putin travelled to Minsk and held talks with his Belarusian "
        "counterpart Alexander Lukashenko on Monday at the Palace of Independence."
    )
    meeting = one(None, text)
    assert meeting.countries == ("BY", "RU")
    assert set(meeting.participants) == {"Vladimir Putin", "Alexander Lukashenko"}
    assert meeting.location == "Minsk"  # not the dateline city
    assert meeting.event_date == date(2022, 12, 19)


def test_unknown_official_named_after_title() -> None:
    meeting = one(
        None,
        "Kenyan Foreign Minister Amani Wekesa met Zambian Foreign Minister Joyce Phiri on Monday.",
    )
    assert meeting.countries == ("KE", "ZM")
    assert "Amani Wekesa" in meeting.participants


def test_two_meetings_in_one_article() -> None:
    text = (
        "On the sidelines of the summit on Monday, the Vietnamese prime minister met Chilean President Gabriel Boric.\n"
        "He later held separate talks with Australian Prime Minister Anthony Albanese."
    )
    found = detect_meetings(None, text, TUESDAY)
    assert pairs(found) == [("AU", "VN"), ("CL", "VN")]
    assert all(m.event_date == date(2022, 12, 19) for m in found)


def test_separately_meeting_two_counterparts_in_one_sentence() -> None:
    text = "Egyptian President Abdel Fattah al-Sisi separately received the Greek and Cypriot presidents on Monday."
    assert pairs(detect_meetings(None, text, TUESDAY)) == [("CY", "EG"), ("EG", "GR")]


def test_published_at_as_aware_datetime() -> None:
    text = "Brazilian President Lula met Chinese President Xi Jinping in Brasilia yesterday."
    meeting = one(None, text, datetime(2024, 11, 21, 3, 0, tzinfo=UTC))
    assert meeting.event_date == date(2024, 11, 20)


# --- hard negatives --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # domestic
        "Belarusian President Alexander Lukashenko met regional governors in Minsk on Monday.",
        "The Indian prime minister met chief ministers of three states on Monday to discuss floods.",
        # sports
        "Croatia meet Morocco on Monday in the third-place match of the World Cup in Doha.",
        "Ghana's national team met Uruguay's squad on Monday for a friendly before the tournament.",
        # business
        "The Chinese premier met the chief executive of a German carmaker in Beijing on Monday.",
        "Japanese and Indian steel companies held talks in Mumbai on Monday on a joint venture.",
        # multilateral without bilateral talks
        "Leaders of the G20 met in Bali on Monday for the opening session of the summit.",
        "Foreign ministers of Kenya, Uganda and Rwanda met in Kigali on Monday.",
        # state meets organisation
        "Ukrainian President Volodymyr Zelensky met the NATO secretary-general in Kyiv on Monday.",
        "Egyptian President Abdel Fattah al-Sisi received the IMF managing director in Cairo on Monday.",
        # three states
        "The presidents of Russia, Iran and Turkey held talks in Tehran on Monday.",
        "Chinese, Japanese and South Korean foreign ministers held a trilateral meeting on Monday.",
        # cancelled or postponed
        "A visit to Paris by the Nigerian president, where he was due to meet Emmanuel Macron, was cancelled on Monday.",
        "Talks between the Thai and Cambodian prime ministers were postponed on Monday.",
        # past meeting recalled in other news
        "Grain exports rose after Putin and Erdogan last met in Sochi in 2021, traders said on Monday.",
        "Relations have cooled since the Indian and Canadian leaders met in Ottawa in 2018, analysts said on Monday.",
        # conditional, hoped-for or denied
        "The Kenyan president said on Monday he could meet his Ethiopian counterpart if the ceasefire held.",
        "A meeting between the Serbian president and the Croatian prime minister is unlikely, officials said on Monday.",
        "The Iranian foreign minister denied on Monday that he had met the U.S. envoy in Oman.",
        # a former leader
        "Former British Prime Minister Boris Johnson met Ukrainian President Volodymyr Zelensky in Kyiv on Monday.",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert detect_meetings(None, text, TUESDAY) == []


def test_organisation_in_the_same_story_is_not_a_third_state() -> None:
    text = (
        "Russian President Vladimir Putin held talks with Belarusian President Alexander Lukashenko in Minsk "
        "on Monday. They discussed cooperation within the Collective Security Treaty Organization."
    )
    assert pairs(detect_meetings(None, text, TUESDAY)) == [("BY", "RU")]


def test_cancelled_meeting_suppresses_its_announcement() -> None:
    text = (
        "The Greek prime minister was due to meet the Turkish president in Ankara on Friday. "
        "The visit was called off on Monday because of the storms."
    )
    assert detect_meetings("Greek premier's Ankara visit called off", text, TUESDAY) == []


def test_empty_and_titleless_input() -> None:
    assert detect_meetings(None, "", None) == []
    assert detect_meetings("", "No states here at all.", TUESDAY) == []


def test_meeting_to_json_shape() -> None:
    meeting = one(
        None,
        "Chilean President Gabriel Boric met Peruvian President Dina Boluarte in Lima on Monday.",
    )
    data = meeting.to_json()
    assert data["countries"] == ["CL", "PE"]
    assert data["event_date"] == "2022-12-19"
    assert data["location"] == "Lima"


def test_background_meetings_do_not_override_an_announced_visit() -> None:
    text = (
        "CANBERRA - Australian Prime Minister Anthony Albanese will host New Zealand Prime Minister "
        "Christopher Luxon in Sydney on March 9, his office said on Friday.\n"
        "The two leaders also met in Wellington last August. Albanese first visited Auckland in 2023."
    )
    meeting = one("Albanese to host Luxon", text, date(2025, 2, 21))
    assert meeting.countries == ("AU", "NZ")
    assert meeting.kind == "announced"
    assert meeting.event_date == date(2025, 3, 9)


def test_indirect_talks_through_mediators_are_not_a_meeting() -> None:
    text = (
        "Iranian and U.S. envoys held indirect talks in Muscat on Monday through Omani mediators."
    )
    assert detect_meetings(None, text, TUESDAY) == []


def test_location_is_none_for_calls() -> None:
    meeting = one(None, "From Ankara, Erdogan phoned Putin in Moscow on Monday to discuss grain.")
    assert meeting.kind == "call"
    assert meeting.location is None


def test_date_span_resolves_to_its_first_day() -> None:
    ref = date(2026, 11, 20)
    for sentence, expected in [
        ("He will pay a visit on 8-9 December.", date(2026, 12, 8)),
        ("The visit runs from 16 to 22 November.", date(2026, 11, 16)),
        ("Talks are set for Dec. 8 to 10.", date(2026, 12, 8)),
        ("The tour lasts from November 30 to December 2.", date(2026, 11, 30)),
    ]:
        phrase = find_date_phrase(sentence)
        assert phrase is not None and phrase.is_span, sentence
        assert resolve_date_phrase(phrase, ref, future=True) == expected, sentence
    single = find_date_phrase("They met on 19 November, the ministry said on 20 November.")
    assert single is not None and not single.is_span
    assert resolve_date_phrase(single, ref) == date(2026, 11, 19)


def test_announced_visit_over_a_span_of_days_is_dated_by_its_first_day() -> None:
    meeting = one(
        "Serbian president to visit Kenya in December",
        "BELGRADE, 20 November - The Serbian president will pay an official visit to Kenya "
        "on 8-9 December, his office said on 20 November.",
        date(2026, 11, 20),
    )
    assert (meeting.countries, meeting.kind, meeting.event_date) == (
        ("KE", "RS"),
        "announced",
        date(2026, 12, 8),
    )


def test_the_day_of_the_talks_beats_the_span_of_the_visit() -> None:
    meeting = one(
        "Chile, Vietnam agree to widen trade",
        "The Chilean head of state is on a state visit to Vietnam from 16 to 18 November.\n"
        "The Vietnamese president held talks with the visiting Chilean president at the "
        "Presidential Palace in Hanoi on Tuesday, and the two sides signed six agreements.",
        date(2026, 11, 17),
    )
    assert meeting.countries == ("CL", "VN")
    assert meeting.event_date == date(2026, 11, 17)
    assert meeting.location == "Hanoi"


def test_unknown_officials_named_after_a_title_or_before_an_appositive() -> None:
    meeting = one(
        "Kenyan, Peruvian leaders meet",
        "Osei Mbeki Wanjala, president of Kenya, met Peruvian Foreign Minister Lucia Quispe Torres "
        "in Nairobi on Tuesday.",
    )
    assert set(meeting.participants) == {"Osei Mbeki Wanjala", "Lucia Quispe Torres"}
    untitled = one(
        None,
        "President Tomas Varga received Kenyan Prime Minister Daniel Otieno Kamau in Budapest on Tuesday.",
    )
    assert set(untitled.participants) == {"Tomas Varga", "Daniel Otieno Kamau"}
    headline = one(
        "Kenyan President Says Trade With Peru Will Double",
        "The Kenyan president held talks with his Peruvian counterpart in Nairobi on Tuesday.",
    )
    assert headline.participants == ()


@pytest.mark.parametrize(
    ("text", "pair", "kind", "day"),
    [
        # the story's day is said once, in its first sentence
        (
            "Chile and Peru signed a fisheries pact in Lima on Monday. The two presidents held a "
            "bilateral meeting before the ceremony.",
            ("CL", "PE"),
            "in_person",
            date(2022, 12, 19),
        ),
        # a call named by its purpose
        (
            "Norwegian Prime Minister Ola Nordmann received a congratulatory call from Finnish President "
            "Matti Virtanen on Sunday, his office said.",
            ("FI", "NO"),
            "call",
            date(2022, 12, 18),
        ),
        # "called on" a minister is a visit, not a call
        (
            "Ghana's army chief called on Nigerian Defence Minister Musa Bello in Abuja on Monday.",
            ("GH", "NG"),
            "in_person",
            date(2022, 12, 19),
        ),
        # a legislature's head speaks for the state
        (
            "The Speaker of Parliament of Ghana received the chairman of the National Assembly of "
            "Vietnam in Accra on Monday.",
            ("GH", "VN"),
            "in_person",
            date(2022, 12, 19),
        ),
        # the day nearest the meeting verb, not the day the visit ended
        (
            "The Kenyan president returned home on Tuesday from a visit to Uganda, during which he "
            "held talks with his Ugandan counterpart on Saturday.",
            ("KE", "UG"),
            "in_person",
            date(2022, 12, 17),
        ),
        # a meeting in another state's seat of government: that state hosts
        (
            "The foreign minister of Ghana met Secretary of State Mark Liu at the White House "
            "on Monday.",
            ("GH", "US"),
            "in_person",
            date(2022, 12, 19),
        ),
        # several calls counted in one sentence are separate calls
        (
            "Egypt's foreign minister received two phone calls on Monday, from his Jordanian "
            "counterpart and from the Omani foreign minister.",
            ("EG", "JO"),
            "call",
            date(2022, 12, 19),
        ),
    ],
)
def test_frames_found_in_fresh_batches(
    text: str, pair: tuple[str, str], kind: str, day: date
) -> None:
    found = {m.countries: m for m in detect_meetings(None, text, TUESDAY)}
    assert pair in found, found
    assert (found[pair].kind, found[pair].event_date) == (kind, day)


@pytest.mark.parametrize(
    "text",
    [
        "The spouses of the German and French leaders visited a school in Paris on Monday.",
        "The opinion piece recalled how US President Joe Biden met Chinese President Xi Jinping "
        "at a California estate.",
        "Japan and China agreed through diplomatic channels on Monday to resume talks on seafood.",
        "The Japanese premier is unlikely to meet the Chinese president at the summit next week.",
        "The Kenyan president sent a letter to the Ethiopian prime minister on Monday.",
        "The Turkish president met the NATO secretary general on the sidelines of the summit on Monday.",
    ],
)
def test_hard_negatives_from_fresh_batches(text: str) -> None:
    assert detect_meetings(None, text, date(2026, 5, 6)) == []


@pytest.mark.parametrize(
    ("sentence", "ref", "future"),
    [
        ("They met on Monday.", date(1, 1, 1), False),
        ("They met yesterday.", date(1, 1, 1), False),
        ("They will meet tomorrow.", date(9999, 12, 31), True),
        ("They will meet next Friday.", date(9999, 12, 31), True),
        ("They will meet on January 5.", date(9999, 12, 31), True),
        ("They met on December 30.", date(1, 1, 1), False),
        ("They met last week.", date(1, 1, 3), False),
        ("They met in Hiroshima last May.", date(1, 1, 1), False),
        # The nearest February 29 before 2024-01-10 is in no year before it: not a crash either.
        ("They met on February 29.", date(2024, 1, 10), False),
    ],
)
def test_dates_past_the_calendar_resolve_to_nothing(sentence: str, ref: date, future: bool) -> None:
    phrase = find_date_phrase(sentence)
    assert phrase is not None
    resolved = resolve_date_phrase(phrase, ref, future=future)
    assert resolved is None or isinstance(resolved, date)


def test_a_meeting_reported_at_the_calendar_edge_does_not_crash() -> None:
    text = "President Lukashenko held talks with Chinese President Xi Jinping in Beijing yesterday."
    for published in (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)):
        for meeting in detect_meetings(None, text, published):
            assert meeting.event_date is None or isinstance(meeting.event_date, date)


def test_a_meetings_best_report_is_what_happened_then_the_surest_then_the_own_copy() -> None:
    t = datetime(2026, 11, 17, 9, tzinfo=UTC)
    announced = MeetingReport("a1", "announced", 0.95, own_copy=True, seen=t, location="Minsk")
    held = MeetingReport("a2", "in_person", 0.7, own_copy=False, seen=t, location="Beijing")
    held_own = MeetingReport("a3", "in_person", 0.7, own_copy=True, seen=t.replace(hour=10))
    assert best_report([announced, held]) == held  # happened beats announced, however sure
    assert best_report([announced, held, held_own]) == held_own  # the agency's own copy on a tie
    assert best_location([announced, held, held_own]) == "Minsk"  # the surest report naming a place
    assert best_location([held_own]) is None


# --- issue 12: English phrasings (batch s12) ---------------------------------------


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Egyptian President Abdel Fattah al-Sisi and Turkish President Recep Tayyip Erdogan "
            "agreed in Ankara on Wednesday to raise bilateral trade.",
            ("EG", "TR"),
        ),
        (
            "Hungarian Prime Minister Viktor Orban and Russian President Vladimir Putin reaffirmed "
            "their positions on Ukraine in Moscow on Friday.",
            ("HU", "RU"),
        ),
        (
            "German Chancellor Olaf Scholz and Indian Prime Minister Narendra Modi signed a green "
            "energy pact in New Delhi on Wednesday.",
            ("DE", "IN"),
        ),
        (
            "On the margins of a three-way summit with Azerbaijan and Georgia, Turkish President "
            "Recep Tayyip Erdogan held separate talks with Azerbaijani President Ilham Aliyev on Thursday.",
            ("AZ", "TR"),
        ),
        (
            "Ukrainian and Russian negotiating teams met in Istanbul on Wednesday.",
            ("RU", "UA"),
        ),
    ],
)
def test_side_by_side_leaders_separate_talks_and_negotiating_teams(
    text: str, pair: tuple[str, str]
) -> None:
    meeting = one(None, text, date(2024, 10, 3))
    assert (meeting.countries, meeting.kind) == (pair, "in_person")


def test_a_leader_meeting_his_own_ambassador_to_another_state_is_domestic() -> None:
    text = (
        "Russian President Vladimir Putin met Russia's ambassador to China at the Kremlin on "
        "Thursday to discuss preparations for the upcoming visit."
    )
    assert detect_meetings(None, text, date(2024, 9, 19)) == []


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Iran rejects talks with US",
            "TEHRAN, Nov. 20 -- Iran on Thursday refused to hold talks with the United States, "
            "its foreign ministry spokesman said.",
        ),
        (
            "Vietnam opposes talks with China on the islands",
            "HANOI, Nov. 20 -- Vietnam opposes bilateral talks with China on the dispute, "
            "its foreign ministry said on Thursday.",
        ),
    ],
)
def test_refusing_or_opposing_talks_is_no_meeting(title: str, text: str) -> None:
    assert detect_meetings(title, text, datetime(2026, 11, 20, 10, tzinfo=UTC)) == []
