"""Build the own labelled agency-style set: ``pages/*`` and ``labels.json``.

Run from the repository root: ``.venv/bin/python benchmarks/data/extraction/generate.py``.
The output is committed; this script documents how it was made and rebuilds it.
Every label records the body text, the boilerplate lines the text must not
contain, and the expected agency, dateline and published date.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from handwritten import build  # noqa: E402
from stories import STORIES  # noqa: E402

HERE = Path(__file__).resolve().parent
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
EN_ABBR = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
RU_GEN = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
RU_ABBR = ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]


@dataclass
class Page:
    html: str
    encoding: str
    url: str
    agency: str
    dateline: str
    published: str
    forbidden: list[str] = field(default_factory=list)
    ext: str = "html"


def iso(s: dict) -> str:
    return f"{s['year']:04d}-{s['month']:02d}-{s['day']:02d}"


def paras(ps: list[str], tag: str = "p") -> str:
    return "\n".join(f"<{tag}>{escape(p)}</{tag}>" for p in ps)


def skeleton(lang: str, charset: str, title: str, head_extra: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{escape(title)}</title>\n{head_extra}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def related(items: list[str], heading: str, cls: str = "related") -> str:
    lis = "".join(f'<li><a href="/n/{i}.htm">{escape(t)}</a></li>' for i, t in enumerate(items))
    return f'<div class="{cls}"><h3>{escape(heading)}</h3><ul>{lis}</ul></div>'


# ---- English templates ----------------------------------------------------


def xinhua_en(s: dict) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']}, {EN_ABBR[m]} {d} (Xinhua) -- {s['paragraphs'][0]}"
    byline = f"Source: Xinhua| {iso(s)} {s['time']}:07 | Editor: huaxia"
    caption = f"Workers check equipment at a site in {s['city'].title()}, {EN_MONTHS[m]} {d - 1}, {s['year']}. (Xinhua/Zhao Jun)"
    rel = [
        "Economic Watch: Inland ports draw new freight routes",
        "Spotlight: Farmers adopt digital tools for spring sowing",
    ]
    footer = [
        "Copyright © 2000-2023 XINHUANET.com All rights reserved.",
        "Follow us on social media for more stories",
    ]
    body = f"""<div class="header"><ul class="nav"><li>Home</li><li>China</li><li>World</li><li>Business</li></ul></div>
<div class="main"><h1>{escape(s["title"])}</h1>
<div class="info">{escape(byline)}</div>
<div id="detail"><p><img src="/p/1.jpg"></p><p class="caption">{escape(caption)}</p>
{paras([first] + s["paragraphs"][1:])}
<p>Enditem</p>
</div>
<div class="share">Share this article: Facebook | Twitter | WeChat</div>
{related(rel, "Related:")}
</div>
<div class="footer"><p>{escape(footer[0])}</p><p>{escape(footer[1])}</p></div>"""
    html = skeleton("en", "utf-8", f"{s['title']}-Xinhua", "", body)
    return Page(
        html,
        "utf-8",
        f"https://english.news.cn/{s['year']}{s['month']:02d}{d:02d}/a1b2/c.html",
        "Xinhua",
        s["city"],
        iso(s),
        [byline, caption, *rel, *footer, "Share this article: Facebook | Twitter | WeChat"],
    )


def chinadaily(s: dict, source: str, byline_name: str | None = None) -> Page:
    first = f"{s['city']} - {s['paragraphs'][0]}"
    who = f"By {byline_name} | China Daily" if byline_name else source
    byline = f"{who} | Updated: {iso(s)} {s['time']}"
    caption = f"People attend an event in {s['city'].title()} on {EN_MONTHS[s['month'] - 1]} {s['day']}, {s['year']}. [Photo/{'Xinhua' if source == 'Xinhua' else 'Agencies'}]"
    footer = [
        "Global Edition",
        "BACK TO THE TOP",
        "Copyright 1995 - . All rights reserved. The content (including but not limited to text, photo, multimedia information, etc) published in this site belongs to China Daily Information Co (CDIC).",
        "License for publishing multimedia online 0108263",
        "Registration Number: 130349",
    ]
    body = f"""<div class="topNav"><a>Global Edition</a><a>China</a><a>World</a><a>Business</a><a>Lifestyle</a></div>
