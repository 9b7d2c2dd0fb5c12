"""Lexicons and tunables of meeting detection, kept as data in one place.

Every pattern here is matched per sentence. They describe frames, not the
phrasings of any one agency: a meeting verb, an official of a state on each
side, and the modality around them (future, negation, cancellation, condition).
The names of states, officials and organisations, and the title words that
mark an official, are data in ``wirewatch/data/gazetteer/``, not here.
"""

from __future__ import annotations

import re

from wirewatch.lexicon import WEEKDAY_PATTERN

__all__ = [
    "ANNOUNCED",
    "CALL",
    "CALL_CHANNEL",
    "CALL_TRIGGER",
    "CANCELLED",
    "CONDITIONAL",
    "DENIAL",
    "FORMER",
    "FUTURE",
    "HEADLINE_CALL",
    "HEADLINE_FUTURE",
    "HEADLINE_MEET",
    "HOST_BLOCK",
    "INVITATION_OF",
    "IN_PERSON",
    "MEET_TRIGGER",
    "MILITARY_OFFICIAL",
    "MULTILATERAL",
    "NEGATED",
    "NOT_ACTOR_BEFORE",
    "PAST_REFERENCE",
    "PAST_REFERENCE_DAYS",
    "PLACE_BEFORE",
    "PLUPERFECT",
    "PRONOUN_SUBJECT",
    "SEPARATELY",
    "SIDELINES",
    "SPORTS_OR_BUSINESS",
    "TOPIC_BEFORE",
    "TRILATERAL",
    "TWO_SIDES",
    "VISIT_TRIGGER",
    "WEAK_ACTOR_BEFORE",
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
    r"|mosques?|temples?|memorials?|cemetery|compan(?:y|ies)|fairs?|festivals?|frontline|front line|shrines?|ports?|mines?|farms?|villages?)\b",
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
    r"|\bnor\b|\brejected (?:an|the) (?:offer|invitation|request)\b|\bturned down\b|\bnot yet\b",
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
# People around an official who are no officials themselves.
NOT_ACTOR_BEFORE = re.compile(
    r"\b(?:spouses?|wives|wife|husbands?|daughters?|sons?|children|family|families|relatives|widow|supporters|critics"
    r"|opponents|fans|citizens|nationals|tourists|students|veterans|descendants) of (?:the )?(?:\w+ and )?$",
    _I,
)
FORMER = re.compile(r"\b(?:former|ex-|late|then|one-time|onetime|retired|outgoing)\s*$", _I)
SPORTS_OR_BUSINESS = re.compile(
    r"\b(?:match|matches|qualifier|qualifiers|world cup|championships?|tournaments?|leagues?|olympic|olympics|group stage|table tennis|kick-?off|stadium|goals?|scored|semi-?final|quarter-?final|final whistle"
    r"|squad|coach|fixture|derby|friendly|grand prix|medal|ceo|chief executive|shareholders|merger|acquisition|earnings|quarterly|stock|shares|investors|board meeting"
    r"|annual general meeting|agm|sales|startup|start-up|brand|fans|marathon|runners|wicket|innings|set point|match point|tiebreak|grand slam|race|lap|podium|boxing|bout|knockout)\b",
    _I,
)
# Military heads act for their state, though "Russian army" alone is no official.
MILITARY_OFFICIAL = re.compile(
    r"^(?:'s|’s)?\s+(?:army|navy|air force|military|armed forces|defen[cs]e forces)\s+(?:chiefs?|commanders?|heads?|chiefs? of (?:the )?(?:general )?staff)\b",
    _I,
)
# What must come right before a state mention for it to be a place (where), not an actor (who).
PLACE_BEFORE = re.compile(
    r"(?:\bin|\bto|\bat|\bvisited|\bvisiting|\bvisit|\btoured|\btour of|\barrived in|\blanded in|\bwelcomed to|\bfrom|\bacross|\bthrough|\bnear|\boutside|\binside|\bleft|\bleaving|\bdeparted|\bback to)\s+(?:the\s+)?$",
    _I,
)
# What before a state mention makes it a subject of talk, not a participant.
TOPIC_BEFORE = re.compile(
    r"(?:\bon|\babout|\bover|\bregarding|\bconcerning|\bagainst|\binto|\btowards?|\bdiscussed|\bdiscuss|\bincluding|\bsituation in|\bcrisis in|\bwar in|\bconflict in"
    r"|\binvasion of|\bsanctions on|\brelations with|\bties with|\blike|\bsuch as|\bthan|\bby|\bfor|\bof|\bbeyond|\bamong|\bwithin|\bunlike|\bversus|\bvs\.?|\bbeat|\bbeats|\bdefeated|\bdefeat|\bplay|\bplays|\bface|\bfaces|\bfacing)\s+(?:the\s+)?$",
    _I,
)
# A bare state name is a weak actor after these ("Russia and Belarus held talks", "talks with Belarus").
WEAK_ACTOR_BEFORE = re.compile(
    r"(?:^(?:the\s+)?|[,;:]\s*|^[\"“‘']\s*"
    r"|\b(?:talks|met|meet|meets|meeting|call|spoke|speaks|talked|consultations|negotiations|summit|conversation|dialogue)\s+(?:\w+\s+)?(?:with|between)\s+)$",
    _I,
)
