"""Data the extract stage runs on: agency aliases, time zones, line patterns, thresholds.

Everything a maintainer may want to tune lives here, as data, so the code in the
other modules reads as rules over tables. Patterns are generic (they describe how
news agencies lay out pages), never copies of one site's sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone
from typing import Final

__all__ = [
    "AGENCY_ALIASES",
    "AGENCY_TIMEZONES",
    "BOILERPLATE_PATTERNS",
    "CAPTION_PATTERNS",
    "HOST_AGENCIES",
    "LANGUAGES",
    "LEAD_CLASS_WORDS",
    "MAX_INPUT_BYTES",
    "PRESS_SERVICES",
]

# Input caps: a news page above this size is cut here before parsing, so a
# pathological document (20 MB of nested tags) costs bounded time.
MAX_INPUT_BYTES: Final = 8_000_000
# Scraped plain text is cut here: an article is tens of kilobytes, and line
# cleaning is linear in the number of lines.
MAX_PLAIN_CHARS: Final = 1_000_000
# A parsed page with more elements than this is refused (extract_empty):
# trafilatura's cost grows faster than linearly with the tree, and real news
# pages have a few thousand elements (the public benchmark's largest: 1,600).
MAX_ELEMENTS: Final = 60_000
# Shorter than this after cleaning (characters) means "no article".
MIN_TEXT_CHARS: Final = 40
# Precision-mode text shorter than this (characters, after cleaning) is
# retried with trafilatura's balanced mode.
RETRY_BELOW_CHARS: Final = 300
# Lines longer than this are never taken for a byline, breadcrumb or footer.
MAX_META_LINE_CHARS: Final = 160

# Canonical agency name -> aliases as they appear in datelines, bylines and
# "Source:" lines (matched case-insensitively after trimming punctuation).
AGENCY_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "Xinhua": (
        "xinhua",
        "xinhua news agency",
        "xinhuanet",
        "xinhua net",
        "新华社",
        "新华网",
        "新華社",
        "синьхуа",
    ),
    "China Daily": ("china daily", "chinadaily", "chinadaily.com.cn", "中国日报", "中国日报网"),
    "China News Service": ("china news service", "chinanews", "中新社", "中新网", "中国新闻网"),
    "CGTN": ("cgtn",),
    "Global Times": ("global times", "环球时报", "环球网"),
    "People's Daily": (
        "people's daily",
        "people's daily online",
        "人民日报",
        "人民网",
        "人民网－人民日报",
    ),
    "TASS": ("tass", "itar-tass", "тасс", "итар-тасс"),
    "RIA Novosti": ("ria novosti", "ria", "риа новости", "риа"),
    "Interfax": ("interfax", "интерфакс", "interfax.ru"),
    "Sputnik": ("sputnik", "спутник"),
    "BelTA": ("belta", "белта", "belarusian telegraph agency"),
    "Kazinform": ("kazinform", "казинформ", "kazinform international news agency"),
    "Kyodo": ("kyodo", "kyodo news", "共同", "共同通信", "共同通信社"),
    "Jiji": ("jiji", "jiji press", "時事", "時事通信"),
    "Yonhap": ("yonhap", "yonhap news agency", "연합뉴스", "연합", "聯合ニュース"),
    "KCNA": ("kcna", "조선중앙통신"),
    "Anadolu": ("aa", "anadolu", "anadolu agency", "anadolu ajansı", "anadolu ajansi"),
    "Reuters": ("reuters", "рейтер", "路透社"),
    "AFP": ("afp", "agence france-presse", "agence france presse", "франс пресс", "法新社"),
    "AP": ("ap", "associated press", "the associated press", "美联社"),
    "dpa": ("dpa", "deutsche presse-agentur"),
    "EFE": ("efe",),
    "ANSA": ("ansa",),
    "PTI": ("pti", "press trust of india"),
    "IANS": ("ians",),
    "ANI": ("ani",),
    "Bernama": ("bernama",),
    "Antara": ("antara",),
    "VNA": ("vna", "vietnam news agency"),
    "IRNA": ("irna",),
    "WAM": ("wam",),
    "SPA": ("spa", "saudi press agency"),
    "MENA": ("mena",),
    "APA": ("apa",),
    "Trend": ("trend",),
    "Ukrinform": ("ukrinform", "укрінформ", "укринформ"),
    "BTA": ("bta",),
    "PAP": ("pap",),
    "CTK": ("ctk", "čtk"),
}

# Publishing hosts whose own copy comes from one agency (last resort for the
# agency when the page names none). Matched on the host's registered suffix.
HOST_AGENCIES: Final[dict[str, str]] = {
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "chinadaily.com.cn": "China Daily",
    "chinanews.com.cn": "China News Service",
    "chinanews.com": "China News Service",
    "cgtn.com": "CGTN",
    "globaltimes.cn": "Global Times",
    "people.com.cn": "People's Daily",
    "inform.kz": "Kazinform",
    "bernama.com": "Bernama",
    "globaltimes.com": "Global Times",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "ria.ru": "RIA Novosti",
    "interfax.ru": "Interfax",
    "interfax.com": "Interfax",
    "belta.by": "BelTA",
    "kyodonews.net": "Kyodo",
    "jiji.com": "Jiji",
    "yna.co.kr": "Yonhap",
    "yonhapnews.co.kr": "Yonhap",
    "aa.com.tr": "Anadolu",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
}

_BEIJING = timezone(timedelta(hours=8), "CST")
_MOSCOW = timezone(timedelta(hours=3), "MSK")
_TOKYO = timezone(timedelta(hours=9), "JST")
_ANKARA = timezone(timedelta(hours=3), "TRT")
_SEOUL = timezone(timedelta(hours=9), "KST")
_PARIS = timezone(timedelta(hours=1), "CET")  # dates only: a day is rarely moved by DST


@dataclass(frozen=True)
class PressService:
    """An official press service publishing its own copy: where it publishes and how it signs."""

    hosts: tuple[str, ...]  # registered suffixes of the hosts it publishes on
    markers: tuple[str, ...]  # site names, title suffixes and "Source:" credits naming it
    zone: timezone | None = None  # the zone its naive times are printed in


# Presidential sites, foreign ministries and government press offices: their
# pages credit no agency, so the press service itself is the source (`agency`).
# Matched after the copy's own credit (dateline, byline, signature) and the
# source's configured agency, on the host first, then on the site name, the
# title's suffix and "Source:" lines (case-insensitive, whole field).
PRESS_SERVICES: Final[dict[str, PressService]] = {
    "Kremlin": PressService(
        ("kremlin.ru",),
        ("president of russia", "президент россии", "kremlin press service", "пресс-служба кремля"),
        _MOSCOW,
    ),
    "Russian Government": PressService(
        ("government.ru",), ("government of russia", "правительство россии"), _MOSCOW
    ),
    "Russian MFA": PressService(
        ("mid.ru",),
        (
            "ministry of foreign affairs of the russian federation",
            "министерство иностранных дел российской федерации",
            "мид россии",
        ),
        _MOSCOW,
    ),
    "Chinese MFA": PressService(
        ("fmprc.gov.cn", "mfa.gov.cn"),
        (
            "ministry of foreign affairs of the people's republic of china",
            "ministry of foreign affairs, the people's republic of china",
            "中华人民共和国外交部",
        ),
        _BEIJING,
    ),
    "Chinese Government": PressService(
        ("www.gov.cn",),
        ("the state council of the people's republic of china", "中国政府网"),
        _BEIJING,
    ),
    "Belarus Presidency": PressService(
        ("president.gov.by",),
        (
            "пресс-служба президента республики беларусь",
            "официальный интернет-портал президента республики беларусь",
            "official internet portal of the president of the republic of belarus",
        ),
        _MOSCOW,
    ),
    "Belarusian MFA": PressService(("mfa.gov.by",), ("мид беларуси",), _MOSCOW),
    "Akorda": PressService(("akorda.kz",), ("akorda", "акорда")),
    "Japanese MFA": PressService(("mofa.go.jp",), ("外務省", "ministry of foreign affairs of japan"), _TOKYO),
    "Kantei": PressService(("kantei.go.jp",), ("首相官邸", "prime minister's office of japan"), _TOKYO),
    "Korean MFA": PressService(
        ("mofa.go.kr",), ("외교부", "ministry of foreign affairs, republic of korea"), _SEOUL
    ),
    "Korean Presidential Office": PressService(("president.go.kr",), ("대통령실",), _SEOUL),
    "Turkish Presidency": PressService(("tccb.gov.tr",), ("cumhurbaşkanlığı",), _ANKARA),
    "Turkish MFA": PressService(("mfa.gov.tr",), ("dışişleri bakanlığı",), _ANKARA),
    "Turkish Communications Directorate": PressService(
        ("iletisim.gov.tr",), ("iletişim başkanlığı",), _ANKARA
    ),
    "Élysée": PressService(("elysee.fr",), ("élysée", "elysee", "présidence de la république"), _PARIS),
    "French MFA": PressService(
        ("diplomatie.gouv.fr",), ("ministère de l'europe et des affaires étrangères",), _PARIS
    ),
    "La Moncloa": PressService(("lamoncloa.gob.es",), ("la moncloa",), _PARIS),
    "Spanish MFA": PressService(("exteriores.gob.es",), ("ministerio de asuntos exteriores",), _PARIS),
    "White House": PressService(("whitehouse.gov",), ("the white house",)),
    "US State Department": PressService(("state.gov",), ("u.s. department of state",)),
}

# A naive time on a page is read in the zone of its agency (these agencies print
# local times); anything else is taken as UTC.
AGENCY_TIMEZONES: Final[dict[str, timezone]] = {
    "Xinhua": _BEIJING,
    "China Daily": _BEIJING,
    "China News Service": _BEIJING,
    "CGTN": _BEIJING,
    "Global Times": _BEIJING,
    "People's Daily": _BEIJING,
    "TASS": _MOSCOW,
    "RIA Novosti": _MOSCOW,
    "Interfax": _MOSCOW,
    "Sputnik": _MOSCOW,
    "BelTA": _MOSCOW,  # Minsk keeps UTC+3 all year, like Moscow
    "Kyodo": _TOKYO,
    "Jiji": _TOKYO,
    "Yonhap": _TOKYO,  # Seoul is UTC+9 too
    "KCNA": _TOKYO,
    "Anadolu": _ANKARA,
    **{name: press.zone for name, press in PRESS_SERVICES.items() if press.zone is not None},
}

# Capitalised words that open sentences like a dateline ("NATO - ...") but are
# organisations, not places.
NOT_CITIES: Final = frozenset(
    {
        "NATO",
        "UN",
        "EU",
        "US",
        "USA",
        "UK",
        "WHO",
        "IMF",
        "OPEC",
        "ASEAN",
        "BRICS",
        "SCO",
        "CSTO",
        "UNESCO",
        "FIFA",
        "IOC",
        "NASA",
        "WTO",
        "IAEA",
        "OSCE",
        "CIS",
        "EAEU",
        "APEC",
        "UPDATE",
        "BREAKING",
        "EXCLUSIVE",
        "ANALYSIS",
        "FACTBOX",
        "EXPLAINER",
        "WRAPUP",
        "LEAD",
        "URGENT",
        "CORRECTED",
        "NOTE",
        "WATCH",
        "VIDEO",
        "PHOTOS",
        "PHOTO",
        "READ",
        "LIVE",
        "OPINION",
        "EDITORIAL",
        "WARNING",
        "ALSO",
        "RELATED",
        "SOURCE",
        "SOURCES",
        "UPDATED",
        "CLOSE",
        "ADVERTISEMENT",
        "SUMMARY",
    }
)

# Languages the detector chooses among: the agencies' editions. A short list
# makes py3langid faster and keeps it from wandering into rare look-alikes.
LANGUAGES: Final[tuple[str, ...]] = (
    "en",
    "ru",
    "zh",
    "ja",
    "ko",
    "tr",
    "ar",
    "fr",
    "de",
    "es",
    "pt",
    "it",
    "uk",
    "be",
    "kk",
    "fa",
    "vi",
    "id",
    "ms",
    "hi",
    "pl",
    "cs",
    "bg",
    "sr",
    "nl",
    "el",
    "he",
    "th",
)

_FLAGS: Final = re.IGNORECASE | re.UNICODE

# Whole lines that are page furniture, in any of the agencies' languages. A line
# matching one of these is dropped wherever it stands in the article container.
BOILERPLATE_PATTERNS: Final[tuple[re.Pattern[str], ...]] = tuple(
    re.compile(p, _FLAGS)
    for p in (
        # end-of-story markers
        r"^[\[(（【]?\s*(?:end|ends|完|完结|終わり|끝)\s*[\])）】]?\.?$",
        r"^/?\s*end\s*/?$",
        r"^(?:enditem|end item|ends|-?30-|###)$",
        r"^[\[【]\s*(?:纠错|糾錯|打印|关闭|返回顶部)\s*[\]】]$",
        # copyright, licences and registrations
        r"^(?:copyright|©|\(c\)|ⓒ|版权所有|著作権|저작권|все права защищены|tüm hakları saklıdır)",
        r"all rights reserved\.?\s*$",
        r"^.{0,80}(?:all rights reserved|版权所有|保留所有权利|все права защищены|無断転載|무단\s*전재|tüm hakları saklıdır)",
        r"^(?:license|licence)\s+(?:for|no\.?|number)",
        r"^registration\s+(?:number|no\.?)",
        r"(?:ICP备|ICP证|京公网安备|互联网新闻信息服务许可证|网络传播视听节目许可证|信息网络传播视听)",
        r"^(?:свидетельство|регистрационный номер|зарегистрировано)\b.{0,120}(?:сми|роскомнадзор|эл №|эл no)",
        r"^(?:the )?content \(including but not limited to",
        r"^(?:without (?:the )?(?:prior )?written (?:authorization|permission))",
        r"^note: browsers? with",
        r"^(?:this|the) (?:material|article|content) may not be (?:published|reproduced)",
        # navigation, editions, back-to-top, sharing
        r"^(?:back to (?:the )?top|to top|top of page|返回顶部|наверх|ページの先頭へ|맨 위로)$",
        r"^(?:global|us|european|asia|africa|hong kong) edition$",
        r"^(?:home|main|главная|首页|主页|ホーム|홈|ana sayfa)\s*(?:[|>»›/]|$)",
        r"share it with a friend|"
        r"^(?:share(?: this(?: article| story| page)?)?|tweet|email|print|поделиться|分享到?|シェア|공유|paylaş)"
        r"(?:\s*[:：|].{0,60}|\s+(?:on|via|to|with)\s.{0,40})?$",
        r"^(?:follow us|follow @|subscribe|sign up for|join our|download (?:our|the) app|"
        r"подписывайтесь|подпишитесь|关注我们|扫一扫|扫码)\b",
        r"^(?:related|related (?:stories|articles|news|content|coverage|links)|see also|"
        r"read (?:more|also|next)|more (?:stories|news)|recommended|most (?:read|popular|viewed)|"
        r"читайте (?:также|еще|ещё)|смотрите также|相关(?:新闻|阅读|文章|报道)|推荐阅读|関連記事|관련\s*기사|"
        r"ilgili haberler)\s*[:：]?\s*$",
        r"^(?:read more|read also|see also|читайте также|related)\s*[:：]",
        r"^(?:editor|editors|edited by|responsible editor|editor in charge|责任编辑|责编|编辑|"
        r"редактор|編集|편집)\s*[:：]",
        r"^[\[【（(]\s*(?:责任编辑|责编|编辑|編輯|責任編集)\s*[:：].{0,40}[\]】）)]$",
        r"^(?:(?:photo|photos|video|image)\s*(?:gallery|slideshow))\s*$",
        r"^(?:advertisement|реклама|广告|広告|광고)$",
        r"^(?:please )?(?:click|tap) (?:here|to)",
        r"^(?:if you have any (?:concerns|questions)|contact us|about us|privacy policy|"
        r"terms of (?:use|service)|cookie policy|sitemap)\b.{0,60}$",
        r"^[\w.+-]+@[\w-]+\.[\w.-]+(?:\s*[,;/]\s*[\w.+-]+@[\w-]+\.[\w.-]+)*$",
        r"^(?:story|reporting|writing|editing) by [^.]{1,80}$",
        r"^\(?(?:reporting|writing|editing|additional reporting|compiled|graphics) by [^()]{1,200}\)?$",
        r"^[(\[]?(?:(?:with input from|additional reporting by|compiled by)\s*:?|(?:source|sources)\s*:)"
        r"\s*[^()]{1,80}[)\]]?$",
        # newsletter, tip-off and reprint prompts, tag lists, widget errors
        r"^(?=.{0,220}$).*\bnewsletters?\b.*\b(?:subscribe|sign up|inbox|delivered|get)\b|"
        r"^(?=.{0,220}$).*\b(?:subscribe|sign up)\b.*\bnewsletters?\b|^(?=.{0,60}$)[\w' ]{0,40}newsletter$",
        r"^(?:have a (?:news )?tip\b|tell us what you think|like this story\?|an error has occurred)",
        r"^(?:email|e-mail|write to|contact|reach)\s.{0,80}?\S+@\S+\.\w+",
        r"^-?\s*(?:order reprints|print article|print this (?:article|page)|reprints? & permissions)$",
        r"^(?:tags|keywords|topics|теги|ключевые слова|标签|关键词|タグ|태그|etiketler)\s*[:：]",
        r"^(?:also on [\w.-]+\.\w+|see more\s*:|don'?t miss\b)|^(?:see more|you may also like|more from [\w ]{1,30})$",
        r"\[(?:insight|video|reaction|news|warning|pictures|pics|revealed|latest|poll|analysis)\]\s*\|?$",
        r"^(?:updated|posted|published|last updated)\s*(?:at|on)?\s*:?\s*\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:[A-Z]{2,4})?\.?$",
        # subscription notices and social prompts (short lines only)
        r"website contains only a portion of the news|contact us for subscription|subscription options|"
        r"web sitesinde.{0,60}abonelere|abonelik için",
        r"^(?=.{0,110}$).*(?:telegram|whatsapp|viber|kakao|wechat|weibo|twitter|facebook|instagram|youtube|"
        r"дзен|вконтакте|vk\.com|okjebo|微信|微博).*(?:our|наш|subscribe|follow|join|подпис|канал|channel|"
        r"제보|关注|扫码|フォロー)",
        r"(?:^|[。.!！])\s*(?:제보는|기사제보)",
        r"(?:シェアする|をシェア|공유하기|分享到|поделиться)\s*$",
        # Chinese and Japanese reprint notices
        r"(?:未经.{0,8}(?:授权|许可)|禁止转载|不得转载|转载请注明|不代表.{0,12}(?:观点|立场)|务经书面授权|"
        r"無断(?:転載|複製)|무단\s*(?:전재|복제))",
        r"^this copy is for your personal,? non-commercial use",
        r"^to order presentation-ready copies",
    )
)

# Lines that are photo captions: kept apart from the body, never in the text.
CAPTION_PATTERNS: Final[tuple[re.Pattern[str], ...]] = tuple(
    re.compile(p, _FLAGS)
    for p in (
        r"[\[(（【]\s*(?:photo|photos|file photo|image|video|pic|фото|图|圖|摄|写真|사진)\s*[/／:：].{0,60}[\])）】]\s*$",
        r"[\[(（【]\s*photo (?:provided|courtesy|taken|by)[^\])）】]{0,60}[\])）】]\s*$",
        r"\(\s*(?:xinhua|cns|tass|belta|aa|kyodo|yonhap|afp|ap|reuters)\s*/\s*[^)]{1,60}\)\s*$",
        r"\(\s*(?:aa|afp|ap|reuters|kyodo|yonhap) photo\s*\)\s*$",
        r"^(?:photo|file photo|фото|图为|图片|写真|사진|fotoğraf)\s*[:：]",
        r"^(?:this|a|the)\s+(?:file\s+)?photo(?:graph)?,?\s+(?:taken|provided|released|shows|dated)\b.{0,400}\((?:yonhap|kyodo|xinhua|aa)\)\s*$",
        r"[\[(（【]\s*(?:新华社记者|新华社发|新華社)\s*[^\])）】]{0,30}\s*摄?[\])）】]\s*$",
        r"^(?:photo|photos|фото)\s*(?:by|:)\s*\S.{0,60}$",
        # Xinhua-style captions between body paragraphs: "Photo taken on May 2 shows ...",
        # "This aerial photo taken on ... shows ..."
        r"^(?:(?:this|an?|the)\s+)?(?:(?:aerial|file|undated|combo|drone|handout)\s+)*"
        r"(?:photo|picture|image|photograph)\s+(?:taken|provided|released|shot)\b.{0,300}?\bshows?\b",
        # Chinese captions: "图为...", "这是...拍摄的...", a photographer's credit "记者 X 摄" at the end
        r"^图为\S",
        r"^这是.{0,80}拍摄的",
        r"（(?:无人机|资料|手机)照片）",
        r"(?:记者|通讯员|新华社发)\s*[\w·]{1,12}(?:\s+[\w·]{1,12})?\s*摄\s*$",
        r"[（(]\s*[\w·]{1,12}(?:\s+[\w·]{1,12})?\s*摄\s*[）)]\s*$|新华社发\s*$",
        # a photographer credit in capitals closing the caption: "ZHANG LEI / FOR CHINA DAILY"
        r"(?-i:\b[A-Z][A-Z'\-]+(?:\s[A-Z][A-Z'\-]+){0,3}\s*/\s*(?:FOR\s+)?(?:CHINA DAILY|XINHUA|CGTN))\s*$",
    )
)

# Class-name words (one part of a class, split on "-" and "_") of the block that
# holds an article's lead or standfirst when pages set it above the body
# container (TASS "news-header__lead", presidential "read__lead", Anadolu
# "detay-spot", Spanish "entradilla", French "chapo"); trafilatura drops it.
LEAD_CLASS_WORDS: Final = frozenset(
    {
        "lead",
        "lede",
        "standfirst",
        "summary",
        "intro",
        "dek",
        "deck",
        "spot",
        "entradilla",
        "chapo",
        "chapeau",
        "anons",
        "excerpt",
        "abstract",
        "subtitle",
    }
)
# A lead is one or two sentences: shorter is a label, longer is a body block.
LEAD_MIN_CHARS: Final = 40
LEAD_MAX_CHARS: Final = 700
