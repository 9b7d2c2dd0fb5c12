"""Agency, dateline, dates and title from article lines and page metadata.

These rules know how wire copy is laid out: ``MOSCOW, Dec 19 (Reuters) -``,
``MOSCOW, December 19. /TASS/.``, ``МИНСК, 19 декабря (БЕЛТА) -``,
``新华社北京12月19日电``, ``(서울=연합뉴스)``, ``【北京共同】``, bylines such as
``Xinhua | Updated: 2022-12-20 09:31`` and signatures such as ``-- Kyodo``.

The dateline is returned as written in the copy (``MOSCOW``, ``МИНСК``,
``北京``): agencies print it in capitals and analysts search for it that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Final

from wirewatch.extract.tables import (
    AGENCY_ALIASES,
    AGENCY_TIMEZONES,
    HOST_AGENCIES,
    MAX_META_LINE_CHARS,
    NOT_CITIES,
    PRESS_SERVICES,
)
from wirewatch.lexicon import MONTH_NUMBERS

__all__ = [
    "Byline",
    "agency_credit",
    "Dateline",
    "canonical_agency",
    "clean_title",
    "host_agency",
    "parse_byline",
    "parse_dateline",
    "parse_datetime",
    "press_service",
    "strip_end_marker",
    "strip_signature",
    "zone_for",
]

_ALIAS_INDEX: Final[dict[str, str]] = {
    alias.casefold(): name for name, aliases in AGENCY_ALIASES.items() for alias in (name, *aliases)
}
_TRIM: Final = " \t\"'“”«»()[]{}<>/\\|.,:;-–—=【】（）"


def canonical_agency(raw: str) -> str | None:
    """The canonical agency name for an alias (``БЕЛТА`` -> ``BelTA``), or None if unknown."""
    key = re.sub(r"\s+", " ", raw.strip(_TRIM)).casefold()
    if not key:
        return None
    if key in _ALIAS_INDEX:
        return _ALIAS_INDEX[key]
    # "Xinhua News Agency reporter", "TASS correspondent": the first words decide.
    words = key.split(" ")
    for n in range(min(4, len(words)), 0, -1):
        head = " ".join(words[:n])
        if head in _ALIAS_INDEX and len(head) > 2:
            return _ALIAS_INDEX[head]
    return None


def agency_credit(line: str) -> str | None:
    """The agency when the whole line only credits one ("Xinhua", "-- BERNAMA", "By AFP"), else None."""
    key = re.sub(
        r"^(?:by|source|sources|credit)\s*:?\s+", "", line.strip(_TRIM), flags=re.IGNORECASE
    )
    return _ALIAS_INDEX.get(re.sub(r"\s+", " ", key.strip(_TRIM)).casefold())


def host_agency(host: str | None) -> str | None:
    """The agency a publishing host belongs to (``english.news.cn`` -> ``Xinhua``)."""
    if not host:
        return None
    host = host.lower().split(":")[0]
    for suffix, name in HOST_AGENCIES.items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


_PRESS_MARKERS: Final[dict[str, str]] = {
    marker.casefold(): name for name, press in PRESS_SERVICES.items() for marker in press.markers
}
# Longest suffix first, so a ministry's host is not taken for its government's.
_PRESS_HOSTS: Final[tuple[tuple[str, str], ...]] = tuple(
    sorted(
        ((host, name) for name, press in PRESS_SERVICES.items() for host in press.hosts),
        key=lambda pair: -len(pair[0]),
    )
)
_FIELD_SPLIT: Final = re.compile(r"\s+[|•·\-–—_]\s+|\s*[|•_]\s*")


def press_service(host: str | None, *names: str | None) -> str | None:
    """The official press service publishing a page, by its host or a name the page gives itself.

    ``names`` are the site name, the raw title (its suffix parts are tried) and
    "Source:" credits; each is matched as a whole field, never inside a sentence.
    """
    if host:
        host = host.lower().split(":")[0]
        for suffix, name in _PRESS_HOSTS:
            if (
                host == suffix
                or host.endswith("." + suffix)
                or (suffix.startswith("www.") and host == suffix[4:])
            ):
                return name
    for raw in names:
        if not raw or len(raw) > 300:
            continue
        fields = [raw, *_FIELD_SPLIT.split(raw)]
        for field in fields:
            key = _SOURCE_WORD.sub("", field).strip(_TRIM).casefold()
            if key in _PRESS_MARKERS:
                return _PRESS_MARKERS[key]
    return None


def zone_for(agency: str | None, host: str | None) -> tzinfo:
    """The time zone a naive time on this page is read in (UTC when unknown)."""
    for name in (host_agency(host), agency):
        if name and name in AGENCY_TIMEZONES:
            return AGENCY_TIMEZONES[name]
    return UTC


# --- dates -----------------------------------------------------------------

_ISO: Final = re.compile(
    r"(?P<y>(?:19|20)\d\d)[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:[T\s]*(?P<H>\d{1,2})[:時时](?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT)?"
)
_DMY: Final = re.compile(
    r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)"
    r"(?:[\s,|\-]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
)
_MONTH_WORD: Final = r"(?P<mon>[^\W\d_]{3,9})\.?"
_WORDY: Final = (
    # Dec 20, 2022 09:31 / December 20 2022
    re.compile(
        _MONTH_WORD + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d\d)"
        r"(?:[\s,|]+(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?)?",
        re.I,
    ),
    # 20 December 2022, 09:31 / 19 декабря 2022 / 20 Aralık 2022
    re.compile(
        r"(?P<d>\d{1,2})\s+" + _MONTH_WORD + r",?\s+(?P<y>(?:19|20)\d\d)(?:\s*г\.?)?"
        r"(?:[\s,|]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?",
        re.I,
    ),
)


def _build(
    y: str, m: int, d: str, hh: str | None, mm: str | None, ss: str | None, tz: tzinfo
) -> datetime | None:
    try:
        return datetime(int(y), m, int(d), int(hh or 0), int(mm or 0), int(ss or 0), tzinfo=tz)
    except ValueError:
        return None


def parse_datetime(text: str, zone: tzinfo = UTC) -> datetime | None:
    """The first date (and time) written in ``text``, timezone-aware; naive times get ``zone``."""
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        value = None
    if value is not None and 1990 <= value.year <= 2100:
        return value if value.tzinfo else value.replace(tzinfo=zone)
    best: tuple[int, datetime] | None = None
    match = _ISO.search(text)
    if match:
        tz: tzinfo = zone
        raw_tz = match.group("tz")
        if raw_tz in ("Z", "UTC", "GMT"):
            tz = UTC
        elif raw_tz:
            try:
                tz = datetime.strptime(raw_tz.replace(":", ""), "%z").tzinfo or zone
            except ValueError:
                tz = zone
        value = _build(
            match["y"], int(match["m"]), match["d"], match["H"], match["M"], match["S"], tz
        )
        if value:
            best = (match.start(), value)
    candidates = [(p, p.search(text)) for p in (_DMY, *_WORDY)]
    for pattern, found in candidates:
        if not found or (best and found.start() >= best[0]):
            continue
        if pattern is _DMY:
            month = int(found["m"])
            if month > 12 and int(found["d"]) <= 12:
                # US order, 12/19/2022
                us = _build(
                    found["y"],
                    int(found["d"]),
                    found["m"],
                    found["H"],
                    found["M"],
                    found["S"],
                    zone,
                )
                if us:
                    best = (found.start(), us)
                continue
        else:
            month = MONTH_NUMBERS.get(found["mon"].lower().rstrip("."), 0)
            if not month:
                continue
        hour = found["H"]
        if hour and "ampm" in pattern.groupindex and found["ampm"]:
            h = int(hour) % 12 + (12 if found["ampm"].lower().startswith("p") else 0)
            hour = str(h)
        value = _build(found["y"], month, found["d"], hour, found["M"], found["S"], zone)
        if value:
            best = (found.start(), value)
    return best[1] if best else None


# --- bylines ---------------------------------------------------------------


@dataclass(frozen=True)
class Byline:
    """What a byline line said: the agency and the times it printed."""

    agency: str | None
    published: datetime | None
    updated: datetime | None


_UPDATED_WORDS: Final = re.compile(
    r"(?:\b(?:updated|update|last updated|modified|обновлено|обновлен|güncelleme)\b|更新时间|更新)\s*(?:on|at)?\s*[:：]?",
    re.I,
)
_PUBLISHED_WORDS: Final = re.compile(
    r"(?:\b(?:published|posted|released|date|time|опубликовано|дата публикации|yayınlanma|yayın tarihi)\b|"
    r"发布时间|发布日期|时间|配信|입력)\s*(?:on|at)?\s*[:：]?",
    re.I,
)
_SOURCE_WORD: Final = re.compile(r"(?:source|источник|来源|來源|出典|출처|kaynak)\s*[:：]\s*", re.I)
_BYLINE_HINT: Final = re.compile(
    r"(?:^|[|丨\s])(?:updated|published|posted|source|by|источник|обновлено|来源|来源：|发布时间|"
    r"责任编辑|editor|yayınlanma|güncelleme)\b|[|丨]|来源[:：]|发布时间|송고|입력|기사입력|\d{4}-\d{2}-\d{2}",
    re.I,
)


_DATE_ONLY: Final = re.compile(
    r"^[\W\d_]*(?:\d{1,4}\s*[年月日./\-]\s*){2,3}\d{0,4}\s*日?[\s,]*(?:\d{1,2}[:時时]\d{2}(?::\d{2})?)?\W*$"
)


_WIDE_CHARS: Final = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_YEAR_OR_TIME: Final = re.compile(r"(?:19|20)\d\d|\d{1,2}[:時时]\d{2}")
_MAX_BYLINE_WORDS: Final = 14
_MAX_BARE_DATE_WORDS: Final = 4


def parse_byline(line: str, zone: tzinfo, *, relaxed: bool = False) -> Byline | None:
    """Read a byline/metadata line (``Xinhua | Updated: 2022-12-20 09:31``), or None if it is not one.

    A byline is short, carries a date or a ``Source:`` field, and is mostly
    labels: it is dropped from the body and mined for agency and times.
    ``relaxed`` accepts any short dated line (for elements marked as dates).
    """
    if len(line) > MAX_META_LINE_CHARS:
        return None
    hinted = relaxed or _BYLINE_HINT.search(line) is not None or _DATE_ONLY.match(line) is not None
    if not hinted and not _YEAR_OR_TIME.search(line):
        return None
    when = parse_datetime(line, zone)
    source = _SOURCE_WORD.search(line)
    if when is None and source is None:
        return None
    # Real sentences carrying a date ("On 2022-12-20 the ministry said ...")
    # have many words outside the date and labels; an unlabelled dated line
    # ("All News 11:02 May 08, 2024", "2024/05/08 11:20 송고") has very few.
    residue = _ISO.sub(" ", line)
    residue = re.sub(r"\d", " ", residue)
    words = re.findall(r"[^\W\d_]+", residue)
    # Chinese and Japanese write without spaces: about two characters make a word
    # ("2025年6月5日，外交部长同印尼外长通电话。" is a sentence, not a dated label).
    count = sum(max(1, len(_WIDE_CHARS.findall(word)) // 2) for word in words)
    limit = _MAX_BYLINE_WORDS if hinted else _MAX_BARE_DATE_WORDS
    if count > limit and "|" not in line and source is None:
        return None
    agency: str | None = None
    for part in re.split(r"[|丨]|\s{2,}|\u3000", line):
        part = part.strip()
        if not part:
            continue
        part = _SOURCE_WORD.sub("", part)
        part = re.sub(r"^by\s+", "", part, flags=re.I)
        part = _UPDATED_WORDS.sub("", _PUBLISHED_WORDS.sub("", part))
        part = _ISO.sub("", part).strip(" :：,")
        name = canonical_agency(part) if part else None
        if name:
            agency = name
            break
    updated = when if _UPDATED_WORDS.search(line) and not _PUBLISHED_WORDS.search(line) else None
    published = None if updated else when
    return Byline(agency=agency, published=published, updated=updated)


# --- datelines -------------------------------------------------------------


@dataclass(frozen=True)
class Dateline:
    """The dateline at the head of the copy: city, agency and the month/day (and year) printed."""

    city: str
    agency: str | None
    month: int | None
    day: int | None
    year: int | None = None


_UP: Final = "A-ZÀ-ÖØ-ÞА-ЯЁІЎЄЇҐİŞĞŁŚŻŹĆŃŘŠŽČĐ"
_CITY: Final = (
    rf"[{_UP}][{_UP}'’.\-]+(?:[ \-](?:[{_UP}][{_UP}'’.\-]+|de|da|del|la|el|am|upon))" + r"{0,3}"
)
_MIXED_CITY: Final = rf"[{_UP}][\w'’.\-]+(?:[ \-][{_UP}][\w'’.\-]+){{0,2}}"
_DL_DATE: Final = (
    r"(?:(?P<mon>[^\W\d_]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>[^\W\d_]{3,9})\.?)(?:,?\s+(?:19|20)\d\d)?"
)
# The agency after the city/date: "(Reuters)", "/TASS/", "— РИА Новости", ". KAZINFORM -".
_DL_AGENCY: Final = (
    r"(?:\(\s*(?P<ag>[^()]{1,40}?)\s*\)|/\s*(?P<ag2>[^/]{1,30}?)\s*/"
    r"|[-–—]\s*(?P<ag3>РИА Новости|Интерфакс|Спутник|INTERFAX\.RU|ТАСС|БЕЛТА)"
    r"|(?<=[.,])\s*(?P<ag4>[A-ZА-ЯЁ][A-ZА-ЯЁ.\-]{1,19})(?=\s*[-–—]))"
)
_DATELINE_LATIN: Final = re.compile(
    rf"^(?P<city>{_CITY})(?:,\s*(?P<region>[{_UP}][\w.]+(?: [{_UP}][\w.]+)?))??"
    rf"(?:[,.]\s*{_DL_DATE})?\.?\s*{_DL_AGENCY}?\s*\.?\s*(?P<sep>--|[-–—:]|\.|(?<=/\.)|(?<=/))\s*"
)
_DATELINE_MIXED: Final = re.compile(
    rf"^(?P<city>{_MIXED_CITY})(?:[,.]\s*{_DL_DATE})?\.?\s*{_DL_AGENCY}\s*\.?\s*(?P<sep>--|[-–—:]|\.)?\s*"
)
# Press offices in Spanish, French and Italian: "Madrid, 12 de marzo de 2025.-",
# "Paris, le 22 janvier 2025 –". Without an agency, a full date with its year and
# a dash are what make it a dateline.
_DATELINE_DATED: Final = re.compile(
    rf"^(?P<city>{_MIXED_CITY}),\s*(?:le\s+)?(?P<day>\d{{1,2}})(?:\s+de)?\s+(?P<mon>[^\W\d_]{{3,10}})\.?"
    r"(?:\s+de)?,?\s+(?P<year>(?:19|20)\d\d)\s*(?:\.\s*)?[-–—]\s*"
)
_DATELINE_CN: Final = re.compile(
    r"^[【\[]?\s*(?P<ag>新华社|新華社|新华网|中新社|中新网|中国新闻网|人民网|本报|央视网|央视新闻|环球时报|环球网|"
    r"国际在线|光明网|中国日报网|澎湃新闻)\s*"
    r"(?P<city>[^\d\s，,。（(]{1,12}?)\s*(?:(?P<mon>\d{1,2})月(?P<day>\d{1,2})日)\s*(?:电|讯|消息)"
)
_DATELINE_JA: Final = re.compile(
    r"^【(?P<city>[^】]{1,12}?)(?P<ag>共同|時事|ロイター|AFP=時事|新華社)】"
)
_DATELINE_KO: Final = re.compile(
    r"^\(\s*(?P<city>[^=()]{1,12})\s*=\s*(?P<ag>연합뉴스|뉴시스|뉴스1|AFP|로이터)\s*\)"
)


def _month(raw: str | None) -> int | None:
    return MONTH_NUMBERS.get(raw.lower().rstrip(".")) if raw else None


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or None when the copy has none."""
    head = paragraph[:160]
    for pattern in (_DATELINE_CN, _DATELINE_JA, _DATELINE_KO):
        found = pattern.match(head)
        if found:
            groups = found.groupdict()
            month = int(groups["mon"]) if groups.get("mon") else None
            day = int(groups["day"]) if groups.get("day") else None
            raw = groups["ag"]
            # "本报" ("this paper") names the publishing site itself: left to the host fallback.
            agency = None if raw == "本报" else (canonical_agency(raw) or raw)
            return Dateline(found["city"].strip(), agency, month, day)
    for pattern in (_DATELINE_LATIN, _DATELINE_MIXED):
        found = pattern.match(head)
        if not found:
            continue
        groups = found.groupdict()
        raw_agency = groups.get("ag") or groups.get("ag2") or groups.get("ag3") or groups.get("ag4")
        if groups.get("ag4") and canonical_agency(groups["ag4"]) is None:
            continue  # a capitalised word after the city that is no agency
        month = _month(groups.get("mon") or groups.get("mon2"))
        day_raw = groups.get("day") or groups.get("day2")
        has_date = month is not None
        city = found["city"].strip(" .-")
        words = city.split()
        if not raw_agency and len(words) > 1 and canonical_agency(words[-1]):
            # "ASTANA. KAZINFORM -": the agency written after the city, no brackets
            raw_agency, city = words[-1], " ".join(words[:-1]).strip(" .-")
        if pattern is _DATELINE_LATIN:
            # A bare capitalised word followed by "-" must look like a city name
            # in capitals, not an acronym opening a sentence ("NATO - the ...").
            if not (raw_agency or has_date):
                rest = paragraph[found.end() : found.end() + 1]
                if (
                    len(city) < 3
                    or found["sep"] not in ("-", "–", "—", "--", ":")
                    or city in NOT_CITIES
                    or not rest
                    or rest.islower()
                ):
                    continue
            if (
                not city.replace(" ", "")
                .replace("-", "")
                .replace("'", "")
                .replace(".", "")
                .isupper()
            ):
                continue
        agency = None
        if raw_agency:
            # "/Корр. ТАСС/": a correspondent's credit names the agency last
            agency = canonical_agency(raw_agency) or canonical_agency(raw_agency.split()[-1])
            if agency is None:
                # an unknown short label in parentheses is the agency as written
                if len(raw_agency) > 25 or not re.match(r"^[\w .'-]+$", raw_agency):
                    if not has_date:
                        continue
                else:
                    agency = raw_agency.strip()
        if (groups.get("mon") or groups.get("mon2")) and month is None and not agency:
            continue  # "WORD Something -" where the date word is no month
        return Dateline(city, agency, month, int(day_raw) if day_raw else None)
    found = _DATELINE_DATED.match(head)
    if found and _month(found["mon"]) is not None:
        month = _month(found["mon"])
        return Dateline(found["city"].strip(), None, month, int(found["day"]), int(found["year"]))
    return None


