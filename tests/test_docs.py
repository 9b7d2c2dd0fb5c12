"""Undocumented commands and settings fail the build."""

from pathlib import Path

import yaml

from wirewatch.app.cli import app
from wirewatch.config import Defaults

REPO = Path(__file__).resolve().parents[1]


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"`wirewatch {name}" in readme, f"wirewatch {name} is not documented in README.md"


def test_every_default_is_in_defaults_yaml() -> None:
    shipped = yaml.safe_load((REPO / "config" / "defaults.yaml").read_text(encoding="utf-8"))
    assert set(shipped) == set(Defaults.model_fields)
    assert Defaults.model_validate(shipped) == Defaults()