<div class="breadcrumb"><a href="/">Home</a> | <a href="/world">World</a></div>
<div class="lft_art"><h1>{escape(s["title"])}</h1>
<div class="info"><span class="info_l">{escape(byline)}</span></div>
<div id="Content">
<figure class="image"><img src="/img/x.jpg"><figcaption>{escape(caption)}</figcaption></figure>
{paras([first] + s["paragraphs"][1:])}
</div>
<div class="selectpage"><a>Previous</a> <a>Next</a></div>
</div>
<div class="footer">{"".join(f"<p>{escape(f)}</p>" for f in footer)}</div>"""
    html = skeleton("en", "utf-8", f"{s['title']} - World - Chinadaily.com.cn", "", body)
    agency = "China Daily" if byline_name else source
    return Page(
        html,
        "utf-8",
        f"https://www.chinadaily.com.cn/a/{s['year']}{s['month']:02d}/{s['day']:02d}/WS64a.html",
        agency,
        s["city"],
        iso(s),
        [byline, caption, *[f for f in footer if len(f) > 14]],
    )


def tass_en(s: dict) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']}, {EN_MONTHS[m]} {d}. /TASS/. {s['paragraphs'][0]}"
    rel = [
        "Read also",
        "Russian Railways to launch more cargo trains to Asia",
        "Moscow region hosts regional governors' meeting",
    ]
    footer = "© 1999-2023 TASS Russian News Agency. All rights reserved."
    head = f'<meta property="article:published_time" content="{iso(s)}T{s["time"]}:00+03:00">'
    body = f"""<header><nav><a>Politics</a><a>World</a><a>Business</a><a>Military</a><a>Science</a></nav></header>
<main><article><h1 class="news-header__title">{escape(s["title"])}</h1>
<div class="text-content">
{paras([first] + s["paragraphs"][1:])}
<div class="read-also">{"".join(f"<p>{escape(r)}</p>" for r in rel)}</div>
</div></article></main>
<footer><p>{escape(footer)}</p></footer>"""
    html = skeleton(
        "en", "utf-8", f"{s['title']} - Russian Politics & Diplomacy - TASS", head, body
    )
    return Page(
        html,
        "utf-8",
        f"https://tass.com/politics/{1600000 + d * 37}",
        "TASS",
        s["city"],
        iso(s),
        [*rel[1:], footer],
    )


def belta_en(s: dict) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']}, {d} {EN_MONTHS[m]} (BelTA) - {s['paragraphs'][0]}"
    date_line = f"{d} {EN_MONTHS[m]} {s['year']}, {s['time']}"
    caption = "Photo: Press service of the President"
    footer = [
        "Subscribe to our Telegram channel for the latest news",
        "If you have any questions, contact the editorial office",
        "© BelTA. All rights reserved. Use of materials requires a hyperlink to the source.",
    ]
    body = f"""<div class="menu"><a>Politics</a><a>Economics</a><a>Society</a><a>Regions</a></div>
<div class="content_margin"><div class="date_full">{escape(date_line)}</div>
<h1>{escape(s["title"])}</h1>
<div class="js-mediator-article">
<div class="main_img"><img src="/i.jpg"><div class="photo_desc">{escape(caption)}</div></div>
{paras([first] + s["paragraphs"][1:])}
<p>{escape(footer[0])}</p>
</div></div>
<div class="footer"><p>{escape(footer[1])}</p><p>{escape(footer[2])}</p></div>"""
    html = skeleton("en", "utf-8", f"{s['title']}", "", body)
    return Page(
        html,
        "utf-8",
        f"https://eng.belta.by/president/view/{s['id']}-{d}/",
        "BelTA",
        s["city"],
        iso(s),
        [date_line, caption, *footer],
    )


def kyodo_en(s: dict) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']} - {s['paragraphs'][0]}"
    last = s["paragraphs"][-1] + "\n==Kyodo"
    credit = f"KYODO NEWS - {EN_MONTHS[m][:3]} {d}, {s['year']} - {s['time']} | All, Japan, World"
    caption = f"Officials attend a meeting in {s['city'].title()} on {EN_MONTHS[m]} {d}, {s['year']}. (Kyodo)"
    rel = [
        "Related coverage:",
        "Japan to expand scholarships for foreign students",
        "Tokyo stocks close higher on tech rally",
    ]
    head = f'<meta property="og:site_name" content="Kyodo News+"><meta property="article:published_time" content="{iso(s)}T{s["time"]}:00+09:00">'
    body = f"""<div class="gnav"><a>Japan</a><a>Asia</a><a>World</a><a>Business</a><a>Sports</a></div>
