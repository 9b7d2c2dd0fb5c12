"""Build labelled.jsonl, the dedupe labelled set, from base_stories.yaml.

Each base story becomes the agency's original plus what a monitoring desk sees
of it: partner-site copies (other headline, footer, photo credit, a local first
sentence, a trimmed ending, small edits), the same page under other URLs,
verbatim reposts and corrected versions. Every line carries the gold ``story``.
Deterministic: rerunning rewrites the same file.

    .venv/bin/python benchmarks/data/dedupe/build_labelled.py
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SEED = 20260401

AGENCY_SITES = {
    "Xinhua": "english.xhwire.cn",
    "TASS": "tass-wire.ru",
    "AFP": "www.afp-wire.com",
    "Reuters": "www.reuters-wire.com",
    "Anadolu": "www.aa-wire.com.tr",
    "ANI": "aniwire.in",
}

# Partner sites: how each one dresses up a copy. All names invented.
SITES: list[dict[str, Any]] = [
    {
        "name": "harbourpost",
        "host": "www.harbourpost.com",
        "path": "/world/{date}/{slug}",
        "title": "suffix",
        "footer": [
            "Harbour Post | World",
            "Copyright 2026 Harbour Post Media. All rights reserved.",
        ],
        "credit": "[Photo/Agencies]",
    },
    {
        "name": "eastledger",
        "host": "eastledger.net",
        "path": "/news/international/{slug}-{num}.html",
        "title": "short",
        "footer": ["Follow us on social media for more world news", "Editor: Mei Tan"],
        "credit": "Photo: {agency}",
    },
    {
        "name": "meridiandaily",
        "host": "www.meridiandaily.org",
        "path": "/a/{compact}/WS{num}.html",
        "title": "keep",
        "footer": [
            "Global Edition",
            "BACK TO THE TOP",
            "The content (including but not limited to text and photos) published on this site belongs to Meridian Daily Group and may not be republished without written permission.",
        ],
        "credit": "A file photo shows the area described in this report. [Photo/{agency}]",
    },
    {
        "name": "valleyherald",
        "host": "valleyherald.co.uk",
        "path": "/news/world/{slug}",
        "title": "lower",
        "footer": ["Read more: the latest world headlines", "Sign up to our morning newsletter"],
        "credit": None,
    },
    {
        "name": "sunwire",
        "host": "m.sunwire.com.my",
        "path": "/{date}/{slug}/",
        "title": "prefix",
        "footer": [
            "Tags: world, {agency_lower}",
            "Download the Sunwire app for breaking news alerts",
        ],
        "credit": "(Photo: {agency})",
    },
    {
        "name": "northstar",
        "host": "www.northstar-times.ca",
        "path": "/world/{slug}.html",
        "title": "suffix",
        "footer": ["With files from {agency}", "(c) 2026 Northstar Times"],
        "credit": None,
    },
]

LOCAL_INTROS = [
    "Here is the latest on a story our readers have been following closely this week.",
    "Editors on our foreign desk flagged this development early this morning as one to watch.",
    "The following dispatch was filed by {agency} correspondents in {city_title}.",
    "Business leaders in our region will be studying the details of this report carefully.",
    "As the region watches closely, {agency} sends the following report from {city_title}.",
]

EDITS = [
    (" percent", " per cent"),
    (" dollars", " US dollars"),
    (" said on ", " announced on "),
    (" told reporters", " told journalists"),
    (" about ", " around "),
    (" more than ", " over "),
]

TRACKING = [
    "?utm_source=twitter&utm_medium=social",
    "?fbclid=IwAR0x9zQ",
    "?spm=a2c4e.123&from=timeline",
    "#comments",
    "?utm_campaign=newsletter&ref=homepage",
]


def _when(story: dict[str, Any]) -> datetime:
    value = story["published"]  # YAML already parses ISO timestamps
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _slug(title: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in title.lower()).split()
    return "-".join(words[:8])


def _dateline(story: dict[str, Any], style: str) -> str:
    when = _when(story)
    day = f"{when:%b} {when.day}"
    if style == "full":
        return f"{story['city']}, {day} ({story['agency']}) -- "
    if style == "short":
        return f"{story['city']} -- "
    if style == "agency":
        return f"{story['city']} ({story['agency']}) - "
    return ""


def _title(title: str, style: str, site: str, rng: random.Random) -> str:
    if style == "suffix":
        return f"{title} - {site.title()}"
    if style == "short":
        return title.split(",")[0].split(" as ")[0]
    if style == "lower":
        return title[0].upper() + title[1:].lower()
    if style == "prefix":
        return rng.choice(["WORLD: ", "Breaking: ", "Update: "]) + title
    return title


def _url(host: str, path: str, story: dict[str, Any], num: int) -> str:
    when = _when(story)
    return f"https://{host}" + path.format(
        date=f"{when:%Y/%m/%d}",
        compact=f"{when:%Y%m}/{when:%d}",
        slug=_slug(story["headline"]),
        num=num,
    )


def _fill(text: str, story: dict[str, Any]) -> str:
    return text.format(
        agency=story["agency"],
        agency_lower=story["agency"].lower(),
        city_title=story["city"].title(),
    )


def _copy_text(story: dict[str, Any], site: dict[str, Any], rng: random.Random) -> str:
    paras = list(story["paragraphs"])
    if rng.random() < 0.55 and len(paras) > 2:  # trimmed ending
        paras = paras[: rng.randint(2, len(paras) - 1)]
    if rng.random() < 0.5:  # small copy-desk edits
        for old, new in rng.sample(EDITS, 2):
            paras = [p.replace(old, new, 1) for p in paras]
    paras[0] = _dateline(story, rng.choice(["full", "full", "short", "agency", "none"])) + paras[0]
    lines: list[str] = []
    if rng.random() < 0.45:  # a local first sentence
        lines.append(_fill(rng.choice(LOCAL_INTROS), story))
    if site["credit"] and rng.random() < 0.7:
        lines.append(_fill(site["credit"], story))
    lines.extend(paras)
    lines.extend(_fill(f, story) for f in site["footer"])
    return ("\n\n" if rng.random() < 0.5 else "\n").join(lines)


def _original_text(story: dict[str, Any]) -> str:
    paras = list(story["paragraphs"])
    paras[0] = _dateline(story, "full") + paras[0]
    return "\n".join(paras)


def _updated_text(story: dict[str, Any], rng: random.Random) -> str:
    paras = list(story["paragraphs"])
    paras[0] = _dateline(story, "full") + paras[0]
    if rng.random() < 0.5:
        paras.append(
            "This story has been updated with further details from officials and a correction to the spelling of a name."
        )
    else:
        paras.insert(
            len(paras) - 1,
            "Officials were expected to give more details later in the day, and the agency will update this report as information comes in.",
        )
    return "\n".join(paras)


def build() -> list[dict[str, Any]]:
    """Every labelled article, in a shuffled but fixed order."""
    rng = random.Random(SEED)
    stories = yaml.safe_load((HERE / "base_stories.yaml").read_text(encoding="utf-8"))["stories"]
    out: list[dict[str, Any]] = []
    for story in stories:
        key = story["key"]
        published = _when(story)
        agency_host = AGENCY_SITES[story["agency"]]
        orig_url = _url(agency_host, "/world/{date}/{slug}.html", story, 0)

        count = 0

        def add(
            kind: str, url: str, title: str, text: str, when: datetime, source: str, key: str = key
        ) -> None:
            nonlocal count
            out.append(
                {
                    "id": f"{key}-{count:02d}",
                    "url": url,
                    "title": title,
                    "text": text,
                    "published_at": when.isoformat(),
                    "source": source,
                    "story": key,
                    "kind": kind,
                }
            )
            count += 1

        original = _original_text(story)
        add("original", orig_url, story["headline"], original, published, story["agency"].lower())
        sites = rng.sample(SITES, rng.randint(2, 4))
        copies: list[tuple[str, str, str, datetime, str]] = []
        for site in sites:
            when = published + timedelta(minutes=rng.randint(15, 26 * 60))
            url = _url(site["host"], site["path"], story, rng.randint(100000, 999999))
            title = _title(story["headline"], site["title"], site["name"], rng)
            text = _copy_text(story, site, rng)
            add("copy", url, title, text, when, site["name"])
            copies.append((url, title, text, when, site["name"]))
        if rng.random() < 0.7:  # the same page under another URL
            url, title, text, when, source = rng.choice(copies)
            variant = (
                url.replace("https://www.", "https://m.", 1)
                if "://www." in url
                else url.replace("https://", "http://", 1)
            )
            variant += rng.choice(TRACKING)
            add(
                "url_variant",
                variant,
                title,
                text,
                when + timedelta(minutes=rng.randint(1, 90)),
                source,
            )
        if rng.random() < 0.5:  # a corrected version of the agency original
            add(
                "version",
                orig_url + rng.choice(["", "?utm_source=rss", "#update"]),
                story["headline"],
                _updated_text(story, rng),
                published + timedelta(hours=rng.randint(1, 5)),
                story["agency"].lower(),
            )
        if rng.random() < 0.35:  # a verbatim repost, reformatted
            host = rng.choice([s for s in SITES if s not in sites])
            text = "\n\n".join(line.strip() for line in original.split("\n"))
            add(
                "repost",
                _url(host["host"], host["path"], story, rng.randint(100000, 999999)),
                story["headline"].upper() if rng.random() < 0.3 else story["headline"],
                text,
                published + timedelta(hours=rng.randint(2, 40)),
                host["name"],
            )
    rng.shuffle(out)
    return out


def main() -> None:
    """Write labelled.jsonl next to this script."""
    rows = build()
    with (HERE / "labelled.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    stories = {r["story"] for r in rows}
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"{len(rows)} articles in {len(stories)} stories: {kinds}")


if __name__ == "__main__":
    main()