_SIGNATURE: Final = re.compile(
    r"(?:\s*[-=—–]{1,2}\s*|\s+)[(（]?(?P<ag>[^\W\d_][\w .'-]{0,30}?)[)）]?\s*$"
)


_END_MARKER: Final = re.compile(
    r"\s*(?:[\[(（]\s*(?:END|完)\s*[\])）]|\bEnditem|/End/)\s*$", re.IGNORECASE
)


def strip_end_marker(paragraph: str) -> str:
    """The paragraph without a trailing end-of-story marker (``(END)``, ``Enditem``, ``（完）``)."""
    return _END_MARKER.sub("", paragraph).rstrip()


def strip_signature(paragraph: str) -> tuple[str, str | None]:
    """Split a trailing agency signature (``... -- Kyodo``, ``==Kyodo``, ``(END)``) off a paragraph."""
    text = strip_end_marker(paragraph)
    found = re.search(r"(?:\s|^)(?:--|==|—|=)\s*(?P<ag>[^\W\d_][\w .'-]{1,30})$", text)
    if found:
        agency = canonical_agency(found["ag"])
        if agency:
            return text[: found.start()].rstrip(), agency
    return text, None


# --- titles ----------------------------------------------------------------

_TITLE_SPLIT: Final = re.compile(r"\s+[|\-–—»:·]\s+|\s*[|_]\s*|\s*--\s*|\s+-\s*|\s*-\s+")