<article><h1>{escape(s["title"])}</h1><p class="credit">{escape(credit)}</p>
<div class="article-body">
<figure><img src="/x.jpg"><figcaption>{escape(caption)}</figcaption></figure>
{paras([first] + s["paragraphs"][1:-1])}
<p>{escape(last).replace(chr(10), "<br>")}</p>
{related(rel[1:], rel[0])}
</div></article>
<footer><p>Copyright 2023 Kyodo News. All Rights Reserved.</p></footer>"""
    html = skeleton("en", "utf-8", f"{s['title']}", head, body)
    return Page(
        html,
        "utf-8",
        f"https://english.kyodonews.net/news/{s['year']}/{s['month']:02d}/{s['id']}.html",
        "Kyodo",
        s["city"],
        iso(s),
        [credit, caption, *rel[1:], "==Kyodo", "Copyright 2023 Kyodo News. All Rights Reserved."],
    )


def yonhap_en(s: dict) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']}, {EN_ABBR[m]} {d} (Yonhap) -- {s['paragraphs'][0]}"
    date_line = f"{iso(s)} {s['time']}"
    caption = f"This file photo, taken {EN_ABBR[m]} {d - 1}, shows a container terminal in {s['city'].title()}. (Yonhap)"
    rel = [
        "(LEAD) Top officials to visit Southeast Asia this week",
        "N. Korea fires cruise missiles into Yellow Sea: JCS",
    ]
    footer = ["(END)", "kim12@yna.co.kr", "(C) Yonhap News Agency. All Rights Reserved"]
    body = f"""<div class="gnb"><a>NATIONAL</a><a>N. KOREA</a><a>ECONOMY</a><a>MARKET</a></div>
<div class="container"><h1 class="tit">{escape(s["title"])}</h1><p class="update-time">All News {escape(date_line)}</p>
<article class="story-news">
<div class="img-con"><img src="/y.jpg"><p class="caption">{escape(caption)}</p></div>
{paras([first] + s["paragraphs"][1:])}
<p>{escape(footer[1])}</p>
<p>{escape(footer[0])}</p>
</article>
<aside>{related(rel, "Most Viewed")}</aside></div>
<footer><p>{escape(footer[2])}</p></footer>"""
    html = skeleton("en", "utf-8", f"{s['title']} | Yonhap News Agency", "", body)
    return Page(
        html,
        "utf-8",
        f"https://en.yna.co.kr/view/AEN{s['year']}{s['month']:02d}{d:02d}004500320",
        "Yonhap",
        s["city"],
        iso(s),
        [caption, *rel, *footer],
    )


def aa_en(s: dict) -> Page:
    d = s["day"]
    first = f"{s['city']} (AA) - {s['paragraphs'][0]}"
    date_line = f"{d:02d}.{s['month']:02d}.{s['year']}"
    caption = f"Officials speak to the press in {s['city'].title()}. ( AA Photo )"
    footer = [
        "Anadolu Agency website contains only a portion of the news stories offered to subscribers in the AA News Broadcasting System (HAS), and in summarized form.",
        "Please contact us for subscription options.",
    ]
    body = f"""<div class="top"><a>Türkiye</a><a>World</a><a>Economy</a><a>Energy</a></div>
<div class="detay-icerik"><h1>{escape(s["title"])}</h1>
<div class="detay-spot-category"><span class="tarih">{date_line}</span></div>
<div class="detay-foto-editor"><img src="/a.jpg"><span class="caption">{escape(caption)}</span></div>
{paras([first] + s["paragraphs"][1:])}
<p>{escape(footer[0])} <a>{escape(footer[1])}</a></p>
</div>"""
    html = skeleton("en", "utf-8", f"{s['title']}", "", body)
    return Page(
        html,
        "utf-8",
        f"https://www.aa.com.tr/en/world/{s['id']}/{3000000 + d}",
        "Anadolu",
        s["city"],
        iso(s),
        [caption, *footer],
    )


def portal(s: dict, agency_tag: str, agency: str) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']}, {EN_MONTHS[m][:3]} {d} ({agency_tag}) - {s['paragraphs'][0]}"
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": s["title"],
            "datePublished": f"{iso(s)}T{s['time']}:00Z",
            "publisher": {"name": "World Wire Daily"},
        }
    )
    head = f'<script type="application/ld+json">{ld}</script><meta property="og:site_name" content="World Wire Daily">'
    rel = [
        "Read more:",
        "Markets wrap: stocks steady ahead of central bank week",
        "Analysis: What a warm winter means for gas prices",
    ]
    prompts = [
        "Sign up for our morning briefing newsletter",
        "Share this story on Facebook",
        "Advertisement",
    ]
    body = f"""<header><a>World Wire Daily</a><nav><a>World</a><a>Markets</a><a>Opinion</a></nav></header>
