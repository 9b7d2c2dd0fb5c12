"""Lexicons and tunables of meeting detection, kept as data in one place.

Every pattern here is matched per sentence. They describe frames, not the
phrasings of any one agency: a meeting verb, an official of a state on each
side, and the modality around them (future, negation, cancellation, condition);
then how sentences are cut, how a meeting is dated and how sure we are of it.
The cues that tell an actor from a place or a topic are in ``actor_rules.py``.
The names of states, officials and organisations, and the title words that
mark an official, are data in ``wirewatch/data/gazetteer/``, not here.
"""

from __future__ import annotations

import re

from wirewatch.datelines import DATELINE, DATELINE_CITY_END, DATELINE_CITY_MIN, DATELINE_PARAGRAPHS
from wirewatch.lexicon import WEEKDAY_PATTERN

__all__ = [
    "ABBREVIATIONS",
    "AFTER_CONDITION",
    "AFTER_NEGATION",
    "ANNOUNCED",
    "ANNOUNCED_AFTER_DAYS",
    "ATTRIBUTION",
    "CALL",
    "CALL_CHANNEL",
    "CALL_CHANNEL_AFTER",
    "CALL_CHANNEL_BEFORE",
    "CALL_TRIGGER",
    "CANCELLED",
    "CONDITIONAL",
    "CONFIDENCE_TABLE",
    "DATELINE",
    "DATELINE_CITY_END",
    "DATELINE_CITY_MIN",
    "DATELINE_PARAGRAPHS",
    "DENIAL",
    "DENIAL_BEFORE",
    "FRAME_OBJECT_REACH",
    "FUTURE",
    "FUTURE_AFTER",
    "HEADLINE_CALL",
    "HEADLINE_FUTURE",
    "HEADLINE_MEET",
    "HOST_BLOCK",
    "INITIALS",
    "INVITATION_OF",
    "IN_PERSON",
    "MEET_TRIGGER",
    "MODALITY_BEFORE",
    "MULTILATERAL",
    "NEGATED",
    "NOT_AFTER",
    "ORG_FRAME_REACH",
    "PAST_AFTER",
    "PAST_BEFORE",
    "PAST_REFERENCE",
    "PAST_REFERENCE_DAYS",
    "PLUPERFECT",
    "PLUPERFECT_BEFORE",
    "PRONOUN_SUBJECT",
    "SAME_DAY",
    "SENTENCE_END",
    "SEPARATELY",
    "SIDELINES",
    "SPORTS_ARTICLE_HITS",
    "SPORTS_OR_BUSINESS",
    "THE_MEETING",
    "TRILATERAL",
    "TWO_SIDES",
    "VAGUE_KINDS",
    "VISIT_TRIGGER",
    "WEAK_TRIGGER",
    "YEAR",
    "YEAR_AFTER",
]

IN_PERSON = "in_person"
CALL = "call"
ANNOUNCED = "announced"

_I = re.I