def clean_title(title: str | None, site: str | None, heading: str | None) -> str | None:
    """The headline without the site suffix (``Putin visits Minsk - Chinadaily.com.cn`` -> ``Putin visits Minsk``)."""
    if not title:
        return heading or None
    title = re.sub(r"\s+", " ", title).strip()
    if heading:
        heading = re.sub(r"\s+", " ", heading).strip()
        if heading and (title.startswith(heading) or title.endswith(heading)) and len(heading) > 8:
            return heading
    parts = [p for p in _TITLE_SPLIT.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site_key = (site or "").casefold().replace("www.", "")
    site_words = set(re.findall(r"\w+", site_key))

    site_squash = re.sub(r"\W", "", site_key)

    def is_site(part: str) -> bool:
        key = part.casefold().strip()
        squash = re.sub(r"\W", "", re.sub(r"^the\s+", "", key))
        if len(squash) >= 4 and squash in site_squash:
            return True
        if canonical_agency(key) or (site_key and (key in site_key or site_key in key)):
            return True
        words = set(re.findall(r"\w+", key))
        if words and words <= (
            site_words
            | {
                "com",
                "cn",
                "net",
                "org",
                "ru",
                "by",
                "news",
                "www",
                "english",
                "global",
                "edition",
                "online",
            }
        ):
            return True
        return (
            len(part) < 30 and re.search(r"\.(?:com|cn|net|org|ru|by|kr|jp|tr)\b", key) is not None
        )

    kept = list(parts)
    while len(kept) > 1 and is_site(kept[-1]):
        kept.pop()
    while len(kept) > 1 and is_site(kept[0]):
        kept.pop(0)
    if len(kept) == len(parts):
        return title
    # rebuild from the original string to keep inner punctuation
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if start >= 0 and end > start else " - ".join(kept)


def date_from_dateline(dl: Dateline, year: int | None, zone: tzinfo) -> datetime | None:
    """The dateline's month/day as a date in its own year, else in ``year`` (when known)."""
    year = dl.year or year
    if dl.month is None or dl.day is None or year is None:
        return None
    try:
        return datetime.combine(date(year, dl.month, dl.day), datetime.min.time(), tzinfo=zone)
    except ValueError:
        return None