<div class="story"><h1>{escape(s["title"])}</h1>
<div class="story-body">
{paras([first] + s["paragraphs"][1:2])}
<p class="promo">{escape(prompts[0])}</p>
{paras(s["paragraphs"][2:])}
<p>{escape(rel[0])} <a>{escape(rel[1])}</a></p>
</div>
<div class="social"><p>{escape(prompts[1])}</p></div>
<aside><h3>Most read</h3><ul><li>{escape(rel[2])}</li></ul></aside></div>
<footer><p>© 2023 World Wire Daily. All rights reserved.</p><p>Privacy policy</p></footer>"""
    html = skeleton("en", "utf-8", f"{s['title']} | World Wire Daily", head, body)
    return Page(
        html,
        "utf-8",
        f"https://worldwiredaily.example/{s['year']}/{s['month']:02d}/{s['id']}",
        agency,
        s["city"],
        iso(s),
        [*rel[1:], *prompts[:2], "© 2023 World Wire Daily. All rights reserved."],
    )


def plain_cd(s: dict) -> Page:
    first = f"{s['city']} - {s['paragraphs'][0]}"
    caption = f"Delegates pose for a group photo before the talks in {s['city'].title()}. [Photo/Agencies]"
    lines = [
        "world news",
        "Home | Asia-Pacific",
        "",
        s["title"],
        "",
        f"Xinhua | Updated: {iso(s)} {s['time']}",
        "",
        caption,
        "",
        first,
        "",
    ]
    for p in s["paragraphs"][1:]:
        lines += [p, ""]
    footer = [
        "Global Edition",
        "BACK TO THE TOP",
        "Copyright 1995 - . All rights reserved. The content (including but not limited to text, photo, multimedia information, etc) published in this site belongs to China Daily Information Co (CDIC).",
        "License for publishing multimedia online 0108263",
        "",
        "Registration Number: 130349",
    ]
    text = "\n".join(lines + footer)
    return Page(
        text,
        "utf-8",
        "",
        "Xinhua",
        s["city"],
        iso(s),
        [
            "world news",
            "Home | Asia-Pacific",
            caption,
            f"Xinhua | Updated: {iso(s)}",
            *[f for f in footer if len(f) > 12],
        ],
        ext="txt",
    )


# ---- Russian ---------------------------------------------------------------


def belta_ru(s: dict) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']}, {d} {RU_GEN[m]} (БЕЛТА) - {s['paragraphs'][0]}"
    date_line = f"{d} {RU_GEN[m]} {s['year']}, {s['time']}"
    caption = "Фото из архива"
    extra = [
        "Читайте также",
        "Подписывайтесь на наш Telegram-канал",
        "© БЕЛТА. Все права защищены. При использовании материалов гиперссылка обязательна.",
    ]
    body = f"""<div class="menu"><a>Политика</a><a>Экономика</a><a>Общество</a><a>Регионы</a></div>
<div class="content_margin"><div class="date_full">{escape(date_line)}</div>
<h1>{escape(s["title"])}</h1>
<div class="js-mediator-article">
<div class="main_img"><img src="/i.jpg"><div class="photo_desc">{escape(caption)}</div></div>
{paras([first] + s["paragraphs"][1:])}
<p>{escape(extra[1])}</p>
</div>
{related(["Минский тракторный завод увеличил выпуск техники", "В регионах стартовала подготовка к зиме"], extra[0])}
</div><div class="footer"><p>{escape(extra[2])}</p></div>"""
    html = skeleton("ru", "windows-1251", s["title"], "", body)
    return Page(
        html,
        "windows-1251",
        f"https://www.belta.by/president/view/{s['id']}-{d}-{s['year']}/",
        "BelTA",
        s["city"],
        iso(s),
        [date_line, *extra[1:], "Минский тракторный завод увеличил выпуск техники"],
    )


def tass_ru(s: dict) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']}, {d} {RU_GEN[m]}. /ТАСС/. {s['paragraphs'][0]}"
    head = f'<meta property="article:published_time" content="{iso(s)}T{s["time"]}:00+03:00">'
    extra = [
        "Больше новостей в нашем Telegram-канале",
        "Свидетельство о регистрации СМИ Эл № ФС77-00000 выдано Роскомнадзором",
    ]
    body = f"""<nav><a>Политика</a><a>В мире</a><a>Экономика</a><a>Общество</a></nav>
