"""Which meetings, and which new stories, raise an alert on which channel (rules of ``alerts.yaml``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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


def plan_alerts(
    meetings: Sequence[MeetingView], config: AlertsConfig
) -> list[tuple[str, str, str]]:
    """List ``(meeting_id, channel_name, rule_name)`` for every alert to create.

    One entry per (meeting, channel) however many rules match; the rule named is
    the first matching one in file order. Order: meetings as given, channels in
    file order. Raises :class:`ConfigError` for an inconsistent config.
    """
    rules = _compile_all(config)
    channel_order = [channel.name for channel in config.channels]
    planned: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for meeting in meetings:
        first_rule: dict[str, str] = {}
        for rule in rules:
            if rule.matches(meeting):
                for channel in rule.channels:
                    first_rule.setdefault(channel, rule.name)
        for channel in channel_order:
            key = (meeting.meeting_id, channel)
            # The same meeting handed in twice must still give one alert per channel.
            if channel in first_rule and key not in seen:
                seen.add(key)
                planned.append((meeting.meeting_id, channel, first_rule[channel]))
    return planned


def story_queries(config: AlertsConfig) -> tuple[str, ...]:
    """The saved query names that story rules watch, in rule order, each once."""
    return tuple(dict.fromkeys(q for r in config.rules if r.kind == "story" for q in r.queries))


def plan_story_alerts(
    matched: Mapping[str, Sequence[str]], config: AlertsConfig
) -> list[tuple[str, str, str, str]]:
    """List ``(story_id, channel_name, rule_name, query_name)`` for every story alert to create.

    ``matched`` maps each new story to the saved queries it matched. One entry
    per (story, channel) however many rules and queries match; the rule and
    query named are the first matching ones in file order. Order: stories as
    given, channels in file order.
    """
    rules = [r for r in _compile_all(config) if r.kind == "story"]
    channel_order = [channel.name for channel in config.channels]
    planned: list[tuple[str, str, str, str]] = []
    for story_id, queries in matched.items():
        first: dict[str, tuple[str, str]] = {}
        for rule in rules:
            hit = next((q for q in rule.queries if q in queries), None)
            if hit is not None:
                for channel in rule.channels:
                    first.setdefault(channel, (rule.name, hit))
        planned += [(story_id, c, *first[c]) for c in channel_order if c in first]
    return planned