# Phone and video contact; checked before in-person frames.
CALL_TRIGGER = re.compile(
    r"\b(?:tele)?phone(?:d)?\b|\bphone[- ]call\b|\btelephone\b|\bvideo ?(?:call|conference|link|chat|summit|meeting|talks)\b"
    r"|\bvideoconference\b|\bvia video\b|\bby video\b|\bvirtual (?:meeting|talks|summit|call)\b|\bheld a call\b"
    r"|\bin a call\b|\b(?:a|the|their) call\b|\b(?:a|the|their|his|her) (?!courtesy\b)(?:[\w-]+ )?(?:phone |telephone )?call\b(?!\s+(?:for|to|on|of)\b)|\bspoke (?:with|to)\b|\bspeaks (?:with|to)\b|\btalked (?:with|to)\b"
    r"|\bcalled (?:his|her|their) (?:\w+ )?counterpart\b|\bcalled (?-i:[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,3})(?=\s+(?:on|to|and|in|late|early|over|about|after|before|from|at|for)\b|[,.;]|$)|\bdialled\b|\bdialed\b",
    _I,
)
# In-person meeting frames. Receiving verbs need a person as their object so
# that "welcomed the decision" is not a meeting.
MEET_TRIGGER = re.compile(
    r"\bmet\b|\bmeets?\b|\bmeeting\b|\bheld (?:\S+ ){0,5}(?:talks|consultations|discussions|dialogue|summit|meeting|negotiations)\b|\bcourtesy call\b|\bround of (?:\S+ ){0,3}(?:talks|consultations|negotiations|dialogue)\b|\bhold(?:s|ing)? (?:\S+ ){0,3}(?:talks|consultations|discussions|dialogue|summit|meeting|negotiations)\b|\btalks (?:with|between)\b"
    r"|\bco-chair(?:ed|s|ing)?\b|\bstrategic dialogue\b|\btrip to\b"
    r"|\b(?:was|were|been|being) (?:\w+ )?(?:received|welcomed|greeted|hosted) by\b"
    r"|\b(?:talks|meeting|summit|negotiations|consultations|retreat) (?:were |was |will be |would be |is to be |are to be )?(?:held|took place|taking place)\b"
    r"|\b(?:leaders'|annual|bilateral) retreat\b"
    r"|\bholds? (?:a |their )?(?:\w+ )?(?:summit|meeting)\b|\bheld (?:a |their )?(?:\w+ )?(?:summit|meeting)\b|\bsummit (?:talks|with)\b"
    r"|\bon the sidelines\b|\bbilateral (?:talks|meeting)\b|\bconferred\b|\bsat down with\b|\bshook hands\b|\bshakes hands\b"
    # "called on the Saudi defence minister" (a visit), not "called on Russia to withdraw".
    r"|\bcall(?:ed|s|ing)? on\b(?=\s+(?:the\s+|his\s+|her\s+)?(?-i:[A-Z]))(?![^.;]{0,90}?\bto\s+(?!the\b|a\b|an\b)[a-z]+\b)"
    r"|\bnegotiations with\b|\bheld (?:\w+ ){0,2}negotiations\b|\bvisit(?:ed|s|ing)?\b|\btour(?:ed)? of\b|\barrived in\b|\barrives in\b|\blanded in\b"
    r"|\btalks in\b|\btalks at\b|\bin talks\b|\btalks on\b|\bdiscussed\b[^.]{0,60}\bwith\b|\bexchanged views\b"
    # Two leaders who "agreed", "pledged" or "signed" with only a place to show they met
    # ("Sisi, Erdogan agree in Ankara to boost trade"): a weak frame, blocked at summits.
    r"|\b(?:agree[ds]?|pledge[ds]?|vow(?:ed|s)?|reaffirm(?:ed|s)?|sign(?:ed|s)?|ink(?:ed|s)?|seal(?:ed|s)?)\b"
    r"(?=[^.;]{0,100}?\b(?:in|at) (?-i:[A-Z])(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b))"
    r"|\b(?:welcomed|welcomes|welcome|received|receives|receive|greeted|greets|greet|hosted|hosts|hosting|host)(?:,[^,]{1,70},|\s+(?:on|in|at|here|there|yesterday|today|earlier|later)\b(?:\s+(?-i:[A-Z])\w+)?)?\s+(?:(?:his|her|their|the|a|an|visiting)\s+)*"
    r"(?:(?-i:[A-Z])|him\b|her\b|them\b|counterpart|delegation|president|prime|premier|foreign|defen[cs]e|king|queen|emir|leader|minister|chancellor|officials|envoy|ambassador|crown"
    r"|chairman|chairwoman|speaker|deputy|vice|chief|commander|secretary)",
    _I,
)
# The channel words that make a meeting frame next to them a call ("held talks by phone").
CALL_CHANNEL = re.compile(
    r"\b(?:tele)?phone\b|\bvideo|\bvirtual\b|\bby phone\b|\bover the phone\b", _I
)
# Visiting these is not visiting a state: "visited troops in Lithuania", "met the diaspora in Tokyo".
HOST_BLOCK = re.compile(
    r"\b(?:soldiers|troops|brigades?|battalions?|bases?|factory|factories|plants?|sites?|hospitals?|schools?|universit(?:y|ies)|museums?"
    r"|exhibitions?|expo|communit(?:y|ies)|diaspora|workers|residents|refugees|camps?|students|embassy|embassies|consulates?|church(?:es)?"
    r"|mosques?|temples?|memorials?|cemetery|compan(?:y|ies)|fairs?|festivals?|frontline|front line|shrines?|ports?|mines?|farms?|villages?"
    # "met Russia's ambassador to China": the ambassador's posting is no host.
    r"|ambassadors? (?:to|in))\b",
    _I,
)
VISIT_TRIGGER = re.compile(
    r"\bvisit(?:ed|s|ing)?\b|\btour(?:ed)? of\b|\barrived in\b|\barrives in\b|\blanded in\b|\bhosted\b|\bhosts\b|\bhosting\b|\breceived\b|\breceives\b|\bwelcomed\b|\bgreeted\b|\bcounterpart\b",
    _I,
)
# Headline forms: "Putin, Lukashenko meet", "Xi meets Biden", "Modi, Albanese hold talks".
HEADLINE_MEET = re.compile(
    r"\bmeets?\b|\bhold talks\b|\bholds talks\b|\btalks\b|\bhosts\b|\bvisits\b|\bcall\b|\bspeak\b|\bspeaks\b|\bdialogue\b|\bconfer\b",
    _I,
)
# A headline that names a call: "Putin, Modi discuss Ukraine in phone call".
HEADLINE_CALL = re.compile(
    r"\bcalls?\b|\bphones?\b|\bphoned\b|\bspoke\b|\bspeaks?\b|\bvideo\b|\bvirtual\b|\btelephone\b",
    _I,
)

