"""Agency and press-office pages with photo captions, leads and press services (signal batch).

Written by the wirewatch team for issue 12 (original text, fictional events):
Xinhua-style pages with captions between body paragraphs (English and
Chinese), a China Daily caption with a staff credit, TASS/Anadolu-style pages
with a lead line above the dateline paragraph outside the body container, and
official press pages (a presidential site, foreign ministries, government press
offices) whose agency is the press service. Languages: en, ru, zh, tr, es, fr, ko.

Rebuild with ``.venv/bin/python tests/data/extract/signal/build.py``; it writes
``pages/`` and ``labels.json`` next to itself. Labels: ``file``, ``url``,
``encoding``, ``layout``, ``title``, ``language``, ``text`` (expected body,
paragraphs joined by a blank line), ``captions`` (caption lines that belong in
``caption``, never in the text), ``lead`` (the lead line that must open the
text, or null), ``forbidden`` (boilerplate lines), ``agency``, ``dateline``,
``published`` (date in the page's zone).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LAYOUTS_TWO: dict[str, str] = {
    "xh_zh2.html": "Xinhua Chinese, caption closed by a bracketed photographer credit (新华社发（X摄）)",
    "xh_en2.html": "Xinhua English, centred captions after an image paragraph and an image div, a file-photo caption",
    "akorda_ru.html": "Presidential site, Russian: lead block, site named in the title suffix",
    "tass_en2.html": "TASS English, lead paragraph in the article header above the body",
    "mfa_cn_en2.html": "Foreign ministry, English, on the newer host",
    "mfa_fr.html": "Foreign ministry, French: chapeau lead, a dated press-office dateline as the only date",
}


def P(paragraphs: list[str]) -> str:  # noqa: N802
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def build(out: Path) -> dict[str, dict[str, Any]]:
    """Write the pages into ``out`` and return their labels (keyed by file name)."""
    pages: dict[str, dict[str, Any]] = {}

    def add(
        name: str,
        layout: str,
        html: str,
        url: str,
        *,
        title: str,
        language: str,
        body: list[str],
        agency: str,
        dateline: str | None,
        published: str,
        forbidden: list[str],
        captions: list[str] | None = None,
        lead: str | None = None,
        enc: str = "utf-8",
    ) -> None:
        (out / name).write_bytes(html.encode(enc))
        paragraphs = ([lead] if lead else []) + body
        pages[name] = {
            "file": f"pages/{name}",
            "url": url,
            "encoding": enc,
            "layout": layout,
            "title": title,
            "language": language,
            "text": "\n\n".join(paragraphs),
            "captions": captions or [],
            "lead": lead,
            "forbidden": forbidden,
            "agency": agency,
            "dateline": dateline,
            "published": published,
        }

    # 1. Xinhua English: centred image paragraph, then a centred caption
    # paragraph with no credit, between body paragraphs.
    b = [
        "QINGDAO, April 3 (Xinhua) -- A new rail-sea freight line linking the port city of Qingdao with inland logistics hubs in central Asia opened on Thursday, local authorities said.",
        "The first train carried 110 containers of household appliances, tyres and farm machinery, and is expected to reach its destination in about twelve days.",
        "Port officials said the line would cut transit times for exporters in Shandong Province by almost a third compared with the sea route.",
        "More than 40 such services are planned for this year, according to the provincial commerce department.",
    ]
    cap = "Photo taken on April 2, 2025 shows containers stacked at a terminal of Qingdao Port in east China's Shandong Province."
    add(
        "xh_en_caption_p.html",
        "Xinhua English, centred caption paragraph after an image paragraph",
        f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>New rail-sea freight line opens in Qingdao-Xinhua</title>
<meta name="publishdate" content="2025-04-03 16:05:12"></head><body>
<div class="nav"><a>Home</a><a>China</a><a>World</a><a>Business</a><a>Photos</a></div>
<div class="header"><div class="head-line"><h1><span class="title">New rail-sea freight line opens in Qingdao</span></h1></div>
<div class="header-cont"><div class="source">Source: Xinhua</div><div class="info">Editor: Zhou Min | 2025-04-03 16:05:12</div></div></div>
<div class="main"><div id="detailContent">
<p>{b[0]}</p><p>{b[1]}</p>
<p style="text-align: center;"><img src="/20250403/a1.jpg" alt=""></p>
<p style="text-align: center;">{cap}</p>
<p>{b[2]}</p><p>{b[3]}</p>
</div>
<div class="share">Share this article: Facebook Twitter</div>
<div class="related"><div class="title">Related:</div><ul><li><a>Freight trains link Xi'an with Europe</a></li></ul></div></div>
<div class="footer"><p>Copyright © 2000-2025 XINHUANET.com All rights reserved.</p></div></body></html>""",
        "https://english.news.cn/20250403/0a1b2c/c.html",
        title="New rail-sea freight line opens in Qingdao",
        language="en",
        body=b,
        agency="Xinhua",
        dateline="QINGDAO",
        published="2025-04-03",
        forbidden=[
            "Source: Xinhua",
            "Share this article",
            "Freight trains link Xi'an",
            "XINHUANET.com",
        ],
        captions=[cap],
    )

    # 2. Xinhua Chinese: caption "这是...拍摄的...新华社记者 X 摄" without brackets,
    # and a "图为..." caption, both between body paragraphs.
    b = [
        "新华社青岛4月3日电（记者王海）一条连接青岛港与中亚物流枢纽的海铁联运新线路3日开通运行。",
        "首趟班列装载110个标准箱，货物包括家电、轮胎和农业机械，预计12天左右抵达目的地。",
        "港口负责人介绍，与传统海运相比，新线路可为山东外贸企业节省近三分之一的运输时间。",
        "据省商务厅介绍，今年计划开行此类班列40余列。",
    ]
    caps = [
        "这是4月2日在山东青岛港拍摄的集装箱码头（无人机照片）。新华社记者 王海 摄",
        "图为首趟海铁联运班列从青岛港站驶出。",
    ]
    add(
        "xh_zh_caption_p.html",
        "Xinhua Chinese, photographer-credit caption and a 图为 caption between paragraphs",
        f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>青岛开通海铁联运新线路-新华网</title>
<meta name="publishdate" content="2025-04-03 11:20:05"></head><body>
<div class="nav"><a>首页</a><a>时政</a><a>国际</a><a>财经</a></div>
<div class="header"><h1><span class="title">青岛开通海铁联运新线路</span></h1>
<div class="header-cont"><span class="year">2025</span><span class="day">04/03</span><span class="time">11:20:05</span><span class="source">来源：新华网</span></div></div>
<div id="detail">
<p>{b[0]}</p>
<p style="text-align: center;" align="center"><img src="/20250403/b1.jpg"></p>
<p style="text-align: center;" align="center">{caps[0]}</p>
<p>{b[1]}</p><p>{b[2]}</p>
<p align="center"><img src="/20250403/b2.jpg"></p>
<p align="center">{caps[1]}</p>
<p>{b[3]}</p>
</div>
<div class="editor">【责任编辑:李娜】</div>
<div class="foot"><p>Copyright © 2000-2025 XINHUANET.com All Rights Reserved.</p><p>制作单位：新华网股份有限公司 版权所有 新华网股份有限公司</p></div>
</body></html>""",
        "http://www.news.cn/local/20250403/c0ffee/c.html",
        title="青岛开通海铁联运新线路",
        language="zh",
        body=b,
        agency="Xinhua",
        dateline="青岛",
        published="2025-04-03",
        forbidden=["【责任编辑:李娜】", "来源：新华网", "版权所有"],
        captions=caps,
    )

    # 3. Xinhua English: a figure with figcaption, and a "This aerial photo taken
    # on ... shows" caption paragraph with a credit after an image paragraph.
    b = [
        "NAIROBI, May 6 (Xinhua) -- Kenya on Tuesday opened a new section of a highway linking the capital with the northern town of Isiolo, which officials said would ease the transport of livestock and fresh produce.",
        "The 86-km section was built by a consortium of local and foreign contractors over three years and includes four new bridges.",
        "Transport officials said travel time on the route would fall from five hours to about three.",
        "Traders at a market in Isiolo said they hoped lower transport costs would bring more buyers from the capital.",
    ]
    caps = [
        "Vehicles drive on the newly opened highway section near Isiolo, Kenya, May 6, 2025.",
        "This aerial photo taken on May 5, 2025 shows a bridge on the new highway section in central Kenya. (Photo by Peter Mwangi/Xinhua)",
    ]
    add(
        "xh_en_figure.html",
        "Xinhua English, figure/figcaption and an aerial-photo caption paragraph",
        f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Kenya opens new highway section to ease farm transport - Xinhua</title>
<meta name="publishdate" content="2025-05-06 21:40:00"></head><body>
<div class="nav"><a>Home</a><a>Africa</a><a>World</a></div>
<h1>Kenya opens new highway section to ease farm transport</h1>
<div class="info">2025-05-06 21:40:00</div>
<div id="detailContent">
<p>{b[0]}</p>
<figure><img src="/20250506/c1.jpg"><figcaption>{caps[0]}</figcaption></figure>
<p>{b[1]}</p><p>{b[2]}</p>
<p><img src="/20250506/c2.jpg"></p>
<p>{caps[1]}</p>
<p>{b[3]}</p>
</div>
<div class="share">Share it with a friend</div>
<div class="footer">Copyright © 2000-2025 XINHUANET.com All rights reserved.</div></body></html>""",
        "https://english.news.cn/africa/20250506/77aa/c.html",
        title="Kenya opens new highway section to ease farm transport",
        language="en",
        body=b,
        agency="Xinhua",
        dateline="NAIROBI",
        published="2025-05-06",
        forbidden=["Share it with a friend", "XINHUANET.com"],
        captions=caps,
    )

    # 4. China Daily: image with a caption ending in a staff photographer credit.
    b = [
        "Hefei, capital of Anhui province, will add 30 new bus routes linking suburban industrial parks with metro stations by the end of the year, the city's transport bureau said on Tuesday.",
        "The routes are designed for commuters who work shifts at battery and vehicle plants, and most will run until midnight.",
        "The bureau said it would adjust timetables after a three-month trial based on passenger numbers collected by smart card readers.",
    ]
    cap = "Passengers board an electric bus at a metro station in Hefei, Anhui province, on Tuesday. ZHANG LEI / FOR CHINA DAILY"
    add(
        "cd_en_credit.html",
        "China Daily, caption with a staff/contributor credit in capitals",
        f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Hefei adds bus routes for shift workers - Chinadaily.com.cn</title>
<meta name="publishdate" content="2025-03-11 07:12"></head><body>
<div class="topnav">Global Edition | China | World | Business</div>
<div class="main_art"><h1>Hefei adds bus routes for shift workers</h1>
<div class="info"><span class="info_l">By WANG QIAN in Hefei | China Daily | Updated: 2025-03-11 07:12</span></div>
<div id="Content">
<p>{b[0]}</p>
<figure class="image"><img src="//img2.chinadaily.com.cn/images/202503/11/a.jpeg"></figure>
<p>{cap}</p>
<p>{b[1]}</p><p>{b[2]}</p>
</div></div>
<div class="footer"><p>Copyright 1995 - 2025. All rights reserved. The content (including but not limited to text, photo, multimedia information, etc) published in this site belongs to China Daily Information Co (CDIC).</p></div>
</body></html>""",
        "https://www.chinadaily.com.cn/a/202503/11/WS67cf.html",
        title="Hefei adds bus routes for shift workers",
        language="en",
        body=b,
        agency="China Daily",
        dateline=None,
        published="2025-03-11",
        forbidden=["Global Edition", "Updated: 2025-03-11", "The content (including"],
        captions=[cap],
    )

    # 5. TASS English: a lead line above the dateline paragraph, outside the body container.
    lead = "The ministers discussed grain shipments through Black Sea ports and the schedule of the intergovernmental commission, the ministry said."
    b = [
        "MOSCOW, June 4. /TASS/. Russian Agriculture Minister held talks with his Egyptian counterpart in Moscow on Wednesday, the Russian Agriculture Ministry said in a statement.",
        "According to the statement, the sides agreed to set up a working group on veterinary certificates for dairy products.",
        "Egypt is one of the largest buyers of Russian wheat, the ministry noted.",
    ]
    add(
        "tass_en_lead.html",
        "TASS English, lead div above the dateline paragraph outside the text container",
        f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Russian, Egyptian agriculture ministers discuss grain shipments - Economy &amp; Business - TASS</title>
<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"2025-06-04T15:32:00+03:00","headline":"Russian, Egyptian agriculture ministers discuss grain shipments"}}</script>
</head><body>
<div class="menu"><a>Russian Politics &amp; Diplomacy</a><a>World</a><a>Business</a></div>
<main><div class="news-header"><h1 class="news-header__title">Russian, Egyptian agriculture ministers discuss grain shipments</h1>
<div class="news-header__lead">{lead}</div>
<div class="news-header__date">June 4, 15:32 UTC+3</div></div>
<div class="text-content"><div class="text-block">{P(b)}</div></div>
<div class="tags">Tags: Agriculture, Egypt</div>
<div class="read-also"><span>Read also</span><a>Russia raises wheat export quota</a></div></main>
<footer><p>TASS Russian News Agency. Copyright © 2025. All rights reserved.</p></footer></body></html>""",
        "https://tass.com/economy/1900001",
        title="Russian, Egyptian agriculture ministers discuss grain shipments",
        language="en",
        body=b,
        agency="TASS",
        dateline="MOSCOW",
        published="2025-06-04",
        forbidden=[
            "Tags: Agriculture",
            "Read also",
            "Russia raises wheat export quota",
            "TASS Russian News Agency",
        ],
        lead=lead,
    )

    # 6. TASS Russian: the lead in an h3 above the body.
    lead = "Стороны обсудили поставки зерна через черноморские порты и график работы межправительственной комиссии."
    b = [
        "МОСКВА, 4 июня. /ТАСС/. Министр сельского хозяйства России провел в среду в Москве переговоры с египетским коллегой. Об этом сообщили в пресс-службе Минсельхоза.",
        "По данным ведомства, стороны договорились создать рабочую группу по ветеринарным сертификатам на молочную продукцию.",
        "Египет остается одним из крупнейших покупателей российской пшеницы, отметили в министерстве.",
    ]
    add(
        "tass_ru_lead.html",
        "TASS Russian, h3 lead above the dateline paragraph outside the text container",
        f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Министры сельского хозяйства России и Египта обсудили поставки зерна - ТАСС</title>
<meta property="article:published_time" content="2025-06-04T15:30:00+03:00"></head><body>
<nav><a>Политика</a><a>Экономика</a><a>Общество</a></nav>
<div class="news-header"><h1>Министры сельского хозяйства России и Египта обсудили поставки зерна</h1>
<h3 class="NewsHeader_lead">{lead}</h3>
<div class="NewsHeader_date">4 июня, 15:30</div></div>
<article class="Content_wrapper"><div class="text-content">{P(b)}</div></article>
<div class="tags">Теги: Египет, сельское хозяйство</div>
<div>Читайте также</div><p>Россия увеличила квоту на экспорт пшеницы</p>
<footer><p>© 2025 ТАСС. Все права защищены.</p></footer></body></html>""",
        "https://tass.ru/ekonomika/24000001",
        title="Министры сельского хозяйства России и Египта обсудили поставки зерна",
        language="ru",
        body=b,
        agency="TASS",
        dateline="МОСКВА",
        published="2025-06-04",
        forbidden=["Теги: Египет", "Читайте также", "Россия увеличила квоту", "Все права защищены"],
        lead=lead,
    )

    # 7. Anadolu Turkish: the "spot" lead under the headline, outside the body.
    lead = "Dışişleri Bakanı, Macar mevkidaşıyla Ankara'da bir araya gelerek enerji ve ulaştırma alanındaki işbirliğini ele aldı."
    b = [
        "ANKARA (AA) - Dışişleri Bakanı, Macaristan Dışişleri Bakanı ile Ankara'da görüştü.",
        "Bakanlık kaynaklarından edinilen bilgiye göre görüşmede doğal gaz taşımacılığı, demir yolu bağlantıları ve ikili ticaret hacmi konuşuldu.",
        "İki bakan, yıl sonundan önce ortak ekonomi komisyonunu toplama konusunda uzlaştı.",
    ]
    add(
        "aa_tr_spot.html",
        "Anadolu Turkish, spot (lead) under the headline outside the body container",
        f"""<!DOCTYPE html><html lang="tr"><head><meta charset="utf-8">
<title>Dışişleri Bakanı Macar mevkidaşıyla görüştü</title>
<meta property="article:published_time" content="2025-02-18T13:05:00+03:00"></head><body>
<div class="menu"><a>Gündem</a><a>Dünya</a><a>Ekonomi</a><a>Spor</a></div>
<div class="detay-icerik"><h1>Dışişleri Bakanı Macar mevkidaşıyla görüştü</h1>
<h4 class="detay-spot">{lead}</h4>
<div class="detay-bilgi"><span class="tarih">18.02.2025 13:05</span> Güncelleme: 18.02.2025 13:10</div>
<div class="detay-metin">{P(b)}</div></div>
<div class="etiket">Etiketler: Macaristan, Dışişleri</div>
<div class="abonelik">Anadolu Ajansı web sitesinde, AA Haber Akış Sistemi (HAS) üzerinden abonelere sunulan haberler, özetlenerek yayımlanmaktadır. Abonelik için lütfen iletişime geçiniz.</div>
<footer><p>© Anadolu Ajansı 2025. Tüm hakları saklıdır.</p></footer></body></html>""",
        "https://www.aa.com.tr/tr/politika/disisleri-bakani-macar-mevkidasiyla-gorustu/3400001",
        title="Dışişleri Bakanı Macar mevkidaşıyla görüştü",
        language="tr",
        body=b,
        agency="Anadolu",
        dateline="ANKARA",
        published="2025-02-18",
        forbidden=["Etiketler: Macaristan", "abonelere sunulan", "Tüm hakları saklıdır"],
        lead=lead,
    )

    # 8. Presidential site, English: a lead block, the place in its own element,
    # no agency anywhere but the site itself.
    lead = "The President held talks with the President of the Republic of Guinea-Bissau, who is in Russia on an official visit."
    b = [
        "The talks began in a restricted format and continued with the participation of the two delegations.",
        "The sides discussed trade, cooperation in agriculture and fisheries, and the training of specialists at Russian universities.",
        "Following the talks, the two presidents made press statements and several bilateral documents were signed.",
    ]
    add(
        "kremlin_en.html",
        "Presidential press site, English: lead block, place line, no agency in the copy",
        f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Talks with President of Guinea-Bissau • President of Russia</title>
<meta property="og:site_name" content="President of Russia"></head><body>
<div class="header"><a>President</a><a>News</a><a>Events</a><a>Documents</a></div>
<div class="read"><h1 class="entry-title p-name">Talks with President of Guinea-Bissau</h1>
<div class="read__meta"><time class="read__published" datetime="2025-02-26">February 26, 2025</time>
<div class="read__time">15:40</div><div class="read__place p-location">The Kremlin, Moscow</div></div>
<div class="read__lead entry-summary p-summary">{lead}</div>
<div class="entry-content e-content read__internal_content">{P(b)}</div>
<div class="read__bottommeta">Publication status: Published in section: News · Publication date: February 26, 2025, 15:40 · Direct link: en.kremlin.ru/d/760001</div></div>
<div class="footer"><p>All content on this site is licensed under Creative Commons Attribution 4.0 International</p></div></body></html>""",
        "http://en.kremlin.ru/events/president/news/760001",
        title="Talks with President of Guinea-Bissau",
        language="en",
        body=b,
        agency="Kremlin",
        dateline=None,
        published="2025-02-26",
        forbidden=["Publication status", "Direct link", "Creative Commons"],
        lead=lead,
    )

    # 9. Presidential site, Russian.
    lead = "Президент провёл переговоры с Президентом Республики Гвинея-Бисау, находящимся в России с официальным визитом."
    b = [
        "Переговоры начались в узком составе и продолжились с участием делегаций двух стран.",
        "Стороны обсудили торговлю, сотрудничество в сельском хозяйстве и рыболовстве, а также подготовку специалистов в российских вузах.",
        "По итогам переговоров президенты сделали заявления для прессы, был подписан ряд двусторонних документов.",
    ]
    add(
        "kremlin_ru.html",
        "Presidential press site, Russian: lead block, place line, no agency in the copy",
        f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Переговоры с Президентом Гвинеи-Бисау • Президент России</title>
<meta property="og:site_name" content="Президент России"></head><body>
<div class="header"><a>Президент</a><a>Новости</a><a>События</a><a>Документы</a></div>
<div class="read"><h1 class="entry-title p-name">Переговоры с Президентом Гвинеи-Бисау</h1>
<div class="read__meta"><time class="read__published" datetime="2025-02-26">26 февраля 2025 года</time>
<div class="read__time">15:40</div><div class="read__place p-location">Москва, Кремль</div></div>
<div class="read__lead entry-summary p-summary">{lead}</div>
<div class="entry-content e-content read__internal_content">{P(b)}</div>
<div class="read__bottommeta">Опубликован в разделе: Новости · Дата публикации: 26 февраля 2025 года, 15:40 · Ссылка на материал: kremlin.ru/d/760001</div></div>
<div class="footer"><p>Все материалы сайта доступны по лицензии Creative Commons Attribution 4.0 International</p></div></body></html>""",
        "http://kremlin.ru/events/president/news/760001",
        title="Переговоры с Президентом Гвинеи-Бисау",
        language="ru",
        body=b,
        agency="Kremlin",
        dateline=None,
        published="2025-02-26",
        forbidden=["Опубликован в разделе", "Ссылка на материал", "Creative Commons"],
        lead=lead,
    )

    # 10. Foreign ministry, Russian: a press release, date in its own element.
    b = [
        "5 июня состоялся телефонный разговор Министра иностранных дел Российской Федерации с Министром иностранных дел Республики Индонезии.",
        "Министры обсудили подготовку к очередному заседанию совместной комиссии по торгово-экономическому сотрудничеству, а также ситуацию в Юго-Восточной Азии.",
        "Стороны условились продолжить контакты на полях предстоящих многосторонних мероприятий.",
    ]
    add(
        "mid_ru.html",
        "Foreign ministry press release, Russian: date element, no dateline",
        f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>О телефонном разговоре Министра иностранных дел России с Министром иностранных дел Индонезии - Министерство иностранных дел Российской Федерации</title></head><body>
<div class="header"><a>Главная</a><a>Пресс-служба</a><a>Новости</a><a>Министр</a></div>
<div class="announcements"><h1>О телефонном разговоре Министра иностранных дел России с Министром иностранных дел Индонезии</h1>
<div class="date">05.06.2025 18:20</div>
<div class="text article-content">{P(b)}</div>
<div class="print">Версия для печати</div>
<div class="share">Поделиться</div></div>
<div class="footer"><p>© 2025 Министерство иностранных дел Российской Федерации</p></div></body></html>""",
        "https://mid.ru/ru/foreign_policy/news/2000001/",
        title="О телефонном разговоре Министра иностранных дел России с Министром иностранных дел Индонезии",
        language="ru",
        body=b,
        agency="Russian MFA",
        dateline=None,
        published="2025-06-05",
        forbidden=["Версия для печати", "Поделиться", "© 2025 Министерство"],
    )

    # 11. Foreign ministry, Chinese.
    b = [
        "2025年6月5日，外交部长同印度尼西亚外长通电话。",
        "外交部长表示，中方愿同印尼方一道，落实两国领导人达成的重要共识，推进共建“一带一路”合作，深化经贸、海洋和人文领域交流。",
        "印尼外长表示，印尼方重视对华关系，愿同中方加强多边协调。",
    ]
    add(
        "mfa_cn_zh.html",
        "Foreign ministry, Chinese: news body container, date paragraph, print/close links",
        f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>外交部长同印度尼西亚外长通电话_中华人民共和国外交部</title></head><body>
<div class="nav"><a>首页</a><a>外交部长</a><a>外交动态</a><a>发言人表态</a></div>
<div class="news-main"><div class="news-title"><h1>外交部长同印度尼西亚外长通电话</h1></div>
<p class="time"><span>2025-06-05 21:10</span></p>
<div id="News_Body_Txt_A" class="news-main">{P(b)}</div>
<div class="news-btn"><a>【打印】</a> <a>【关闭】</a></div></div>
<div class="footer"><p>中华人民共和国外交部 版权所有</p><p>京ICP备06013009号</p></div></body></html>""",
        "https://www.mfa.gov.cn/wjbzhd/202506/t20250605_1100001.shtml",
        title="外交部长同印度尼西亚外长通电话",
        language="zh",
        body=b,
        agency="Chinese MFA",
        dateline=None,
        published="2025-06-05",
        forbidden=["【打印】", "【关闭】", "版权所有", "京ICP备"],
    )

    # 12. Foreign ministry, English, on the older host.
    b = [
        "On June 5, 2025, the Foreign Minister held a phone call with Indonesian Foreign Minister.",
        "The Foreign Minister said China stands ready to work with Indonesia to implement the important common understandings reached by the two heads of state and to deepen cooperation in trade, maritime affairs and people-to-people exchanges.",
        "The Indonesian Foreign Minister said Indonesia attaches great importance to its relations with China and is willing to strengthen coordination in multilateral affairs.",
    ]
    add(
        "mfa_cn_en.html",
        "Foreign ministry, English: date paragraph, print/close links",
        f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Foreign Minister Holds Phone Call with Indonesian Foreign Minister</title></head><body>
<div class="nav"><a>Home</a><a>Ministry News</a><a>Spokesperson's Remarks</a></div>
<div class="content"><div class="title"><h1>Foreign Minister Holds Phone Call with Indonesian Foreign Minister</h1></div>
<p class="time">Updated: June 05, 2025 21:30</p>
<div class="content_text" id="News_Body_Txt_A">{P(b)}</div>
<div class="news-btn"><a>[Print]</a> <a>[Close]</a></div></div>
<div class="footer"><p>Copyright © Ministry of Foreign Affairs, the People's Republic of China</p></div></body></html>""",
        "https://www.fmprc.gov.cn/eng/wjbzhd/202506/t20250605_1100002.html",
        title="Foreign Minister Holds Phone Call with Indonesian Foreign Minister",
        language="en",
        body=b,
        agency="Chinese MFA",
        dateline=None,
        published="2025-06-05",
        forbidden=["[Print]", "[Close]", "Copyright ©"],
    )

    # 13. Government press office, Spanish: an "entradilla" lead block and a dateline.
    lead = "El jefe del Ejecutivo ha recibido al primer ministro de Portugal para preparar la próxima cumbre bilateral y revisar las conexiones ferroviarias entre ambos países."
    b = [
        "Madrid, 12 de marzo de 2025.- El presidente del Gobierno ha mantenido este miércoles una reunión de trabajo con el primer ministro portugués en el Palacio de la Moncloa.",
        "Ambos dirigentes han repasado el calendario de las obras de alta velocidad entre Madrid y Lisboa y la interconexión eléctrica a través de los Pirineos.",
        "La próxima cumbre hispano-portuguesa se celebrará en otoño en una ciudad fronteriza.",
    ]
    add(
        "moncloa_es.html",
        "Government press office, Spanish: entradilla lead block and an own-style dateline",
        f"""<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">
<title>La Moncloa. 12/03/2025. El presidente del Gobierno recibe al primer ministro de Portugal [Prensa/Actualidad/Presidente]</title>
<meta property="og:title" content="El presidente del Gobierno recibe al primer ministro de Portugal">
<meta name="DC.date" content="2025-03-12"></head><body>
<div class="menu"><a>Inicio</a><a>Presidente</a><a>Gobierno</a><a>Prensa</a></div>
<div class="content"><h1>El presidente del Gobierno recibe al primer ministro de Portugal</h1>
<div class="fecha">miércoles 12 de marzo de 2025</div>
<div class="entradilla">{lead}</div>
<div class="cuerpo">{P(b)}</div>
<div class="compartir">Compartir: Twitter Facebook Linkedin</div></div>
<div class="footer"><p>Gobierno de España. Aviso legal. Accesibilidad. Mapa web.</p></div></body></html>""",
        "https://www.lamoncloa.gob.es/presidente/actividades/Paginas/2025/120325-portugal.aspx",
        title="El presidente del Gobierno recibe al primer ministro de Portugal",
        language="es",
        body=b,
        agency="La Moncloa",
        dateline="Madrid",
        published="2025-03-12",
        forbidden=["Compartir: Twitter", "Aviso legal"],
        lead=lead,
    )

    # 14. Presidential press service, Russian (Belarus): a lead paragraph in its own
    # block, the press service credited in a source line at the end.
    lead = "Президент Беларуси провел переговоры с губернатором российского региона, стороны обсудили кооперацию в машиностроении."
    b = [
        "Глава государства отметил, что товарооборот с областью за прошлый год вырос почти на пятую часть, а ряд совместных проектов по выпуску сельхозтехники уже вышел на проектную мощность.",
        "Губернатор пригласил белорусские предприятия к участию в строительстве жилья и дорог в регионе.",
        "Стороны договорились подготовить дорожную карту сотрудничества до конца года.",
    ]
    add(
        "president_by_ru.html",
        "Presidential press service, Russian: lead block, no dateline, dated by a time element",
        f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Переговоры с губернатором российского региона | Официальный Интернет-портал Президента Республики Беларусь</title></head><body>
<div class="nav"><a>Президент</a><a>События</a><a>Пресс-служба</a></div>
<article><h1>Переговоры с губернатором российского региона</h1>
<time datetime="2025-04-17T12:30">17 апреля 2025</time>
<div class="news-lead">{lead}</div>
<div class="news-body">{P(b)}</div>
<div class="share">Поделиться: VK Telegram</div></article>
<div class="footer"><p>© 2025 Пресс-служба Президента Республики Беларусь. При использовании материалов ссылка обязательна.</p></div></body></html>""",
        "https://president.gov.by/ru/events/peregovory-s-gubernatorom-2025",
        title="Переговоры с губернатором российского региона",
        language="ru",
        body=b,
        agency="Belarus Presidency",
        dateline=None,
        published="2025-04-17",
        forbidden=["Поделиться", "ссылка обязательна"],
        lead=lead,
    )

    # 15. Presidential press office, French: "chapô" lead and a photo caption in a figure.
    lead = "Le président de la République a reçu le président du Sénégal pour un déjeuner de travail consacré à la coopération économique et à la sécurité au Sahel."
    b = [
        "Les deux chefs d'État ont évoqué le financement de projets d'infrastructures, notamment dans l'énergie solaire et le transport urbain.",
        "Ils sont également convenus de renforcer les échanges universitaires et de faciliter la délivrance de visas pour les étudiants.",
        "Un nouveau dialogue de haut niveau réunira les deux gouvernements avant la fin de l'année.",
    ]
    cap = (
        "Le président de la République accueille son homologue sénégalais sur le perron du palais."
    )
    add(
        "elysee_fr.html",
        "Presidential press office, French: chapo lead block and a figure caption",
        f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Entretien avec le président de la République du Sénégal | Élysée</title>
<meta property="og:site_name" content="Élysée"></head><body>
<div class="menu"><a>Accueil</a><a>Le Président</a><a>Actualités</a><a>Dossiers</a></div>
<main><h1>Entretien avec le président de la République du Sénégal</h1>
<p class="date"><time datetime="2025-01-22">22 janvier 2025</time></p>
<div class="chapo">{lead}</div>
<div class="article-body"><p>{b[0]}</p>
<figure><img src="/photo.jpg"><figcaption>{cap}</figcaption></figure>
<p>{b[1]}</p><p>{b[2]}</p></div>
<div class="partager">Partager sur Facebook Twitter</div></main>
<footer><p>Mentions légales · Données personnelles · Accessibilité</p></footer></body></html>""",
        "https://www.elysee.fr/emmanuel-macron/2025/01/22/entretien-senegal",
        title="Entretien avec le président de la République du Sénégal",
        language="fr",
        body=b,
        agency="Élysée",
        dateline=None,
        published="2025-01-22",
        forbidden=["Partager sur", "Mentions légales"],
        lead=lead,
        captions=[cap],
    )

    # 16. Foreign ministry, Korean: press release with the spokesperson's office as source.
    b = [
        "외교부 장관은 6월 10일 오후 방한 중인 필리핀 외교장관과 회담을 갖고 양국 간 교역, 해양 협력, 재외국민 보호 문제를 논의하였다.",
        "양측은 내년 수교 기념 행사를 계기로 인적 교류를 확대하기로 하였다.",
        "장관은 필리핀 내 우리 기업의 활동에 대한 지원을 요청하였다.",
    ]
    add(
        "mofa_kr_ko.html",
        "Foreign ministry press release, Korean: date row, attachment and print furniture",
        f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>한-필리핀 외교장관회담 개최 | 외교부</title></head><body>
<div class="gnb"><a>외교부</a><a>보도자료</a><a>브리핑</a></div>
<div class="board_view"><h1>한-필리핀 외교장관회담 개최</h1>
<div class="view_info"><span>작성일 2025-06-10</span> <span>담당부서 아세안국</span></div>
<div class="board_con">{P(b)}</div>
<div class="file">첨부파일: 보도자료.hwp</div>
<div class="print">인쇄하기</div></div>
<div class="footer"><p>Copyright © Ministry of Foreign Affairs, Republic of Korea. All rights reserved.</p></div></body></html>""",
        "https://www.mofa.go.kr/www/brd/m_4080/view.do?seq=370001",
        title="한-필리핀 외교장관회담 개최",
        language="ko",
        body=b,
        agency="Korean MFA",
        dateline=None,
        published="2025-06-10",
        forbidden=["첨부파일", "인쇄하기", "All rights reserved"],
    )

    # Part two, written after the first fixes as a check on unseen layouts (first
    # score on these six: F1 0.907, one caption of three in the text, one date
    # of six missed); kept in the batch.
    layouts = LAYOUTS_TWO

    def add2(
        name: str,
        html: str,
        url: str,
        title: str,
        language: str,
        body: list[str],
        agency: str,
        dateline: str | None,
        published: str,
        forbidden: list[str],
        captions: list[str] | tuple[str, ...] = (),
        lead: str | None = None,
    ) -> None:
        add(
            name,
            layouts[name],
            html,
            url,
            title=title,
            language=language,
            body=body,
            agency=agency,
            dateline=dateline,
            published=published,
            forbidden=forbidden,
            captions=list(captions),
            lead=lead,
        )

    b = [
        "新华社乌鲁木齐5月9日电（记者张强）新疆首条跨境冷链物流专线9日在乌鲁木齐开通，首批货物为来自中亚的水果和乳制品。",
        "据介绍，专线全程约2200公里，全程温控运输，比以往缩短运输时间两天。",
        "当地商务部门表示，今年将再开通两条冷链专线。",
    ]
    caps = ["5月9日，一辆冷链运输车从乌鲁木齐国际陆港区驶出。新华社发（李明摄）"]
    add2(
        "xh_zh2.html",
        f"""<html><head><meta charset="utf-8"><title>新疆开通首条跨境冷链物流专线-新华网</title><meta name="publishdate" content="2025-05-09 18:00:00"></head><body>
    <div class="nav"><a>首页</a><a>地方</a></div><h1>新疆开通首条跨境冷链物流专线</h1><div class="source">来源：新华网</div>
    <div id="detail"><p>{b[0]}</p><p><img src="a.jpg"></p><p>{caps[0]}</p><p>{b[1]}</p><p>{b[2]}</p></div>
    <div class="editor">【责任编辑:王芳】</div></body></html>""",
        "http://www.news.cn/local/20250509/abc/c.html",
        "新疆开通首条跨境冷链物流专线",
        "zh",
        b,
        "Xinhua",
        "乌鲁木齐",
        "2025-05-09",
        ["责任编辑"],
        caps,
    )

    b = [
        "ASTANA, March 14 (Xinhua) -- Kazakhstan will launch a national program to modernize its irrigation canals this year, the Ministry of Water Resources said on Friday.",
        "The program covers about 3,000 km of canals in the country's southern regions, where most of the irrigated farmland is located.",
        "Officials said water losses in the old canals reach up to 40 percent.",
    ]
    caps = [
        "Farmers work in a field near Turkistan, Kazakhstan, on March 13, 2025. (Photo by Arman Sadykov/Xinhua)",
        "A file photo shows an irrigation canal in southern Kazakhstan.",
    ]
    add2(
        "xh_en2.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>Kazakhstan to modernize irrigation canals-Xinhua</title><meta name="publishdate" content="2025-03-14 20:10:00"></head><body>
    <div class="nav">Home | World | Asia-Pacific</div><h1>Kazakhstan to modernize irrigation canals</h1><div class="info">Source: Xinhua | 2025-03-14 20:10:00</div>
    <div id="detailContent"><p>{b[0]}</p><p style="text-align:center"><img src="x.jpg"></p><p style="text-align:center">{caps[0]}</p><p>{b[1]}</p><div class="pic"><img src="y.jpg"></div><p style="text-align: center">{caps[1]}</p><p>{b[2]}</p></div>
    <div class="share">Share it with a friend</div></body></html>""",
        "https://english.news.cn/asiapacific/20250314/x/c.html",
        "Kazakhstan to modernize irrigation canals",
        "en",
        b,
        "Xinhua",
        "ASTANA",
        "2025-03-14",
        ["Share it with a friend", "Source: Xinhua"],
        caps,
    )

    lead = "Президент Казахстана принял министра иностранных дел Азербайджана и обсудил с ним транспортный коридор через Каспийское море."
    b = [
        "Глава государства отметил, что объем перевозок по Транскаспийскому маршруту за прошлый год вырос в полтора раза.",
        "Министр передал Президенту приветствие от лидера Азербайджана и приглашение посетить Баку с государственным визитом.",
        "Стороны также обсудили подготовку заседания межправительственной комиссии.",
    ]
    add2(
        "akorda_ru.html",
        f"""<html lang="ru"><head><meta charset="utf-8"><title>Глава государства принял министра иностранных дел Азербайджана — Официальный сайт Президента Республики Казахстан</title></head><body>
    <nav><a>Президент</a><a>События</a></nav><div class="content"><h1>Глава государства принял министра иностранных дел Азербайджана</h1><div class="news-date">12 февраля 2025 года</div>
    <div class="news-lead">{lead}</div><div class="news-text">{P(b)}</div><div class="share">Поделиться</div></div></body></html>""",
        "https://www.akorda.kz/ru/glava-gosudarstva-prinyal-ministra-12020525",
        "Глава государства принял министра иностранных дел Азербайджана",
        "ru",
        b,
        "Akorda",
        None,
        "2025-02-12",
        ["Поделиться"],
        lead=lead,
    )

    lead = "Russia and Vietnam discussed the construction of a nuclear research centre and supplies of fertilisers, the Russian Foreign Ministry said."
    b = [
        "MOSCOW, March 20. /TASS/. Russian Deputy Foreign Minister held consultations with Vietnamese Deputy Foreign Minister in Moscow on Thursday, the Russian diplomatic agency said.",
        "The sides exchanged views on the situation in the Asia-Pacific region and on cooperation within ASEAN-led formats.",
        "They agreed to hold the next round of consultations in Hanoi.",
    ]
    add2(
        "tass_en2.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>Russia, Vietnam discuss nuclear research centre - Russian Politics &amp; Diplomacy - TASS</title>
    <meta property="article:published_time" content="2025-03-20T18:02:00+03:00"></head><body><div class="menu">World Business</div>
    <article><header><h1>Russia, Vietnam discuss nuclear research centre</h1><p class="article__lead">{lead}</p></header>
    <div class="article__text">{P(b)}</div></article><div class="tags">Tags: Vietnam</div><footer>TASS Russian News Agency</footer></body></html>""",
        "https://tass.com/politics/1940001",
        "Russia, Vietnam discuss nuclear research centre",
        "en",
        b,
        "TASS",
        "MOSCOW",
        "2025-03-20",
        ["Tags: Vietnam", "TASS Russian News Agency"],
        lead=lead,
    )

    b = [
        "On 21 March 2025, Foreign Minister held talks with the Foreign Minister of Mongolia in Beijing.",
        "The two sides agreed to advance the China-Mongolia-Russia economic corridor and to speed up the upgrading of border ports.",
        "The Mongolian Foreign Minister said Mongolia is ready to deepen cooperation in mining, energy and animal husbandry.",
    ]
    add2(
        "mfa_cn_en2.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>Foreign Minister Holds Talks with Mongolian Foreign Minister</title><meta name="og:site_name" content="Ministry of Foreign Affairs of the People's Republic of China"></head><body>
    <div class="nav">Home | Ministry News</div><h1>Foreign Minister Holds Talks with Mongolian Foreign Minister</h1><p class="time">Updated: March 21, 2025 22:05</p>
    <div id="News_Body_Txt_A">{P(b)}</div><div class="news-btn">[Print] [Close]</div></body></html>""",
        "https://www.mfa.gov.cn/eng/xw/zyxw/202503/t20250321_1.html",
        "Foreign Minister Holds Talks with Mongolian Foreign Minister",
        "en",
        b,
        "Chinese MFA",
        None,
        "2025-03-21",
        ["[Print]"],
    )

    lead = "Le ministre a rappelé l'attachement de la France à la liberté de navigation et au droit international de la mer."
    b = [
        "Paris, le 4 février 2025 – Le ministre de l'Europe et des Affaires étrangères s'est entretenu ce mardi avec son homologue philippin.",
        "Les deux ministres ont évoqué la coopération maritime, la formation des garde-côtes et les échanges universitaires.",
        "Ils sont convenus de se revoir lors de la prochaine réunion ministérielle de l'ASEAN.",
    ]
    add2(
        "mfa_fr.html",
        f"""<html lang="fr"><head><meta charset="utf-8"><title>Entretien avec le ministre philippin des Affaires étrangères - Ministère de l'Europe et des Affaires étrangères</title></head><body>
    <nav>Accueil Politique étrangère</nav><main><h1>Entretien avec le ministre philippin des Affaires étrangères</h1><div class="chapeau">{lead}</div>
    <div class="texte">{P(b)}</div><div class="partage">Partager</div></main></body></html>""",
        "https://www.diplomatie.gouv.fr/fr/actualites/entretien-philippines-2025",
        "Entretien avec le ministre philippin des Affaires étrangères",
        "fr",
        b,
        "French MFA",
        "Paris",
        "2025-02-04",
        ["Partager"],
        lead=lead,
    )
    return pages


def main() -> None:
    """Rebuild ``pages/`` and ``labels.json`` next to this file."""
    out = HERE / "pages"
    out.mkdir(exist_ok=True)
    labels = build(out)
    (HERE / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
