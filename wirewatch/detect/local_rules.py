"""Lexicons of meeting detection in Russian and Chinese copy, kept as data per language.

The same frames as ``rules`` for English: a meeting, visit or call verb, the
modality around it (future, negation, cancellation, condition, past reference),
multilateral sessions and their sidelines, sports and business; then how copy is
cut into sentences and where its dateline is. Russian patterns are stems
("провел" also matches "провела", "провели"); Chinese ones are plain strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LangRules", "RULES"]

# Every pattern but the frames is matched on the lower-cased sentence, without re.I
# (much faster on Cyrillic): its literals are written in lower case.
_I = 0
# Russian word edges: \b does not see Cyrillic letters next to Latin ones reliably in stems.
_B = r"(?<![А-Яа-яЁё])"


@dataclass(frozen=True)
class LangRules:
    """Every pattern the local-language detector reads, for one language."""

    sentence_end: re.Pattern[str]
    meet: re.Pattern[str]  # in-person frames
    weak: re.Pattern[str]  # which of the frames are nouns, visits and arrivals
    visit: re.Pattern[str]  # frames that put the meeting in the place named
    call: re.Pattern[str]  # phone and video frames
    call_channel: re.Pattern[str]  # a channel that makes a meeting frame near it a call
    future: re.Pattern[str]
    negated: re.Pattern[str]
    cancelled: re.Pattern[str]
    conditional: re.Pattern[str]
    past: re.Pattern[str]
    multilateral: re.Pattern[str]
    sidelines: re.Pattern[str]
    separately: re.Pattern[str]
    sports_or_business: re.Pattern[str]
    place_before: re.Pattern[str]  # right before a state: it is a place ("в Минске", "在北京")
    gap_stop: re.Pattern[str]  # words that cannot stand between a title and its state
    two_sides: re.Pattern[str]  # "стороны", "两国元首": the pair talked about before
    pronoun: re.Pattern[str]  # a sentence whose subject is the story's protagonist
    host_here: re.Pattern[str]  # zh: 来华, 访华: China hosts
    negated_after: re.Pattern[str]  # negation said after the frame: "переговоры не планируются"
    pair_followers: str  # zh: what follows "中俄" when both states act ("双方", "外长", "战略")
    attribution: re.Pattern[
        str
    ]  # "сообщили 5 мая", "26日宣布": the day of a statement, not a meeting
    host_block: re.Pattern[str]  # visiting these is not visiting a state: a university, a plant
    trilateral: re.Pattern[str]  # three or more states meeting together: no bilateral pair
    past_after: re.Pattern[str]  # a past said right after the frame: "通话一周年"
    conditional_after: re.Pattern[str]  # a doubt said after the frame: "встреча может пройти"
    doubt_after_verbs: bool  # conditional_after applies to verbs too, not only to nouns
    modality_before: int  # characters before a frame that negation and future reach
    future_after: int  # characters after a frame that a future reaches ("встреча состоится")
    title_reach: int  # characters between a title and the state it belongs to


RU = LangRules(
    sentence_end=re.compile(r"(?<=[.!?…])[\"»”)]?\s+(?=[\"«„(]?[А-ЯЁA-Z0-9])"),
    meet=re.compile(
        _B + r"(?:провел[аи]?|проведут|проведет|провести|проводят|проводит)\s+(?:\S+\s+){0,5}?"
        r"(?:переговор\w*|встреч\w*|консультаци\w*|бесед\w*)"
        r"|" + _B + r"встрет(?:ил|ит|ят|и)\w*|" + _B + r"встреча\w*|" + _B + r"встречу\w*"
        r"|" + _B + r"переговор\w*|" + _B + r"консультаци\w*"
        r"|"
        + _B
        + r"принял[аи]?\s+(?!участи)(?:\S+\s+){0,4}?(?:(?-i:[А-ЯЁ])|президент|премьер|министр|глав|посл|председател|спецпосланник|посланник|эмир|корол|принц|делегаци|канцлер|вице-|руководител|генеральн|замест)"
        r"|" + _B + r"примет\s+(?:\S+\s+){0,4}?(?:(?-i:[А-ЯЁ])|президент|премьер|министр|глав|посл)"
        r"|" + _B + r"обсудил[аи]?(?:\s+[^.]{0,60}?)?\s+со?\s"
        r"|" + _B + r"(?:посетил|посетит|посетят|посещени|визит|прибыл|прибудет|прибудут|поедет)\w*"
        r"|" + _B + r"беседа\w*",
        re.I,  # the frames are matched on the sentence as written
    ),
    weak=re.compile(
        r"^(?:встреч|переговор|консультаци|посетил|посетит|посетят|посещени|визит|прибыл|прибуд|поедет|бесед)",
        _I,
    ),
    visit=re.compile(_B + r"(?:посетил|посетит|посещени|визит|прибыл|прибудет|поедет)\w*", _I),
    call=re.compile(
        _B
        + r"телефонн\w+\s+(?:разговор|переговор|бесед|контакт)\w*|по телефону|"
        + _B
        + r"созвонил\w*"
        r"|" + _B + r"позвонил\w*|" + _B + r"видеоконференц\w*|по видеосвязи|в режиме видео\w*",
        _I,
    ),
    call_channel=re.compile(r"телефон|видео|онлайн", _I),
    future=re.compile(
        _B
        + r"(?:провед[уеё]т|встретится|встретятся|посетит|посетят|примет|примут|прибудет|прибудут|совершит|совершат"
        r"|состоится|состоятся|пройдет|пройдут|планиру\w*|намерен\w*|собира\w*|ожида\w*|запланирова\w*"
        r"|предстоящ\w*|подготовк\w*|будет|будут|поедет|отправится|встречусь|проведем|встретимся)"
        r"|на следующей неделе|на этой неделе|"
        + _B
        + r"завтра|в ближайшее время|в конце (?:месяца|года|недели)",
        _I,
    ),
    negated=re.compile(
        _B
        + r"не\s|"
        + _B
        + r"ни\s|"
        + _B
        + r"отказал\w*|"
        + _B
        + r"опроверг\w*|"
        + _B
        + r"отрица\w*"
        r"|" + _B + r"без встреч\w*|нет планов|" + _B + r"вместо\s",
        _I,
    ),
    cancelled=re.compile(
        _B
        + r"отмен\w+|"
        + _B
        + r"перенес\w*|"
        + _B
        + r"перенос\w*|"
        + _B
        + r"отлож\w+|"
        + _B
        + r"сорва\w+"
        r"|не состоял\w*|не состоится",
        _I,
    ),
    conditional=re.compile(
        _B
        + r"(?:если|может|могут|мог|возможн\w*|готов\w*|предлож\w*|призвал\w*|не исключ\w*|хотел\w*|хочет"
        r"|надеется|надеются|рассчитыва\w*|вероятн\w*|при условии|не определен\w*|пока не|допуска\w*)"
        r"(?![А-Яа-яЁё])",
        _I,
    ),
    past=re.compile(
        _B
        + r"(?:ранее|напомним|неоднократно|в прошлом году|в прошлый раз|год назад|лет назад|месяц\w* назад"
        r"|прошл\w+ встреч\w*|последн\w+ встреч\w*|встречал\w*|уже встреча\w*|во время визита)",
        _I,
    ),
    multilateral=re.compile(
        _B
        + r"(?:саммит\w*|форум\w*|заседани\w*|сесси\w*|совет\w*|конференци\w*|ассамбле\w*|пленарн\w*|дебат\w*|парад\w*"
        r"|министерск\w+|в расширенном составе|лидер\w* (?:стран|государств)|глав\w* (?:государств|мид стран)"
        r"|шос|брикс|снг|одкб|еаэс|асеан|g20|групп\w+ двадцати)",
        _I,
    ),
    sidelines=re.compile(
        r"на полях|в кулуарах|двусторонн\w*|отдельн\w*|тет-а-тет|перед заседанием|перед саммитом"
        r"|после заседания|в рамках визита",
        _I,
    ),
    separately=re.compile(r"по отдельности|отдельно|поочередно|" + _B + r"также\s", _I),
    sports_or_business=re.compile(
        _B
        + r"(?:делов\w+|матч\w*|сборн\w*|чемпионат\w*|турнир\w*|хокке\w*|футбол\w*|шахмат\w*|болельщик\w*|стадион\w*"
        r"|команд\w*|вничью|обыграл\w*|уступил\w*|компани\w*|бизнес\w*|предпринимател\w*|деловых кругов|выставк\w*"
        r"|контракт\w*|товарооборот\w*|туристов|губернатор\w*)",
        _I,
    ),
    place_before=re.compile(
        r"(?:"
        + _B
        + r"(?:в|во|на|из|до|по|через|посетил\w*|посетит|посещени\w+|прибыл\w*|столиц\w+|город\w*))\s+$",
        _I,
    ),
    gap_stop=re.compile(
        _B
        + r"(?:с|со|и|в|во|на|по|для|о|об|к|у|от|до|за|при|провел\w*|принял\w*|встретил\w*|обсудил\w*|заявил\w*"
        r"|сообщил\w*|посетил\w*|прибыл\w*|подписал\w*|поговорил\w*|направил\w*|пригласил\w*|отметил\w*|назвал\w*"
        r"|проведет|примет|встретится)(?![А-Яа-яЁё])",
        _I,
    ),
    two_sides=re.compile(
        _B
        + r"(?:стороны|лидеры двух стран|главы (?:двух )?государств|президенты (?:обсудили|провели)|министры обсудили)",
        _I,
    ),
    pronoun=re.compile(
        r"^(?:он|она|глава государства|глава правительства|президент|премьер|министр|российский лидер|белорусский лидер)\s",
        _I,
    ),
    host_here=re.compile(r"(?!x)x"),
    negated_after=re.compile(
        r"^[^.;]{0,70}?"
        + _B
        + r"не\s+(?:планиру|состо|будет|будут|намечен|предвид|ожида|определен|обсужда)",
        _I,
    ),
    pair_followers="",
    attribution=re.compile(
        _B + r"(?:заявил|сообщил|объявил|рассказал|отметил|подтвердил)\w*\s+(?:в\s+|во\s+)?"
        r"(?:\d{1,2}\s+[а-яё]+|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|вчера|накануне)",
        _I,
    ),
    past_after=re.compile(r"^[^.]{0,30}?годовщин", _I),
    doubt_after_verbs=False,
    conditional_after=re.compile(
        r"^[^.;]{0,80}?" + _B + r"(?:может|могут|возможн\w*|пока не|не согласован\w*|не исключ\w*)",
        _I,
    ),
    trilateral=re.compile(
        _B
        + r"(?:трехсторонн\w*|трёхсторонн\w*|четырехсторонн\w*|трех стран|трёх стран|многосторонн\w*)",
        _I,
    ),
    host_block=re.compile(
        _B
        + r"(?:университет\w*|завод\w*|предприяти\w*|выставк\w*|студент\w*|музе\w*|школ\w*|храм\w*"
        r"|мемориал\w*|воинск\w*|военнослужащ\w*|диаспор\w*|соотечественник\w*)",
        _I,
    ),
    modality_before=45,
    future_after=25,
    title_reach=70,
)

ZH = LangRules(
    sentence_end=re.compile(r"(?<=[。！？；])[”」』）]?"),
    meet=re.compile(
        r"(?:会见|会谈|会晤|举行会谈|见面|接见|磋商|对话|交谈|共同主持|欢迎仪式|访问|抵达|访华|来华进行|出访|到访)"
        r"(?!委员会|机制)"
    ),
    weak=re.compile(r"^(?:访问|抵达|访华|来华进行|出访|到访)"),
    visit=re.compile(r"访问|抵达|访华|来华|出访|到访"),
    call=re.compile(r"通电话|通话|视频会晤|视频会议|视频通话|视频连线|以视频方式|电话"),
    call_channel=re.compile(r"视频|电话|线上"),
    future=re.compile(
        r"将于|将在|将同|将与|将出席|将赴|将会见|将举行|将|即将|拟|计划|下周|明天|明日|预计|准备"
    ),
    negated=re.compile(r"未(?!来)|没有|不会|不再|拒绝|否认|并未|暂无|无意"),
    cancelled=re.compile(r"取消|推迟|延期|搁置|中止|暂停"),
    conditional=re.compile(
        r"希望|可能|愿意|愿同|如果|若|或将|有望|期待|考虑|建议|邀请.{0,20}?访问"
    ),
    past=re.compile(r"曾|此前|上次|去年|前年|多次|回顾|以来|年前"),
    multilateral=re.compile(
        r"峰会|论坛|会议|大会(?!堂)|理事会|外长会|部长级|领导人会晤|阅兵|庆典|纪念活动|开幕|闭幕|上合|金砖|东盟|二十国集团|联大|三方|多国"
    ),
    sidelines=re.compile(r"期间|之际|双边|分别|同.{1,30}?举行会谈|会见"),
    separately=re.compile(r"分别"),
    sports_or_business=re.compile(
        r"比赛|决赛|战胜|负于|夺冠|冠军|锦标赛|世界杯|友谊赛|预选赛|队|企业|公司|商会|招商|投资|博览会|贸易额|出口|进口"
    ),
    place_before=re.compile(r"(?:在|赴|抵达|到|访问|前往|于|从|来自|驻|对|离开)$"),
    gap_stop=re.compile(r"同|与|和|及|在|会见|会谈|举行|通电话|、|，|,"),
    two_sides=re.compile(r"两国元首|双方|两国领导人|两国总理|两国外长"),
    pronoun=re.compile(r"^(?:他|她|其)"),
    host_here=re.compile(r"来华|访华|在华|驻华"),
    negated_after=re.compile(r"^[^，。]{0,10}?(?:的计划|的安排)?(?:未能|没有|不会|并未|暂无)"),
    pair_followers=r"(?:(?:两国)?(?:元首|领导人|双方|总理|外长|防长|经贸|战略|高层|外交部|国防部|政府|第)"
    r"|(?=[^，。]{0,24}?(?:会谈|会晤|磋商|对话|会议)))",
    attribution=re.compile(
        r"\d{1,2}日(?=(?:在[^，。]{0,10})?(?:宣布|表示|称|说|指出|透露|发布|介绍))"
    ),
    trilateral=re.compile(r"三国|三方|四国|多国|多边"),
    past_after=re.compile(r"^[^，。]{0,4}?周年"),
    doubt_after_verbs=True,
    conditional_after=re.compile(r"^[^，。]{0,3}?(?:的说法|的报道|的传闻|的可能|的消息)"),
    host_block=re.compile(r"大学|工厂|企业|展览|博览会|学生|博物馆|学校|侨胞|华侨"),
    modality_before=20,
    future_after=6,
    title_reach=14,
)

RULES: dict[str, LangRules] = {"ru": RU, "zh": ZH}