FUTURE = re.compile(
    r"\bwill\b|\bshall\b|\b(?:is|are|was|were) (?:set|scheduled|expected|due|slated|poised|going|planning|to) to\b|\b(?:is|are) to\b"
    r"|\bplans? to\b|\bplanned to\b|\bintends? to\b|\bupcoming\b|\bforthcoming\b|\bnext (?:week|month|year|"
    + WEEKDAY_PATTERN
    + r")\b"
    r"|\btomorrow\b|\blater this (?:week|month|year)\b|\bscheduled for\b|\bset for\b|\bis expected\b|\bare expected\b|\bwould (?:travel|visit|meet|hold)\b"
    r"|\bexpected to\b|\bdue (?:in|to|for)\b|\bscheduled to\b|\bto resume\b"
    r"|\bahead of (?:his|her|their) (?:visit|trip|talks|meeting)\b|\bwould host\b|\bto host\b|\bto visit\b|\bto meet\b|\bto hold\b|\bheading to\b|\bwill be\b",
    _I,
)
# A headline with "to" before a meeting verb is a future: "Xi to visit Russia".
HEADLINE_FUTURE = re.compile(
    r"\bto (?:meet|visit|hold|host|travel|talk|speak|call|receive|pay|make|tour|attend|head)\b|\bset to\b|\bwill\b|\bplans?\b|\bahead of\b|\bdue\b|\bexpected\b|\bnext\b|\bupcoming\b",
    _I,
)
CANCELLED = re.compile(
    r"\bcancel(?:l?ed|s|ling|lation)?\b|\bcalled off\b|\bcalls off\b|\bpostpon\w+|\bscraps?\b|\bscrapp(?:ed|ing)\b|\bput off\b|\bshelved\b|\bdelayed\b"
    r"|\bdeferred\b|\bpulled out\b|\bwithdr[ae]w from\b|\bno longer\b|\bcut short\b|\bcollapsed\b|\bfell through\b|\bsnubbed\b|\bboycott\w*",
    _I,
)
NEGATED = re.compile(
    r"\b(?:did|does|do|will|would|could|has|have|had|was|were|is|are)(?: not|n't)\b|\bnever\b|\brefused to\b|\bdeclined to\b|\bruled out\b"
    r"|\bno (?:concrete |firm |immediate )?(?:plans?|meeting|talks|contact|call|summit|visit|date)\b|\bindirect\b|\bthrough (?:\w+ )?mediators?\b|\b(?:through|via) diplomatic channels\b|\bproximity talks\b|\bwithout (?:meeting|a meeting|holding)\b|\bdenied\b|\bdenies\b|\brul(?:ing|es|e) out\b|\bnot (?:meet|hold|visit|travel)\b"
    r"|\bnor\b|\brejected (?:an|the) (?:offer|invitation|request)\b|\bturned down\b|\bnot yet\b"
    # refusing or opposing talks is not holding them ("Iran rejects talks with US")
    r"|\b(?:reject|refus|oppos|spurn|rebuff)(?:e|es|ed|ing|s)? (?:\w+ ){0,2}(?:talks|meetings?|negotiations|dialogue)\b",
    _I,
)
CONDITIONAL = re.compile(
    r"\bif\b|\bunless\b|\bunlikely\b|\bnot (?:expected|likely|planned)\b|\bcould\b|\bmight\b|\b(?-i:may)\b|\bready to\b|\bwilling to\b|\bopen to\b|\bhopes? to\b|\bhoped to\b|\bwants? to\b|\bwanted to\b"
    r"|\bwished to\b|\boffered to\b|\boffers to\b|\bpropos(?:ed|es|al)\b|\bsuggest(?:ed|s)?\b|\binvit(?:ed|es|e|ing)\b|\binvitation to\b|\bpossib(?:le|ility)\b|\bpotential\b|\bconsidering\b|\bbeing considered\b|\bunder consideration\b|\bseeks?\b|\bseeking\b"
    r"|\bconsidering\b|\bmulling\b|\bseek(?:s|ing)? (?:a |to )\b|\bcalls? for\b|\bcalled for\b|\burged\b|\bwhether\b|\bspeculat\w+|\brumou?r\w*"
    r"|\bwould like\b|\bwould be (?:useful|welcome|possible|important|good|helpful|premature|desirable)\b|\bdreams? of\b|\bno date\b|\bexplor(?:e|ing) (?:a|the)\b|\bin principle\b|\bpushing for\b|\bplaying host\b",
    _I,
)
# "at the invitation of" marks a visit that happens, not a hypothetical one.
INVITATION_OF = re.compile(r"\bat the invitation of\b", _I)
PAST_REFERENCE = re.compile(
    r"\bhad (?:previously |last |already |first )(?:met|visited|held|spoken|talked)\b|\blast met\b|\bfirst met\b|\bpreviously met\b|\b(?:have|has) met\b|\bmet (?:\w+ ){0,2}times\b"
    r"|\b(?:previous|last|earlier|prior|past) (?:face-to-face )?(?:meeting|visit|talks|summit|call)\b|\bsince (?:their|the|a) \w*\s?(?:meeting|talks|summit|call|visit)\b"
    r"|\byears? ago\b|\bmonths ago\b|\bweeks ago\b|\blast (?:month|year)\b|\brecall(?:s|ed|ing)?\b|\bremember(?:s|ed|ing)?\b|\breminisc\w+|\bback in\b|\bhistoric\w* (?:meeting|visit|summit) in (?:19|20)\d\d\b"
    r"|\bwhen (?:he|she|they|the two) (?:last )?met\b|\bwhile in office\b|\bduring (?:his|her|their) (?:tenure|term|presidency|premiership)\b|\btwice\b|\b(?:several|many|three|four|five) times\b|\bon (?:several|many|numerous) occasions\b|\bthe (?:19|20)\d\d (?:meeting|summit|visit|talks)\b|\bhave (?:held|had) \w+ (?:meetings|talks|calls)\b|\banniversary\b|\b(?:\w+|\d+) (?:years?|decades?) (?:after|since)\b|\bwhen\b[^,;.]{0,80}\b(?:met|visited|held talks|spoke)\b",
    _I,
)
# Denials reach further back than other negation: "denied on Friday that the premier had met ...".
DENIAL = re.compile(
    r"\bden(?:ied|ies|y|ying)\b|\bdismiss(?:ed|es)? reports\b|\brejected reports\b|\bfalse reports?\b",
    _I,
)
# "had held talks" reports a recent meeting in indirect speech ("the Kremlin said they had
# held talks on Monday") as often as it recalls an old one: past only without a recent day.
PLUPERFECT = re.compile(r"\bhad (?:met|visited|held|spoken|talked|hosted|received)\b", _I)
# A meeting dated further back than this before the reference day is a past reference.
PAST_REFERENCE_DAYS = 10
MULTILATERAL = re.compile(
    r"\bsummit\b|\bconference\b|\bheads of (?:state|government)\b|\bforum\b|\bministerial\b|\bassembly\b|\bplenary\b|\bcongress\b|\bcouncil\b|\bgathering\b|\bleaders of\b|\bministers of\b|\bgroup of\b|\bcoalition\b|\bcontact group\b|\bformat\b|\bround ?table\b|\bpanel\b|\bsession\b|\bcongress\b|\bgames\b",
    _I,
)
SIDELINES = re.compile(
    r"\bsidelines?\b|\bon the margins?\b|\bbilateral\b|\bseparately\b|\bone-on-one\b|\bside meeting\b|\bin a separate\b|\balso met\b|\balso held\b",
    _I,
)
SEPARATELY = re.compile(
    r"\bseparate(?:ly)?\b|\brespectively\b|\b(?:two|three|four|several) (?:separate |phone |telephone )*(?:calls|meetings|conversations)\b|\bone after another\b|\bin turn\b|\bback-to-back\b|\bindividual(?:ly)?\b",
    _I,
)
TRILATERAL = re.compile(
    r"\btrilateral\b|\bthree-way\b|\bthree-party\b|\btripartite\b|\bquadrilateral\b|\bfour-way\b|\bthree leaders\b|\bthree countries\b|\bthree nations\b|\bthree (?:foreign )?ministers\b|\bfour leaders\b|\btrio\b",
    _I,
)
TWO_SIDES = re.compile(
    r"\bthe two (?:leaders|sides|presidents|prime ministers|premiers|ministers|foreign ministers|countries|heads of state|heads of government|governments|nations|parties|counterparts|top diplomats|defen[cs]e ministers|officials|delegations|men|women|chancellors|diplomats)\b|\bboth (?:leaders|sides|presidents|ministers)\b",
    _I,
)
PRONOUN_SUBJECT = re.compile(
    r"(?:^|\W)(?:he|she|they)\s+(?:\w+\s+){0,2}?(?:met|meets|held|holds|hosted|hosts|received|receives|spoke|speaks|talked|visited|visits|also|later|then|had|paid|pays|phoned|called|discussed|welcomed|greeted|arrived|will|is|was)\b"
    r"|^(?:during|at|on|in|after|before|while)\b[^,]{0,80},\s*(?:he|she)\b"
    r"|^(?:the|a) (?:visiting |russian |chinese |)\b(?:president|prime minister|premier|chancellor|foreign minister|minister|leader|king|emir|envoy|secretary of state|top diplomat)\b",
    _I,
)
SPORTS_OR_BUSINESS = re.compile(
    r"\b(?:match|matches|qualifier|qualifiers|world cup|championships?|tournaments?|leagues?|olympic|olympics|group stage|table tennis|kick-?off|stadium|goals?|scored|semi-?final|quarter-?final|final whistle"
    r"|squad|coach|fixture|derby|friendly|grand prix|medal|ceo|chief executive|shareholders|merger|acquisition|earnings|quarterly|stock|shares|investors|board meeting"
    r"|annual general meeting|agm|sales|startup|start-up|brand|fans|marathon|runners|wicket|innings|set point|match point|tiebreak|grand slam|race|lap|podium|boxing|bout|knockout)\b",
    _I,
)
# Three or more sports or business words make the whole story a match or a deal,
# where "met" and "talks" are no diplomacy.
SPORTS_ARTICLE_HITS = 3

