"""Which meetings, and which new stories, raise an alert on which channel (rules of ``alerts.yaml``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from wirewatch.alert.countries import resolve_country
from wirewatch.alert.records import MeetingView
from wirewatch.config import AlertRule, AlertsConfig
from wirewatch.errors import ConfigError

__all__ = ["check_alerts_config", "plan_alerts", "plan_story_alerts", "story_queries"]


@dataclass(frozen=True)
class _Rule:
    """A rule with its countries resolved and its channels spelled out."""

    name: str
    kind: str  # meeting or story
    queries: tuple[str, ...]  # story rules: saved query names
    kinds: frozenset[str]
    countries: frozenset[str]
    pairs: frozenset[frozenset[str]]
    min_confidence: float
    channels: tuple[str, ...]
    max_age_days: int | None

    def too_old(self, published: datetime | None, now: datetime) -> str | None:
        """Why an item first published at ``published`` is too old to alert on ``now``; None if it is not."""
        if self.max_age_days is None or published is None:
            return None
        age = now - published
        if age <= timedelta(days=self.max_age_days):
            return None
        return (
            f"too old: published {published.astimezone(UTC):%Y-%m-%d}, {age.days} days before "
            f"the run (rule {self.name!r}: max_age_days: {self.max_age_days})"
        )

    def matches(self, meeting: MeetingView) -> bool:
        if self.kind != "meeting":
            return False
        if meeting.kind not in self.kinds or meeting.confidence < self.min_confidence:
            return False
        if not self.countries and not self.pairs:
            return True
        # Countries and pairs are both "of interest": either one is enough, so
        # `countries: [BY]` with `pairs: [[CN, RU]]` alerts on both, not on none.
        a, b = meeting.country_a.upper(), meeting.country_b.upper()
        return a in self.countries or b in self.countries or frozenset((a, b)) in self.pairs


def _compile(rule: AlertRule, channel_names: tuple[str, ...]) -> _Rule:
    for channel in rule.channels:
        if channel not in channel_names:
            raise ConfigError(
                f"alerts.yaml: rule {rule.name!r} names channel {channel!r}, "
                f"which is not among the channels ({', '.join(channel_names) or 'none'})"
            )
    pairs: set[frozenset[str]] = set()
    for a, b in rule.pairs:
        pair = frozenset((resolve_country(a), resolve_country(b)))
        if len(pair) != 2:
            raise ConfigError(
                f"alerts.yaml: rule {rule.name!r} has a pair of one country ({a}, {b})"
            )
        pairs.add(pair)
    return _Rule(
        name=rule.name,
        kind=rule.kind,
        queries=rule.queries,
        kinds=frozenset(rule.kinds),
        countries=frozenset(resolve_country(c) for c in rule.countries),
        pairs=frozenset(pairs),
        min_confidence=rule.min_confidence,
        channels=rule.channels or channel_names,
        max_age_days=rule.max_age_days,
    )


def check_alerts_config(config: AlertsConfig) -> None:
    """Raise :class:`ConfigError` for what pydantic cannot see: duplicate names, unknown channels or countries."""
    _compile_all(config)


def _compile_all(config: AlertsConfig) -> list[_Rule]:
    channel_names = tuple(channel.name for channel in config.channels)
    for names, what in ((channel_names, "channel"), (tuple(r.name for r in config.rules), "rule")):
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise ConfigError(f"alerts.yaml: {what} name {name!r} appears twice")
            seen.add(name)
    return [_compile(rule, channel_names) for rule in config.rules]


def _published(meeting: MeetingView) -> datetime | None:
    """When a meeting was first reported; its day when no report carries a date."""
    if meeting.published_at is not None or meeting.event_date is None:
        return meeting.published_at
    return datetime.combine(meeting.event_date, time(), UTC)


def _choose(
    channel_order: Sequence[str], fits: Mapping[str, str], too_old: Mapping[str, tuple[str, str]]
) -> list[tuple[str, str, str | None]]:
    """Per channel, in file order: the first rule that alerts, else the first that found it too old."""
    chosen: list[tuple[str, str, str | None]] = []
    for channel in channel_order:
        if channel in fits:
            chosen.append((channel, fits[channel], None))
        elif channel in too_old:
            chosen.append((channel, *too_old[channel]))
    return chosen


def plan_alerts(
    meetings: Sequence[MeetingView], config: AlertsConfig, *, now: datetime
) -> list[tuple[str, str, str, str | None]]:
    """List ``(meeting_id, channel_name, rule_name, skip_reason)`` for every alert to create.

    One entry per (meeting, channel) however many rules match; the rule named is
    the first matching one in file order whose ``max_age_days`` the meeting is
    within on ``now`` (skip_reason None: to send). A channel whose matching
    rules all find the meeting too old gets an entry with the first one's reason:
    recorded as skipped, never sent. Order: meetings as given, channels in file
    order. Raises :class:`ConfigError` for an inconsistent config.
    """
    rules = _compile_all(config)
    channel_order = [channel.name for channel in config.channels]
    planned: list[tuple[str, str, str, str | None]] = []
    seen: set[tuple[str, str]] = set()
    for meeting in meetings:
        fits: dict[str, str] = {}
        too_old: dict[str, tuple[str, str]] = {}
        for rule in rules:
            if rule.matches(meeting):
                reason = rule.too_old(_published(meeting), now)
                for channel in rule.channels:
                    if reason is None:
                        fits.setdefault(channel, rule.name)
                    else:
                        too_old.setdefault(channel, (rule.name, reason))
        for channel, rule_name, reason in _choose(channel_order, fits, too_old):
            key = (meeting.meeting_id, channel)
            # The same meeting handed in twice must still give one alert per channel.
            if key not in seen:
                seen.add(key)
                planned.append((meeting.meeting_id, channel, rule_name, reason))
    return planned


def story_queries(config: AlertsConfig) -> tuple[str, ...]:
    """The saved query names that story rules watch, in rule order, each once."""
    return tuple(dict.fromkeys(q for r in config.rules if r.kind == "story" for q in r.queries))


def plan_story_alerts(
    matched: Mapping[str, Sequence[str]],
    config: AlertsConfig,
    *,
    now: datetime,
    published: Mapping[str, datetime | None] | None = None,
) -> list[tuple[str, str, str, str, str | None]]:
    """List ``(story_id, channel_name, rule_name, query_name, skip_reason)`` for every story alert.

    ``matched`` maps each new story to the saved queries it matched, ``published``
    each story to its first copy's publication (none: never too old). One entry
    per (story, channel) however many rules and queries match; the rule and
    query named are the first matching ones in file order whose ``max_age_days``
    the story is within on ``now``, else the first that found it too old (with
    the reason: recorded as skipped). Order: stories as given, channels in file order.
    """
    rules = [r for r in _compile_all(config) if r.kind == "story"]
    channel_order = [channel.name for channel in config.channels]
    planned: list[tuple[str, str, str, str, str | None]] = []
    for story_id, queries in matched.items():
        fits: dict[str, str] = {}
        too_old: dict[str, tuple[str, str]] = {}
        query_of: dict[str, str] = {}
        for rule in rules:
            hit = next((q for q in rule.queries if q in queries), None)
            if hit is None:
                continue
            query_of.setdefault(rule.name, hit)
            reason = rule.too_old((published or {}).get(story_id), now)
            for channel in rule.channels:
                if reason is None:
                    fits.setdefault(channel, rule.name)
                else:
                    too_old.setdefault(channel, (rule.name, reason))
        planned += [
            (story_id, channel, rule_name, query_of[rule_name], reason)
            for channel, rule_name, reason in _choose(channel_order, fits, too_old)
        ]
    return planned
