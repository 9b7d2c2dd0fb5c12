"""Cues that tell how a state mention takes part in a sentence, kept as data.

A state named in a sentence is an official actor ("Kenya's foreign minister"),
a weak actor (a bare "Russia and Belarus held talks"), a place ("in Kenya"),
a topic ("talks on Ukraine") or a non-state body ("U.S. carmakers"). The cues
below sit right before or after the name; the names of states, officials and
title words are data in ``wirewatch/data/gazetteer/``, not here.
"""

from __future__ import annotations

import re

from wirewatch.lexicon import MONTHS_EN, WEEKDAYS

__all__ = [
    "APPOSITIVE_REACH",
    "BARE_TITLE",
    "CHAIN",
    "CHAIN_PASSES",
    "COMPOUND_TALKS",
    "CUE_AFTER",
    "CUE_BEFORE",
    "FORMER",
    "FORMER_TITLE",
    "GAP_STOP",
    "LEADER_AFTER_POSSESSIVE",
    "LEADER_AFTER_TITLE",
    "MILITARY_OFFICIAL",
    "NAME",
    "NOT_ACTOR_BEFORE",
    "NOT_NAME",
    "PERSON_AFTER_TITLE",
    "PLACE_BEFORE",
    "PLACE_CUE_BEFORE",
    "POSSESSIVE",
    "SOURCE_TITLE",
    "SOURCE_VERB",
    "STATE_NAMED_AFTER",
    "SURNAME",
    "TOPIC_BEFORE",
    "UNTITLED_STATE_TITLE",
    "VENUE",
    "VISIT_AFTER",
    "WEAK_ACTOR_BEFORE",
    "WEAK_PLACE_BEFORE",
]

# -- windows around a state mention (characters) -----------------------------------------

# Title and role cues sit next to the name; short windows keep the "$"-anchored
# cue patterns local to it ("the spouses of the German and French leaders").
CUE_BEFORE = 45
# A place or topic cue is the word or two right before the name ("visited the").
PLACE_CUE_BEFORE = 25
# "'s foreign minister Amani Wekesa": a title and a name after the state's name.
CUE_AFTER = 80
# "Aliaksandr Verin, president of Belarus": a name, a comma and a title before "of".
APPOSITIVE_REACH = 110
# "US President Joe Biden": the leader's name follows the title within two
# characters (a space, or a space and a quote).
LEADER_AFTER_TITLE = 2
# "Russia's Putin": the leader's name follows "'s " or "’s ".
LEADER_AFTER_POSSESSIVE = 4
# "Russian, Belarusian and Kazakh leaders": a second pass carries the official
# role back through a chain of three.
CHAIN_PASSES = 2


# -- cues before or after a state mention ------------------------------------------------

# People around an official who are no officials themselves.
NOT_ACTOR_BEFORE = re.compile(
    r"\b(?:spouses?|wives|wife|husbands?|daughters?|sons?|children|family|families|relatives|widow|supporters|critics"
    r"|opponents|fans|citizens|nationals|tourists|students|veterans|descendants) of (?:the )?(?:\w+ and )?$",
    re.I,
)
FORMER = re.compile(r"\b(?:former|ex-|late|then|one-time|onetime|retired|outgoing)\s*$", re.I)
# Military heads act for their state, though "Russian army" alone is no official.
MILITARY_OFFICIAL = re.compile(
    r"^(?:'s|’s)?\s+(?:army|navy|air force|military|armed forces|defen[cs]e forces)\s+(?:chiefs?|commanders?|heads?|chiefs? of (?:the )?(?:general )?staff)\b",
    re.I,
)
# What must come right before a state mention for it to be a place (where), not an actor (who).
PLACE_BEFORE = re.compile(
    r"(?:\bin|\bto|\bat|\bvisited|\bvisiting|\bvisit|\btoured|\btour of|\barrived in|\blanded in|\bwelcomed to|\bfrom|\bacross|\bthrough|\bnear|\boutside|\binside|\bleft|\bleaving|\bdeparted|\bback to)\s+(?:the\s+)?$",
    re.I,
)
# What before a state mention makes it a subject of talk, not a participant.
TOPIC_BEFORE = re.compile(
    r"(?:\bon|\babout|\bover|\bregarding|\bconcerning|\bagainst|\binto|\btowards?|\bdiscussed|\bdiscuss|\bincluding|\bsituation in|\bcrisis in|\bwar in|\bconflict in"
    r"|\binvasion of|\bsanctions on|\brelations with|\bties with|\blike|\bsuch as|\bthan|\bby|\bfor|\bof|\bbeyond|\bamong|\bwithin|\bunlike|\bversus|\bvs\.?|\bbeat|\bbeats|\bdefeated|\bdefeat|\bplay|\bplays|\bface|\bfaces|\bfacing)\s+(?:the\s+)?$",
    re.I,
)
# A bare state name is a weak actor after these ("Russia and Belarus held talks", "talks with Belarus").
WEAK_ACTOR_BEFORE = re.compile(
    r"(?:^(?:the\s+)?|[,;:]\s*|^[\"“‘']\s*"
    r"|\b(?:talks|met|meet|meets|meeting|call|spoke|speaks|talked|consultations|negotiations|summit|conversation|dialogue)\s+(?:\w+\s+)?(?:with|between)\s+)$",
    re.I,
)
# "Russia's Putin": a possessive between a state and its leader.
POSSESSIVE = re.compile(r"^(?:'s|’s|')\s+")
# "Russia-Belarus talks" names two actors; "Russian-Belarusian relations" is a topic.
COMPOUND_TALKS = re.compile(
    r"^(?:-[A-Z][\w.]*)*\s+(?:talks|summit|meeting|call|negotiations|consultations|leaders|foreign ministers|ministers)\b",
    re.I,
)
# What joins two states of one side: "the Russian and Belarusian leaders".
CHAIN = re.compile(r"^\s*(?:,|and|,\s*and|&|/)\s*(?:the\s+)?$")
# "Kenya's state visit", "Vietnam trip": the state is where the meeting is.
VISIT_AFTER = re.compile(
    r"^(?:'s)?\s+(?:state |official |working )?(?:visit|trip|talks|summit|meeting)\b", re.I
)
# A place named after a building is a venue in a city's stead, not a city.
VENUE = re.compile(r"Palace|Hall|House|Guesthouse|Castle|Building|Office|Villa|Pavilion|Mansion")
# "former" inside a title after the state: "Kenya's former foreign minister".
FORMER_TITLE = re.compile(r"\b(?:former|ex-)", re.I)
# A bare place name after these is a weak actor: "talks with Moscow".
WEAK_PLACE_BEFORE = re.compile(r"(?:\bwith|\bbetween)\s+$")
# "President X of Chile": the name after a title is followed by its own state.
STATE_NAMED_AFTER = re.compile(r"\s+(?:of|from)\s")