<article><h1>{escape(s["title"])}</h1>
<div class="text-block">{paras([first] + s["paragraphs"][1:])}
<p>{escape(extra[0])}</p></div></article>
<footer><p>{escape(extra[1])}</p><p>© ТАСС. Все права защищены</p></footer>"""
    html = skeleton("ru", "utf-8", f"{s['title']} - ТАСС", head, body)
    return Page(
        html, "utf-8", f"https://tass.ru/politika/{17000000 + d}", "TASS", s["city"], iso(s), extra
    )


def ria_ru(s: dict) -> Page:
    m, d = s["month"] - 1, s["day"]
    first = f"{s['city']}, {d} {RU_ABBR[m]} — РИА Новости. {s['paragraphs'][0]}"
    head = f'<meta name="analytics:published" content=""><meta property="article:published_time" content="{s["year"]}{s["month"]:02d}{d:02d}T{s["time"].replace(":", "")}">'
    date_line = f"{s['time']} {d:02d}.{s['month']:02d}.{s['year']}"
    extra = [
        "Читайте также: Синоптики рассказали о погоде на выходных",
        "Поделиться",
        "© 2023 МИА «Россия сегодня»",
    ]
    body = f"""<div class="header"><a>Политика</a><a>В мире</a><a>Экономика</a></div>
<div class="article"><div class="article__info-date">{date_line}</div>
<h1 class="article__title">{escape(s["title"])}</h1>
<div class="article__body">{paras([first] + s["paragraphs"][1:2])}
<p>{escape(extra[0])}</p>
{paras(s["paragraphs"][2:])}</div>
<div class="share">{escape(extra[1])}</div></div>
<footer><p>{escape(extra[2])}</p></footer>"""
    html = skeleton("ru", "windows-1251", f"{s['title']} - РИА Новости, {date_line}", head, body)
    return Page(
        html,
        "windows-1251",
        f"https://ria.ru/{s['year']}{s['month']:02d}{d:02d}/sneg-18{d}.html",
        "RIA Novosti",
        s["city"],
        iso(s),
        [extra[0], extra[2]],
    )


# ---- Chinese, Japanese, Korean, Turkish ------------------------------------


def xinhua_zh(s: dict) -> Page:
    m, d = s["month"], s["day"]
    first = f"新华社{s['city']}{m}月{d}日电（记者王明 李华）{s['paragraphs'][0]}"
    info = f"{s['year']}-{m:02d}-{d:02d} {s['time']}:21　来源：新华网"
    extra = ["【纠错】", "责任编辑：张晓", "版权所有 新华网", "京ICP证010042号", "相关新闻"]
    rel = ["多地加快推进高标准农田建设", "铁路部门增开货运班列保障物资运输"]
    body = f"""<div class="nav"><a>首页</a><a>时政</a><a>国际</a><a>财经</a></div>
<div class="header"><h1>{escape(s["title"])}</h1><div class="info">{escape(info)}</div></div>
<div id="detail">{paras([first] + s["paragraphs"][1:])}
<p>{extra[0]}</p><p>{extra[1]}</p></div>
{related(rel, extra[4])}
<div class="foot"><p>{extra[2]}</p><p>{extra[3]}</p></div>"""
    html = skeleton("zh-CN", "gbk", f"{s['title']}-新华网", "", body)
    return Page(
        html,
        "gbk",
        f"http://www.news.cn/politics/{s['year']}-{m:02d}/{d:02d}/c_112.htm",
        "Xinhua",
        s["city"],
        iso(s),
        [info, *extra[1:4], *rel],
    )


def cns_zh(s: dict) -> Page:
    m, d = s["month"], s["day"]
    first = f"中新社{s['city']}{m}月{d}日电 (记者 陈刚){s['paragraphs'][0]}"
    info = f"{s['year']}年{m:02d}月{d:02d}日 {s['time']}　来源：中国新闻网"
    extra = [
        "（完）",
        "【编辑：刘阳】",
        "本网站所刊载信息，不代表中新社和中新网观点。 刊用本网站稿件，务经书面授权。",
        "未经授权禁止转载、摘编、复制及建立镜像，违者将依法追究法律责任。",
    ]
    body = f"""<div class="nav"><a>首页</a><a>滚动</a><a>国内</a><a>国际</a><a>财经</a></div>
