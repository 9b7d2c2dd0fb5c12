"""Hand-written agency-style pages in layouts the templates of ``generate.py`` do not use.

They were first written as a held-out check (other agencies, other byline and
dateline styles: Kazinform, Interfax, Global Times, People's Daily, Jiji,
Bernama, CGTN, a Reuters copy on a local site...) and are kept in the set.
Original writing, fictional events.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def build(out: Path) -> dict[str, dict[str, Any]]:
    """Write the pages into ``out`` and return their labels (keyed by file name)."""
    pages: dict[str, dict[str, Any]] = {}

    def add(
        name: str,
        html: str,
        enc: str,
        url: str | None,
        agency: str,
        dateline: str | None,
        published: str,
        text: str,
        forbidden: list[str],
    ) -> None:
        name = "h-" + name
        (out / name).write_bytes(html.encode(enc))
        pages[name] = {
            "file": f"pages/{name}",
            "url": url,
            "encoding": enc,
            "agency": agency,
            "dateline": dateline,
            "published": published,
            "text": text,
            "forbidden": forbidden,
        }

    def P(ps: list[str]) -> str:  # noqa: N802
        return "".join(f"<p>{p}</p>" for p in ps)

    p1 = [
        "Kazakh President Kassym-Jomart Tokayev received the visiting Prime Minister of Pakistan in Astana on Thursday to discuss transit trade through Afghanistan.",
        "The two sides agreed to draft a road map on a railway corridor and to increase direct flights between the capitals, the Akorda press service said.",
        "Tokayev noted that trade between the two countries remained modest and called for new joint ventures in textiles and pharmaceuticals.",
    ]
    add(
        "kazinform.html",
        f"""<html><head><meta charset="utf-8"><title>Tokayev receives Pakistani Prime Minister - Kazinform</title>
    <meta name="description" content="Short summary here"></head><body>
    <header><ul><li>Politics</li><li>Economy</li><li>Society</li></ul></header>
    <div class="article"><h1>Tokayev receives Pakistani Prime Minister</h1>
    <div class="article__meta"><span class="article__date">14:25, 07 March 2024</span> <span>Author: Aigerim Sadykova</span></div>
    <div class="article__body"><p>ASTANA. KAZINFORM - {p1[0]}</p><p>{p1[1]}</p><p>{p1[2]}</p></div>
    <div class="article__tags">Tags: Politics, President</div>
    <div class="article__share">Share on social networks</div>
    </div><footer><p>© 1997-2024 Kazinform International News Agency. All rights reserved.</p></footer></body></html>""",
        "utf-8",
        "https://www.inform.kz/en/tokayev-receives-pakistani-pm_a1234",
        "Kazinform",
        "ASTANA",
        "2024-03-07",
        "\n\n".join(["ASTANA. KAZINFORM - " + p1[0]] + p1[1:]),
        [
            "Tags: Politics, President",
            "Share on social networks",
            "Kazinform International News Agency",
        ],
    )

    p2 = [
        "Премьер-министр России провел телефонный разговор с премьер-министром Армении, стороны обсудили поставки энергоносителей и работу пограничных пунктов пропуска.",
        "Как сообщили в аппарате правительства, собеседники также затронули подготовку к заседанию межправительственной комиссии.",
        "Стороны договорились о новых контактах в ближайшее время.",
    ]
    add(
        "interfax_ru.html",
        f"""<html><head><meta charset="windows-1251"><title>Мишустин и Пашинян обсудили по телефону поставки энергоносителей - Интерфакс</title></head><body>
    <div class="menu"><a>Главная</a><a>В России</a><a>В мире</a></div>
    <article><h1>Мишустин и Пашинян обсудили по телефону поставки энергоносителей</h1>
    <div class="timeline"><time datetime="2024-02-12T16:40">12 февраля 2024 16:40</time></div>
    <p>Москва. 12 февраля. INTERFAX.RU - {p2[0]}</p><p>{p2[1]}</p><p>{p2[2]}</p>
    <div class="textMLink">Читайте также</div><p>Правительство продлило льготы для аграриев</p>
    </article><footer><p>Все права на материалы сайта принадлежат АО «Интерфакс». Все права защищены.</p></footer></body></html>""",
        "windows-1251",
        "https://www.interfax.ru/russia/950001",
        "Interfax",
        "Москва",
        "2024-02-12",
        "\n\n".join(["Москва. 12 февраля. INTERFAX.RU - " + p2[0]] + p2[1:]),
        ["Правительство продлило льготы для аграриев", "Все права на материалы сайта"],
    )

    p3 = [
        "Chinese Premier Li Qiang held talks with visiting Spanish Prime Minister Pedro Sanchez in Beijing on Friday, with both sides pledging to expand two-way investment.",
        "Li said China welcomes more high-quality Spanish agricultural products and hopes Spain will provide a fair business environment for Chinese companies.",
        "Sanchez said Spain is ready to strengthen cooperation in new energy, tourism and culture.",
    ]
    add(
        "gt.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>Chinese premier holds talks with Spanish PM - Global Times</title>
    <meta property="article:published_time" content="2024-09-13 21:03:00"></head><body>
    <div class="nav">China | Source | Opinion | In-Depth | World</div>
    <div class="article_title">Chinese premier holds talks with Spanish PM</div>
    <div class="author_share"><span class="byline">Source: Xinhua</span> <span class="pub_time">Published: Sep 13, 2024 09:03 PM</span></div>
    <div class="article_content"><div class="article_right"><p>{p3[0]}</p><p>{p3[1]}</p><p>{p3[2]}</p></div>
    <div class="pic_desc">Photo: Xinhua</div></div>
    <div class="related_title">RELATED ARTICLES</div><div class="related"><a>China, Spain vow closer trade ties</a></div>
    <footer><p>Copyright by Global Times Online. All Rights Reserved</p><p>京ICP备10204081号</p></footer></body></html>""",
        "utf-8",
        "https://www.globaltimes.cn/page/202409/1319000.shtml",
        "Xinhua",
        None,
        "2024-09-13",
        "\n\n".join(p3),
        [
            "RELATED ARTICLES",
            "China, Spain vow closer trade ties",
            "Copyright by Global Times",
            "Photo: Xinhua",
            "Published: Sep 13",
        ],
    )

    p4 = [
        "国家主席习近平12日在人民大会堂同来访的塞尔维亚总统举行会谈。两国元首一致同意，推动双边关系迈上新台阶。",
        "双方同意加强基础设施、能源、科技等领域合作，扩大人文交流。",
        "会谈后，两国元首共同见证签署多项双边合作文件。",
    ]
    add(
        "people_zh.html",
        f"""<html><head><meta charset="gb2312"><title>习近平同塞尔维亚总统举行会谈--时政--人民网</title></head><body>
    <div class="nav"><a>首页</a><a>时政</a><a>国际</a></div>
    <h1>习近平同塞尔维亚总统举行会谈</h1>
    <div class="col-1-1">2024年05月12日20:31 | 来源：人民网－人民日报</div>
    <div class="rm_txt_con"><p>本报北京5月12日电（记者李明）{p4[0]}</p><p>{p4[1]}</p><p>{p4[2]}</p>
    <p class="edit">(责编：王华、刘青)</p></div>
    <div class="foot">人民日报社概况 | 关于人民网 | 报社招聘 | 招聘英才 | 广告服务 | 合作加盟 | 供稿服务 | 数据服务 | 网站声明 | 网站律师</div>
    <p>人民网版权所有，未经书面授权禁止使用</p></body></html>""",
        "gb2312",
        "http://politics.people.com.cn/n1/2024/0512/c1024-400.html",
        "People's Daily",
        "北京",
        "2024-05-12",
        "\n\n".join(["本报北京5月12日电（记者李明）" + p4[0]] + p4[1:]),
        ["(责编：王华、刘青)", "人民网版权所有", "网站律师", "来源：人民网"],
    )

    p5 = [
        "Japan and Vietnam agreed on Tuesday to upgrade their ties and to cooperate on semiconductors, as the leaders of the two countries met in Hanoi.",
        "The two leaders also discussed maritime security and confirmed plans for a joint exercise of their coast guards next year.",
        "The meeting came as Tokyo seeks closer relations with Southeast Asian nations.",
    ]
    add(
        "jiji.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>Japan, Vietnam Agree to Upgrade Ties | JIJI PRESS</title></head><body>
    <nav>Politics Economy Society International</nav>
    <article><h1>Japan, Vietnam Agree to Upgrade Ties</h1><p class="date">2024-11-26 18:44</p>
    <div class="ArticleText"><p>Hanoi, Nov. 26 (Jiji Press)--{p5[0]}</p><p>{p5[1]}</p><p>{p5[2]}</p></div>
    <div class="follow">Follow us on X for the latest news from Japan</div></article>
    <footer>Copyright (C) 2024 JIJI PRESS LTD. All rights reserved.</footer></body></html>""",
        "utf-8",
        "https://jen.jiji.com/jc/eng?g=eco&k=2024112600777",
        "Jiji",
        "Hanoi",
        "2024-11-26",
        "\n\n".join(["Hanoi, Nov. 26 (Jiji Press)--" + p5[0]] + p5[1:]),
        ["Follow us on X", "JIJI PRESS LTD"],
    )

    p6 = [
        "Malaysia and Indonesia have agreed to speed up the demarcation of their land border on Borneo island, the Foreign Ministry said in a statement today.",
        "The agreement was reached during a meeting between the foreign ministers of the two countries, who also discussed palm oil trade and the protection of migrant workers.",
        "Both ministers said they hoped the remaining border segments would be settled within two years.",
    ]
    add(
        "bernama.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>Malaysia, Indonesia to speed up border demarcation</title>
    <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2024-08-05T15:12:00+08:00","headline":"Malaysia, Indonesia to speed up border demarcation"}}</script></head><body>
    <div class="menu">General Business Politics Sports World</div>
    <h1>Malaysia, Indonesia to speed up border demarcation</h1><div class="text-secondary">05/08/2024 03:12 PM</div>
    <div id="story"><p>PUTRAJAYA, Aug 5 (Bernama) -- {p6[0]}</p><p>{p6[1]}</p><p>{p6[2]}</p><p>-- BERNAMA</p></div>
    <div class="share">Share: Facebook Twitter WhatsApp</div><div>BERNAMA provides up-to-date authentic and comprehensive news and information which are disseminated via BERNAMA Wires; www.bernama.com; BERNAMA TV on Astro 502, unifi TV 631 and MYTV 121 channels and BERNAMA Radio on FM93.9 (Klang Valley), FM107.5 (Johor Bahru), FM107.9 (Kota Kinabalu) and FM100.9 (Kuching) frequencies.</div>
    <div>Follow us on social media : Facebook : @bernamaofficial, Twitter : @bernama.com, @BernamaTV, @bernamaradio</div>
    </body></html>""",
        "utf-8",
        "https://www.bernama.com/en/news.php?id=2300000",
        "Bernama",
        "PUTRAJAYA",
        "2024-08-05",
        "\n\n".join(["PUTRAJAYA, Aug 5 (Bernama) -- " + p6[0]] + p6[1:]),
        [
            "-- BERNAMA",
            "Share: Facebook",
            "BERNAMA provides up-to-date",
            "Follow us on social media",
        ],
    )

    p7 = [
        "Dışişleri Bakanı, Mısırlı mevkidaşıyla Kahire'de bir araya gelerek bölgesel gelişmeleri ve ikili ticareti görüştü.",
        "Görüşmede iki ülke arasındaki doğrudan uçuşların artırılması ve enerji alanında işbirliği ele alındı.",
        "Bakanlar, yıl sonuna kadar yeniden bir araya gelme kararı aldı.",
    ]
    add(
        "aa_tr2.html",
        f"""<html lang="tr"><head><meta charset="windows-1254"><title>Dışişleri Bakanı Kahire'de mevkidaşıyla görüştü</title></head><body>
    <div class="menu">Gündem Dünya Ekonomi</div>
    <div class="detay-icerik"><h1>Dışişleri Bakanı Kahire'de mevkidaşıyla görüştü</h1>
    <span class="tarih">03.09.2024 - Güncelleme : 03.09.2024</span>
    <p>KAHİRE (AA) - {p7[0]}</p><p>{p7[1]}</p><p>{p7[2]}</p>
    <p>Anadolu Ajansı web sitesinde, AA Haber Akış Sistemi (HAS) üzerinden abonelere sunulan haberler, özetlenerek yayımlanmaktadır. Abonelik için lütfen iletişime geçiniz.</p></div></body></html>""",
        "windows-1254",
        "https://www.aa.com.tr/tr/dunya/x/3300000",
        "Anadolu",
        "KAHİRE",
        "2024-09-03",
        "\n\n".join(["KAHİRE (AA) - " + p7[0]] + p7[1:]),
        ["Anadolu Ajansı web sitesinde", "Güncelleme"],
    )

    p8 = [
        "Russian President Vladimir Putin held talks with the President of the United Arab Emirates in the Kremlin on Thursday, discussing trade, energy and the situation in the Middle East.",
        "The leaders noted that trade between the two countries had grown by a third over the past year, Kremlin aide Yuri Ushakov told reporters after the meeting.",
        "Putin also thanked his guest for mediation efforts in humanitarian matters.",
    ]
    add(
        "cgtn.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>Putin, UAE president hold talks in Moscow - CGTN</title>
    <meta name="description" content="summary"></head><body><div class="header">Home China World Business Opinion</div>
    <h1 class="news-title">Putin, UAE president hold talks in Moscow</h1>
    <div class="news-author-time"><span class="news-author">CGTN</span> <span class="date">Updated 21:37, 10-Oct-2024</span></div>
    <div class="news-content"><div class="text"><p>{p8[0]}</p><p>{p8[1]}</p><p>{p8[2]}</p><p>(With input from Reuters)</p></div>
    <div class="image-caption">Russian President Vladimir Putin meets with the UAE president at the Kremlin in Moscow, Russia, October 10, 2024. /Reuters</div></div>
    <div class="share">Share this story</div></body></html>""",
        "utf-8",
        "https://news.cgtn.com/news/2024-10-10/Putin-UAE-talks/index.html",
        "CGTN",
        None,
        "2024-10-10",
        "\n\n".join(p8),
        ["(With input from Reuters)", "Share this story", "/Reuters", "Updated 21:37"],
    )
    a = [
        "BEIJING, May 1 (Xinhua) -- China and Brazil on Wednesday agreed to set up a working group on satellite data sharing to monitor deforestation and crop yields, the China National Space Administration said.",
        "The group will meet twice a year and coordinate the use of images from jointly developed Earth observation satellites, according to the administration.",
        "Officials from both sides said the data would also help disaster relief agencies respond to floods in southern Brazil.",
    ]
    add(
        "xh2.html",
        f"""<!doctype html><html><head><meta charset="utf-8"><title>China, Brazil to share satellite data on deforestation - Xinhua</title></head>
    <body><div class="header"><a>Home</a> <a>China</a> <a>World</a></div><div class="head-line"><h1><span class="title">China, Brazil to share satellite data on deforestation</span></h1></div>
    <div class="detail"><div id="detailContent">{P(a)}</div>
    <div class="editor">Source: Xinhua | Editor: huaxia | 2024-05-01 10:20:33</div></div>
    <div class="tj"><h2>Recommended</h2><ul><li>Chinese scientists map glacier retreat with new radar</li></ul></div>
    <div class="foot">Copyright © 2000-2024 XINHUANET.com All rights reserved. Powered by Xinhua</div></body></html>""",
        "utf-8",
        "https://english.news.cn/20240501/aa/c.html",
        "Xinhua",
        "BEIJING",
        "2024-05-01",
        "\n\n".join(a),
        ["Editor: huaxia", "Chinese scientists map glacier", "XINHUANET.com"],
    )

    b = [
        "China and Russia will expand cooperation in agricultural trade and cross-border logistics, officials from both countries said at a forum in Harbin on Tuesday.",
        "Soybean and wheat shipments across the border have risen steadily as new grain terminals opened in Heilongjiang, according to provincial data.",
        "Participants also discussed cold-chain transport for seafood and the digitalization of customs procedures.",
    ]
    add(
        "cd2.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>China, Russia deepen farm trade cooperation - Chinadaily.com.cn</title></head>
    <body><div class="topNav2_art"><a>China</a><a>World</a><a>Business</a></div>
    <div class="da-bre"><a>Home</a>&gt;<a>China</a>&gt;<a>Society</a></div>
    <h1>China, Russia deepen farm trade cooperation</h1>
    <p class="data">By ZHANG YI in Harbin and LI MENG in Moscow | China Daily | Updated: 2024-05-08 07:12</p>
    <div id="Content">{P(b)}</div>
    <div class="tags">Related Stories</div><ul><li><a>Harbin trade fair draws record exhibitors</a></li></ul>
    <div class="foot"><p>Copyright 1995 - 2024. All rights reserved. The content (including but not limited to text, photo, multimedia information, etc) published in this site belongs to China Daily Information Co (CDIC).</p></div></body></html>""",
        "utf-8",
        "https://www.chinadaily.com.cn/a/202405/08/WS663ab.html",
        "China Daily",
        None,
        "2024-05-08",
        "\n\n".join(b),
        ["ZHANG YI", "Harbin trade fair draws", "Copyright 1995"],
    )

    c = [
        "МОСКВА, 8 мая. /ТАСС/. Президент России провел в Кремле переговоры с президентом Лаоса, стороны обсудили развитие торгово-экономических связей и подготовку новых соглашений.",
        "По словам российского лидера, товарооборот между двумя странами за прошлый год вырос почти в полтора раза.",
        "Глава Лаоса поблагодарил российскую сторону за помощь в подготовке специалистов.",
    ]
    add(
        "tass_ru2.html",
        f"""<html lang="ru"><head><meta charset="utf-8"><title>Путин провел переговоры с президентом Лаоса - ТАСС</title>
    <script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"2024-05-08T14:02:11+03:00","dateModified":"2024-05-08T15:30:00+03:00"}}</script></head>
    <body><nav><a>Политика</a><a>Экономика</a></nav><article><h1>Путин провел переговоры с президентом Лаоса</h1>
    <div class="Content">{P(c)}<p>Больше новостей в Telegram-канале ТАСС</p></div></article>
    <footer><p>Сетевое издание ТАСС зарегистрировано в Федеральной службе по надзору в сфере связи. Свидетельство о регистрации СМИ Эл № ФС77-12345</p></footer></body></html>""",
        "utf-8",
        "https://tass.ru/politika/20700000",
        "TASS",
        "МОСКВА",
        "2024-05-08",
        "\n\n".join(c),
        ["Больше новостей в Telegram", "Свидетельство о регистрации"],
    )

    d = [
        "(베이징=연합뉴스) 홍길동 특파원 = 한국과 중국 외교장관이 8일 베이징에서 회담을 갖고 양국 간 고위급 교류를 활성화하기로 합의했다.",
        "양측은 또 공급망 안정과 인적 교류 확대를 위한 협의체를 조속히 가동하기로 했다고 외교부가 전했다.",
        "이번 회담은 약 두 시간 동안 진행됐다.",
    ]
    add(
        "yna_ko2.html",
        f"""<html lang="ko"><head><meta charset="euc-kr"><title>한중 외교장관 베이징서 회담 | 연합뉴스</title></head>
    <body><div class="gnb"><a>정치</a><a>경제</a></div><h1 class="tit">한중 외교장관 베이징서 회담…고위급 교류 활성화 합의</h1>
    <div class="article-wrap">{P(d)}<p>gildong@yna.co.kr</p><p>&lt;저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지&gt;</p><p>2024/05/08 11:20 송고</p></div>
    <div class="aside"><strong>많이 본 뉴스</strong><ul><li>내일 전국에 비 소식</li></ul></div></body></html>""",
        "euc-kr",
        "https://www.yna.co.kr/view/AKR20240508055100083",
        "Yonhap",
        "베이징",
        "2024-05-08",
        "\n\n".join(d),
        ["gildong@yna.co.kr", "무단 전재", "송고"],
    )

    e = [
        "LONDON (Reuters) - British and Norwegian energy ministers signed an agreement on Thursday to develop a subsea carbon storage network in the North Sea, their governments said.",
        "The deal sets common rules for shipping captured carbon dioxide across the maritime border and for monitoring storage sites.",
        "Industry groups welcomed the agreement, saying it would give investors more certainty about cross-border projects.",
    ]
    add(
        "reuters_local.html",
        f"""<html lang="en-GB"><head><meta charset="utf-8"><title>Britain, Norway sign North Sea carbon storage pact | Northern Herald</title>
    <meta property="og:site_name" content="Northern Herald"><meta property="article:published_time" content="2024-04-18T12:40:00Z"></head>
    <body><header><a>News</a><a>Business</a><a>Sport</a></header><main><h1>Britain, Norway sign North Sea carbon storage pact</h1><p class="byline">By Jane Marsh</p>
    <div class="article-body">{P(e)}<p>(Reporting by Jane Marsh; Editing by Tom Hale)</p></div>
    <div class="newsletter">Sign up to our daily business newsletter</div></main>
    <footer>© Northern Herald 2024</footer></body></html>""",
        "utf-8",
        "https://www.northernherald.example/business/carbon-pact",
        "Reuters",
        "LONDON",
        "2024-04-18",
        "\n\n".join(e),
        ["Reporting by Jane Marsh", "Sign up to our daily", "By Jane Marsh"],
    )

    f = [
        "中新网北京5月8日电 (记者 张伟)中国商务部8日表示，将进一步扩大与东盟国家的数字贸易合作，推动跨境电商健康发展。",
        "商务部有关负责人介绍，今年以来，中国与东盟跨境电商交易额保持较快增长。",
        "下一步，双方将在数字支付、物流追踪等领域加强规则对接。",
    ]
    add(
        "cns2.html",
        f"""<html><head><meta charset="utf-8"><title>商务部：扩大与东盟数字贸易合作-中新网</title></head>
    <body><div class="nav"><a>首页</a><a>财经</a></div><h1>商务部：扩大与东盟数字贸易合作</h1>
    <div class="content_left_time">2024年05月08日 16:45　来源：中国新闻网</div>
    <div class="left_zw">{P(f)}<p>【编辑:刘阳】</p></div><div>更多精彩内容请进入中新网</div></body></html>""",
        "utf-8",
        "https://www.chinanews.com.cn/cj/2024/05-08/100.shtml",
        "China News Service",
        "北京",
        "2024-05-08",
        "\n\n".join(f),
        ["【编辑:刘阳】", "来源：中国新闻网", "更多精彩内容"],
    )

    g = [
        "【ワシントン時事】米国と日本の外相は7日、ワシントンで会談し、経済安全保障分野での協力を強化することで一致した。",
        "両外相は重要鉱物の供給網強化に向けた新たな枠組みについても意見を交わした。",
        "会談は約1時間行われた。",
    ]
    add(
        "jiji_ja.html",
        f"""<html><head><meta http-equiv="content-type" content="text/html"><title>日米外相が会談、経済安保で協力強化：時事ドットコム</title></head>
    <body><div class="menu">トップ 政治 経済 国際</div><h1>日米外相が会談、経済安保で協力強化</h1><p class="ArticleDate">2024年05月08日07時12分</p>
    <div class="ArticleText">{P(g)}</div><div class="ad">広告</div><p>関連ニュース</p><ul><li>首相、訪米へ調整</li></ul>
    <footer>Copyright JIJI PRESS LTD. All rights reserved. 時事通信社の記事・写真の無断転載を禁じます。</footer></body></html>""",
        "shift_jis",
        "https://www.jiji.com/jc/article?k=2024050800123",
        "Jiji",
        "ワシントン",
        "2024-05-08",
        "\n\n".join(g),
        ["首相、訪米へ調整", "無断転載"],
    )

    h = [
        "SEOUL, May 8 (Yonhap) -- South Korea's unemployment rate fell to a record low in April as hiring in the service sector picked up, government data showed Wednesday.",
        "The jobless rate stood at 2.6 percent last month, down 0.2 percentage point from a year earlier, according to Statistics Korea.",
        "The number of employed people rose by 261,000 from a year earlier to 28.9 million.",
    ]
    plain = "\n".join(
        [
            "ECONOMY",
            "",
            "S. Korea's jobless rate falls to record low in April",
            "",
            "All News 11:02 May 08, 2024",
            "",
        ]
        + [x + "\n" for x in h]
        + [
            "(END)",
            "",
            "hong@yna.co.kr",
            "",
            "Keywords",
            "#jobless rate",
            "",
            "(C) Yonhap News Agency. All Rights Reserved",
        ]
    )
    add(
        "yna_plain.txt",
        plain,
        "utf-8",
        None,
        "Yonhap",
        "SEOUL",
        "2024-05-08",
        "\n\n".join(h),
        ["(END)", "hong@yna.co.kr", "Yonhap News Agency. All", "#jobless rate", "All News 11:02"],
    )

    i = [
        "MINSK, 8 May (BelTA) - Belarus and Uzbekistan plan to launch the production of buses in Tashkent before the end of the year, Industry Minister said at a meeting with the Uzbek delegation.",
        "The two sides discussed the localization of components and the supply of Belarusian machine tools to Uzbek enterprises.",
        "A road map on industrial cooperation is expected to be signed in the summer.",
    ]
    add(
        "belta2.html",
        f"""<html lang="en"><head><meta charset="utf-8"><title>Belarus, Uzbekistan to assemble buses in Tashkent</title></head>
    <body><div class="menu"><a>Politics</a><a>Economics</a></div><div class="content_margin"><div class="date_full">8 May 2024, 17:55</div>
    <h1>Belarus, Uzbekistan to assemble buses in Tashkent</h1><div class="text">{P(i)}</div>
    <div class="news_tags_block">Tags: Uzbekistan, industry</div><div class="news_more">Follow BelTA on Telegram</div></div>
    <div class="footer">© Belarusian Telegraph Agency BelTA, 1996-2024</div></body></html>""",
        "utf-8",
        "https://eng.belta.by/economics/view/belarus-uzbekistan-buses-150000-2024/",
        "BelTA",
        "MINSK",
        "2024-05-08",
        "\n\n".join(i),
        ["Tags: Uzbekistan", "Follow BelTA on Telegram", "Belarusian Telegraph Agency BelTA, 1996"],
    )
    return pages
