"""The layers and their rules, enforced by walking every module's imports.

Imports inside functions count too (they are where lazy imports hide), so the
rules hold whatever a command loads at run time:

- ``wirewatch`` outside ``wirewatch.app`` never imports ``prefect``, ``flows``,
  ``tasks`` or ``wirewatch.app``;
- only ``wirewatch.app`` and ``flows`` import ``flows``;
- ``tasks`` never import ``flows`` or ``wirewatch.app``;
- a stage package (fetch, extract, dedupe, detect, alert, search) imports no
  other stage package, not even its facade, nor ``prefect``, ``flows``,
  ``tasks`` or ``wirewatch.app``: stages are independent, and the run steps and
  the store join them.

``wirewatch/__main__.py`` (``python -m wirewatch``) is the command line's
second door and counts as part of the app. No module in ``wirewatch/`` is over
600 lines, and ``run_plain`` (a second copy of the flow's sequence) is gone for good.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STAGES = ("fetch", "extract", "dedupe", "detect", "alert", "search")  # search: when it lands
MAX_LINES = 600  # a module longer than this does more than one job (issue 9)
APP_MODULES = ("wirewatch.app", "wirewatch.__main__")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> list[tuple[str, Path]]:
    found = []
    for top in ("wirewatch", "flows", "tasks"):
        for path in sorted((REPO / top).rglob("*.py")):
            found.append((_module_name(path), path))
    return found


def _imports(name: str, path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``name`` imports, anywhere in its body, as absolute names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # ``from wirewatch import app`` imports wirewatch.app
                yield node.lineno, f"{module}.{alias.name}"


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "wirewatch" and parts[1] in STAGES:
        return parts[1]
    return None


def _violations(
    modules: list[tuple[str, Path]] | None = None, root: Path = REPO
) -> list[str]:
    found: list[str] = []
    for name, path in _modules() if modules is None else modules:
        for line, imported in _imports(name, path):
            where = f"{path.relative_to(root)}:{line} imports {imported}"
            in_app = any(_within(name, app) for app in APP_MODULES)
            if _within(name, "wirewatch") and not in_app:
                for banned in ("prefect", "flows", "tasks", "wirewatch.app"):
                    if _within(imported, banned):
                        found.append(f"{where} (the domain never imports {banned})")
            if _within(imported, "flows") and not (in_app or _within(name, "flows")):
                found.append(f"{where} (only wirewatch.app and flows import flows)")
            if _within(name, "tasks") and (
                _within(imported, "flows") or _within(imported, "wirewatch.app")
            ):
                found.append(f"{where} (tasks never import flows or the app)")
            own, other = _stage_of(name), _stage_of(imported)
            if own and other and own != other:
                found.append(f"{where} (stage packages are independent)")
            # The domain rule above already bars prefect, flows, tasks and app from a stage.
    return found


def test_every_import_keeps_to_its_layer() -> None:
    assert _violations() == []


def test_the_walker_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    module = tmp_path / "wirewatch" / "fetch" / "x.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "def f():\n    import prefect\n    from ..extract import core\n    from . import rules\n",
        encoding="utf-8",
    )
    got = [m for _, m in _imports("wirewatch.fetch.x", module)]
    assert "prefect" in got
    assert "wirewatch.extract.core" in got
    assert "wirewatch.fetch.rules" in got


@pytest.mark.parametrize("name,path", _modules(), ids=lambda v: str(v))
def test_no_module_is_too_long(name: str, path: Path) -> None:
    if not _within(name, "wirewatch"):
        pytest.skip("only the wirewatch package has the line bar")
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(REPO)} has {lines} lines"


def test_the_rules_catch_a_domain_module_importing_flows(tmp_path: Path) -> None:
    module = tmp_path / "wirewatch" / "scheduler.py"
    module.parent.mkdir(parents=True)
    module.write_text("def serve():\n    from flows.deployments import serve\n", encoding="utf-8")
    found = _violations([("wirewatch.scheduler", module)], root=tmp_path)
    assert any("the domain never imports flows" in v for v in found)
    assert any("only wirewatch.app and flows import flows" in v for v in found)


def test_no_run_plain_anywhere() -> None:
    """The flow is the one place that writes the sequence of steps."""
    word = re.compile(r"\brun_plain\b")
    hits = [
        f"{path.relative_to(REPO)}:{number}"
        for top in ("wirewatch", "flows", "tasks", "tests", "benchmarks")
        for path in sorted((REPO / top).rglob("*.py"))
        if path != Path(__file__).resolve()  # this file names it to ban it
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if word.search(line)
    ]
    assert hits == []


def test_importing_the_domain_loads_no_prefect() -> None:
    modules = [
        n
        for n, _ in _modules()
        if _within(n, "wirewatch") and not any(_within(n, app) for app in APP_MODULES)
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "print(sorted(n for n in sys.modules if n == 'prefect' or n.startswith('prefect.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("facade", ["wirewatch.run", "wirewatch.store"])
def test_lazy_facades_export_exactly_their_typed_imports(facade: str) -> None:
    import importlib

    from wirewatch.lazy import lazy_names

    module = importlib.import_module(facade)
    where = lazy_names(facade, str(module.__file__))
    assert module.__all__ == sorted(where) and len(where) > 20
    for name, source in where.items():
        assert getattr(module, name) is getattr(importlib.import_module(source), name)
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        module.nothing_here  # noqa: B018
