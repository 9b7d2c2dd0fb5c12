"""Bilateral-meeting detection and country mentions, driven by a gazetteer kept as data."""

from wirewatch.detect.gazetteer import Gazetteer, Leader, Mention, Term, load_gazetteer
from wirewatch.detect.meetings import detect_meetings, mentioned_countries
from wirewatch.detect.reports import MeetingReport, best_location, best_report

__all__ = [
    "Gazetteer",
    "Leader",
    "MeetingReport",
    "Mention",
    "Term",
    "best_location",
    "best_report",
    "detect_meetings",
    "load_gazetteer",
    "mentioned_countries",
]
