"""robots.txt policy: what one robots.txt answer means for the rest of the run.

RFC 9309: a 4xx robots.txt (missing, forbidden) allows everything; a server
error or no answer at all means "assume the whole site is disallowed", which we
keep for this run only. Fetching lives in :mod:`wirewatch.fetch.client`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from protego import Protego

__all__ = ["RobotsPolicy", "StoredRobots", "robots_url"]


@dataclass(frozen=True)
class RobotsPolicy:
    """The verdict for one origin: allow all, disallow all, or the parsed rules."""

    reason: str  # "rules", "missing" (4xx: allow all) or "unavailable" (5xx/no answer: disallow)
    rules: Protego | None = None
    # For "unavailable": how the robots.txt request failed, recorded on the URLs it blocks.
    outcome: str | None = None
    detail: str | None = None

    @classmethod
    def from_text(cls, text: str) -> RobotsPolicy:
        """Rules parsed from a robots.txt body."""
        return cls("rules", Protego.parse(text))

    @classmethod
    def missing(cls) -> RobotsPolicy:
        """No robots.txt (a 4xx answer): everything is allowed."""
        return cls("missing")

    @classmethod
    def unavailable(cls, outcome: str | None = None, detail: str | None = None) -> RobotsPolicy:
        """robots.txt could not be read (5xx, 429, timeout): nothing is allowed this run."""
        return cls("unavailable", outcome=outcome, detail=detail)

    def allows(self, url: str, user_agent: str) -> bool:
        """True when ``user_agent`` may fetch ``url`` under this policy."""
        if self.reason == "missing":
            return True
        if self.reason == "unavailable" or self.rules is None:
            return False
        return bool(self.rules.can_fetch(url, user_agent))


@dataclass(frozen=True)
class StoredRobots:
    """A robots.txt answer kept across runs: a body (2xx) or none (a 4xx, all allowed)."""

    robots_url: str
    status_code: int
    body: str | None
    fetched_at: datetime

    def policy(self) -> RobotsPolicy:
        """What the stored answer decides."""
        return RobotsPolicy.missing() if self.body is None else RobotsPolicy.from_text(self.body)


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url`` (one per scheme, host and port)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"
