"""Bilateral-meeting detection and country mentions, driven by a gazetteer kept as data."""

from wirewatch.detect.gazetteer import Gazetteer, Leader, Mention, Term, load_gazetteer
from wirewatch.detect.meetings import detect_meetings, mentioned_countries

__all__ = [
    "Gazetteer",
    "Leader",
    "Mention",
    "Term",
    "detect_meetings",
    "load_gazetteer",
    "mentioned_countries",
]