# -- frames: strong and weak, and what comes right after them ----------------------------

# Nouns and arrivals: a weak frame ("meeting", "visit", "arrived") is often far from
# the day it happened and, at a multilateral event, no bilateral meeting at all.
WEAK_TRIGGER = re.compile(
    r"^(?:meeting|talks (?:in|at|on)|in talks|visit\w*|tour\w*|arriv\w+|land\w+|trip|agree|pledg|vow|reaffirm|sign|ink|seal)",
    _I,
)
# "The visit was called off": a cancellation of the meeting the story is about.
THE_MEETING = re.compile(
    r"\b(?:the|this|that|his|her|their) (?:planned |scheduled |proposed )?(?:visit|meeting|talks|trip|summit|call)\b",
    _I,
)
# Negation and condition said after the frame: "a meeting has not been set", "talks, if ...".
AFTER_NEGATION = re.compile(
    r"^[^;]{0,40}?\b(?:not yet|has not been|have not been|was not|were not|had not been|never)\b",
    _I,
)
AFTER_CONDITION = re.compile(
    r"^[^;]{0,80}?\b(?:if|unless|provided that|on condition|being considered|under consideration|no date|not been set|in principle"
    r"|could|might|(?-i:may)|unlikely|not expected|not planned|possible|would be (?:useful|welcome|possible|important|good|helpful|premature)"
    r"|(?<!of )(?<!on )(?<!about )indirect|through (?:\w+ )?mediators?|without meeting)\b",
    _I,
)
# Negation right after the frame: "a meeting not planned", "talks no longer on the table".
NOT_AFTER = re.compile(r"\s+(?:not|no)\b")