# -- officials and their names -----------------------------------------------------------

# "Prime Minister K.P. Sharma Oli" with no state named: the home state of the story.
BARE_TITLE = re.compile(
    r"(?:^|[,;]\s+|\band\s+|\bwith\s+|\bby\s+)(?:the\s+)?(?:President|Prime Minister|Premier|Chancellor|Foreign Minister|External Affairs Minister"
    r"|Minister of Foreign Affairs|Defen[cs]e Minister|King|Emir|Amir|Crown Prince|Sultan|Vice President|Deputy Prime Minister|Foreign Secretary)"
    r"\s+((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)"
)
# Words that cannot stand between a state and its official's title: in "Belarus met
# President Wang" the title belongs to the other side.
GAP_STOP = (
    r"(?:met|meets|meeting|held|holds|hosted|hosts|received|receives|welcomed|greeted|visited|visits"
    r"|called|spoke|talked|told|said|says|thanked|urged|invited|and|with|to|of|for|in|on|at|by|from"
    r"|as|is|was|were|has|had|have|will|would|than|whose|which|who)\b"
)
# An institution that reports a meeting rather than taking part: "Qatar's foreign ministry said".
SOURCE_TITLE = re.compile(r"\b(?:ministry|government|administration|authorities)$", re.I)
SOURCE_VERB = re.compile(
    r"^(?:\s+(?:spokes(?:man|woman|person)|press service|statement))?\s+(?:said|says|announced|reported|confirmed|stated|added|noted)\b",
    re.I,
)
# A personal name: two to four capitalised words, with the particles names carry.
NAME = r"(?-i:[A-Z][\w'’.-]+(?:\s+(?:(?:bin|binti|ibn|al|el|da|de|do|dos|van|von|der|den|le|la|di|du)\s+)?[A-Z][\w'’-]+){1,3})"
PERSON_AFTER_TITLE = re.compile(r"^\s+(" + NAME + r")")
# "President Aliaksandr Verin" with no state named and no dateline to say whose:
# the name goes to the side of a pair that has none.
UNTITLED_STATE_TITLE = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chancellor|Foreign Minister|Defen[cs]e Minister|Vice President"
    r"|Deputy Prime Minister|Vice Premier|Foreign Secretary|Secretary of State|King|Emir|Crown Prince)\s+("
    + NAME
    + r")"
)
# Capitalised words that are never part of a personal name (headlines are in title case).
NOT_NAME = frozenset(
    {
        "says", "said", "say", "meets", "met", "meet", "holds", "held", "hold", "talks", "talk",
        "visits", "visit", "visited", "calls", "call", "called", "urges", "urged", "hosts",
        "hosted", "receives", "received", "discusses", "discussed", "agree", "agrees", "agreed",
        "sign", "signs", "signed", "vows", "pledges", "pledged", "tells", "told",
        "to", "in", "on", "at", "of", "for", "with", "and", "the", "a", "an", "as", "by", "from",
        "after", "before", "over", "amid", "ahead", "during", "new", "his", "her", "their",
        "ties", "relations", "trade", "deal", "deals", "summit", "meeting", "cooperation",
        "office", "palace", "hall", "house", "government", "ministry", "council",
        "administration", "embassy", "spokesperson", "spokesman", "press", "service", "statement",
        *WEEKDAYS,
        *MONTHS_EN,
    }
)  # fmt: skip
# Surname-like words of a participant's name ("Han" of "Han Duck-soo"), to know
# the participant again when a later sentence names only the surname.
SURNAME = re.compile(r"[A-Z][\w'’-]{2,}")