<h1>{escape(s["title"])}</h1><div class="left-t">{escape(info)}</div>
<div class="left_zw">{paras([first] + s["paragraphs"][1:])}
<p>{extra[0]}</p></div><div class="adEditor">{extra[1]}</div>
<div class="bottom"><p>{extra[2]}</p><p>{extra[3]}</p></div>"""
    html = skeleton("zh-CN", "gb2312", f"{s['title']}-中新网", "", body)
    return Page(
        html,
        "gb2312",
        f"https://www.chinanews.com.cn/cj/{s['year']}/{m:02d}-{d:02d}/100.shtml",
        "China News Service",
        s["city"],
        iso(s),
        [info, *extra],
    )


def kyodo_ja(s: dict) -> Page:
    first = f"【{s['city']}共同】{s['paragraphs'][0]}"
    head = f'<meta property="article:published_time" content="{iso(s)}T{s["time"]}:00+09:00">'
    extra = [
        "関連記事",
        "共同通信社の記事・写真・図表の無断転載を禁じます。",
        "この記事をシェアする",
    ]
    rel = ["首相、来週にも経済対策を指示へ", "東京株式市場、反発して取引終了"]
    body = f"""<div class="gnav"><a>トップ</a><a>国内</a><a>国際</a><a>経済</a></div>
<article><h1>{escape(s["title"])}</h1><p class="time">{s["year"]}年{s["month"]}月{s["day"]}日 {s["time"]}</p>
<div class="article-body">{paras([first] + s["paragraphs"][1:])}</div>
<p class="share">{extra[2]}</p>
{related(rel, extra[0])}</article>
<footer><p>{extra[1]}</p><p>Copyright 2023 Kyodo News. All Rights Reserved.</p></footer>"""
    html = skeleton("ja", "shift_jis", f"{s['title']} | 共同通信", head, body)
    return Page(
        html,
        "shift_jis",
        f"https://www.47news.jp/{s['year']}{s['month']:02d}{s['day']:02d}{s['id']}.html",
        "Kyodo",
        s["city"],
        iso(s),
        [*extra[1:], *rel],
    )


def yonhap_ko(s: dict) -> Page:
    first = f"({s['city']}=연합뉴스) 김민수 기자 = {s['paragraphs'][0]}"
    info = f"송고시간{s['year']}-{s['month']:02d}-{s['day']:02d} {s['time']}"
    extra = [
        "kimms@yna.co.kr",
        "제보는 카카오톡 okjebo",
        "저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지",
        "관련 뉴스",
    ]
    body = f"""<div class="gnb"><a>정치</a><a>북한</a><a>경제</a><a>사회</a></div>
<div class="title-article"><h1>{escape(s["title"])}</h1><p class="update-time">{info}</p></div>
<article class="story-news">{paras([first] + s["paragraphs"][1:])}
<p>{extra[0]}</p><p>{extra[1]}</p><p>{extra[2]}</p></article>
{related(["정부, 수출 지원 대책 발표", "내일 전국 흐리고 곳곳에 비"], extra[3])}"""
    html = skeleton("ko", "euc-kr", f"{s['title']} | 연합뉴스", "", body)
    return Page(
        html,
        "euc-kr",
        f"https://www.yna.co.kr/view/AKR{s['year']}{s['month']:02d}{s['day']:02d}0551000",
        "Yonhap",
        s["city"],
        iso(s),
        extra[:3] + ["정부, 수출 지원 대책 발표"],
    )


def aa_tr(s: dict, encoding: str) -> Page:
    first = f"{s['city']} (AA) - {s['paragraphs'][0]}"
    date_line = f"{s['day']:02d}.{s['month']:02d}.{s['year']} - Güncelleme : {s['day']:02d}.{s['month']:02d}.{s['year']}"
    extra = [
        "Anadolu Ajansı web sitesinde, AA Haber Akış Sistemi (HAS) üzerinden abonelere sunulan haberler, özetlenerek yayımlanmaktadır.",
        "Abonelik için lütfen iletişime geçiniz.",
        "İlgili haberler",
    ]
    body = f"""<div class="top"><a>Gündem</a><a>Dünya</a><a>Ekonomi</a><a>Spor</a></div>