# -- windows around a frame (characters) -------------------------------------------------

# Negation, condition and future sit a few words before the verb: "did not hold talks".
MODALITY_BEFORE = 50
# Denials reach further back: "denied on Friday that the premier had met".
DENIAL_BEFORE = 110
# A past reference may open the clause or close it: "since their last meeting in Paris".
PAST_BEFORE = 100
PAST_AFTER = 35
# "had" right before the verb: "had met", "had held talks".
PLUPERFECT_BEFORE = 20
# A year after the verb dates the meeting: "met in Geneva in June 2021".
YEAR_AFTER = 60
# Future words right after the verb: "meeting scheduled for", "talks set for".
FUTURE_AFTER = 20
# The channel next to a meeting frame makes it a call: "held talks by phone".
CALL_CHANNEL_BEFORE = 30
CALL_CHANNEL_AFTER = 50
# An organisation this close to a meeting frame at a multilateral event takes part in it.
ORG_FRAME_REACH = 60
# How far after a meeting verb its object may start ("met Indonesian Foreign Minister ...").
FRAME_OBJECT_REACH = 40

# -- sentences and datelines -------------------------------------------------------------

# The dateline patterns live in wirewatch.datelines (dedupe reads plain text with them too).
# Words with a full stop that end no sentence.
ABBREVIATIONS = frozenset(
    {
        "U.S.", "U.K.", "U.N.", "E.U.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.",
        "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
        "Gen.", "Lt.", "Col.", "Sen.", "Rep.", "Gov.", "No.", "Jr.", "Sr.", "Prof.", "Maj.",
        "Capt.", "Adm.", "Sgt.", "Corp.", "Inc.", "Ltd.", "Co.", "vs.", "J.D.", "S.", "Ft.",
        "Mt.", "Pres.", "Amb.",
    }
)  # fmt: skip
# Initials end no sentence either: "K.P. Sharma Oli".
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")

