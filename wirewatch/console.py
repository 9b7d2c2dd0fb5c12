"""Consoles that print data as plain text.

Titles, URLs, errors and query results come from the web. Printed through a
rich console with its defaults, ``[/x]`` in a headline is read as a markup tag
(and crashes the print), ``:x:`` becomes an emoji and an ANSI escape reaches
the terminal. Every console wirewatch prints on is made here with markup, emoji
and highlighting off, and every value from data goes through :func:`plain`:
a :class:`rich.text.Text` (never parsed) with control characters shown as
``\\xNN`` instead of being sent to the terminal.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.console import Console
from rich.text import Text

__all__ = ["plain", "plain_console", "visible"]

_SHOWN_AS_IS = "\n"  # line breaks in data stay line breaks


def _escape(char: str) -> str:
    code = ord(char)
    if char in _SHOWN_AS_IS:
        return char
    category = unicodedata.category(char)
    if category == "Cc":  # C0, DEL and C1: escapes, bells, carriage returns, tabs
        return f"\\x{code:02x}"
    if category == "Cs":  # a lone surrogate cannot be encoded for the terminal
        return f"\\u{code:04x}"
    return char


def visible(text: str) -> str:
    """``text`` with every control character except the newline written out as ``\\xNN``."""
    if text.isprintable():
        return text
    return "".join(_escape(c) for c in text)


def plain(value: Any) -> Text:
    """A value from data as rich Text: never read as markup or emoji; None is empty."""
    return Text("" if value is None else visible(str(value)))


class _PlainConsole(Console):
    def on_broken_pipe(self) -> None:
        """Leave a closed pipe (``| head``) to the caller; rich itself would exit with status 1."""
        self.quiet = True
        raise BrokenPipeError


def plain_console(*, stderr: bool = False, **options: Any) -> Console:
    """A rich console that reads no markup, emoji codes or highlighting in what it prints.

    A reader that goes away raises BrokenPipeError to the caller instead of exiting.
    """
    return _PlainConsole(stderr=stderr, markup=False, emoji=False, highlight=False, **options)