<div class="detay-icerik"><h1>{escape(s["title"])}</h1><span class="tarih">{date_line}</span>
{paras([first] + s["paragraphs"][1:])}
<p>{escape(extra[0])}</p><p>{escape(extra[1])}</p></div>
{related(["Hububat alım fiyatları açıklandı", "Bakanlar yeni ulaştırma projelerini görüştü"], extra[2])}"""
    html = skeleton("tr", encoding, s["title"], "", body)
    return Page(
        html,
        encoding,
        f"https://www.aa.com.tr/tr/gundem/{s['id']}/{3100000 + s['day']}",
        "Anadolu",
        s["city"],
        iso(s),
        [*extra[:2], "Hububat alım fiyatları açıklandı"],
    )


def layouts() -> list[tuple[str, Callable[[dict], Page]]]:
    """(story id, template) pairs: 32 pages."""
    return [
        ("en-grain", xinhua_en),
        ("en-forest", xinhua_en),
        ("en-hanoi", xinhua_en),
        ("en-grain", lambda s: chinadaily(s, "Xinhua")),
        ("en-forest", lambda s: chinadaily(s, "China Daily", "Liu Yang in Harbin")),
        ("en-flood", tass_en),
        ("en-lavrov-call", tass_en),
        ("en-visit-minsk", belta_en),
        ("en-tokyo-chips", kyodo_en),
        ("en-tokyo-summit", kyodo_en),
        ("en-seoul-exports", yonhap_en),
        ("en-seoul-talks", yonhap_en),
        ("en-ankara-bridge", aa_en),
        ("en-ankara-quake", aa_en),
        ("en-oil-reuters", lambda s: portal(s, "Reuters", "Reuters")),
        ("en-geneva-afp", lambda s: portal(s, "AFP", "AFP")),
        ("en-seoul-talks", lambda s: portal(s, "Yonhap", "Yonhap")),
        ("en-lavrov-call", plain_cd),
        ("en-hanoi", plain_cd),
        ("ru-belta-talks", belta_ru),
        ("ru-belta-harvest", belta_ru),
        ("ru-tass-call", tass_ru),
        ("ru-ria-snow", ria_ru),
        ("zh-xinhua-talks", xinhua_zh),
        ("zh-xinhua-rice", xinhua_zh),
        ("zh-cns-port", cns_zh),
        ("ja-kyodo-talks", kyodo_ja),
        ("ja-kyodo-rain", kyodo_ja),
        ("ko-yonhap-talks", yonhap_ko),
        ("ko-yonhap-heat", yonhap_ko),
        ("tr-aa-talks", lambda s: aa_tr(s, "utf-8")),
        ("tr-aa-harvest", lambda s: aa_tr(s, "windows-1254")),
    ]


def expected_text(page: Page, s: dict) -> str:
    """The body as an analyst should get it: dateline kept, signatures and markers gone."""
    paragraphs = list(s["paragraphs"])
    for line in page.html.splitlines():
        plain = unescape(re.sub(r"<[^>]+>", "", line)).strip()
        if paragraphs[0] in plain:
            paragraphs[0] = plain
            break
    return "\n\n".join(paragraphs)


def main() -> None:
    """Write pages/ and labels.json."""
    stories = {s["id"]: s for s in STORIES}
    out = HERE / "pages"
    out.mkdir(exist_ok=True)
    labels: dict[str, dict] = {}
    for n, (sid, template) in enumerate(layouts(), start=1):
        s = stories[sid]
        page = template(s)
        name = f"{n:02d}-{sid}.{page.ext}"
        (out / name).write_bytes(page.html.encode(page.encoding))
        labels[name] = {
            "file": f"pages/{name}",
            "url": page.url or None,
            "encoding": page.encoding,
            "language": s["lang"],
            "text": expected_text(page, s),
            "forbidden": page.forbidden,
            "agency": page.agency,
            "dateline": page.dateline,
            "published": page.published,
        }
    labels.update(build(out))
    (HERE / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(labels)} pages to {out}")


if __name__ == "__main__":
    main()