# -- dating ------------------------------------------------------------------------------

# "..., the ministry said on Monday": the day of the statement, not of the meeting.
ATTRIBUTION = re.compile(
    r"\b(?:said|says|announced|reported|confirmed|stated|added|noted|wrote|told reporters|posted|tweeted|revealed|disclosed)"
    r"(?:\s+(?:in a statement|in a post|on X|on Telegram|late|early))?\s+(?:on\s+)?"
    r"(?:" + WEEKDAY_PATTERN.title() + r"|yesterday|today"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?-i:[A-Z])[a-z]{2,8}\.?|(?-i:[A-Z])[a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?)\b(?!\s*(?:-|to)\s*\d)",
    _I,
)
# "He later held a bilateral meeting ... the same day": dated as surely as the day said before.
SAME_DAY = re.compile(
    r"\b(?:the same day|later (?:in )?that day|later in the day|earlier in the day|that evening|the same evening|on the same occasion)\b",
    _I,
)
# A year earlier than the reference day's marks a meeting recalled, not reported.
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# Date phrases too loose to date a story by.
VAGUE_KINDS = frozenset(
    {
        "month_only",
        "past_period",
        "future_period",
        "last_week",
        "next_week",
        "tomorrow",
        "next_weekday",
    }
)
# A meeting dated more than this many days after the reference day has not happened
# yet: it is announced (a day or two covers time zones and overnight copy).
ANNOUNCED_AFTER_DAYS = 2

# -- confidence --------------------------------------------------------------------------

# Confidence per evidence score (0..6): the precision each score had on labelled
# items not used for tuning (the first held-out batch, scored before it was
# opened), rounded and kept monotone. benchmarks/detect_bench.py prints the
# calibration table to re-check it.
CONFIDENCE_TABLE: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 0.97)
