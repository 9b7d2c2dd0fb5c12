"""The demo newswire's archive: fourteen weeks of generated news before the demo week.

``config/demo/history/`` holds a calendar (cast, rhythm, planned meetings, the
summit, announced visits, house styles) and templates of our own writing
(``meetings.yaml``, ``negatives.yaml``, ``filler.yaml``). :func:`generate_history`
turns them into :class:`~wirewatch.demo.content.DemoArticle` objects on the five
demo sites, together with the ground truth they carry: the meetings each article
reports, the wire stories republished as copies on other sites, the hard
negatives. Generation is a pure function of those files: one
``random.Random(seed)`` makes every choice in a fixed order, so the same files
always give the same articles, byte for byte.

    history = generate_history(Path("config/demo/history"))
    history.articles        # DemoArticle objects, any site
    history.meetings        # ExpectedMeeting: pair, stored kind, day, place, reports
    history.summary()       # counts that expected.yaml pins
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from wirewatch.demo.history.model import History, HistoryStory, MeetingReport
from wirewatch.demo.history.planner import _Generator

__all__ = ["History", "HistoryStory", "MeetingReport", "generate_history"]


def generate_history(folder: Path, reserved: Collection[str] = ()) -> History:
    """The archive described by ``folder`` (``calendar.yaml`` and the templates).

    ``reserved``: article ids (``site/slug``) already taken, by the hand-written week.
    """
    return _Generator(folder).build(reserved)
