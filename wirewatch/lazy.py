"""Facades whose names load on first use, listed once: as their typed imports.

A facade package (``wirewatch.store``, ``wirewatch.run``) writes each public
name once, in an ``if TYPE_CHECKING:`` block of ``from <package>.<module> import``
lines: what type checkers and readers see. :func:`lazy_names` reads that block
from the facade's own source and maps each name to its module, so the
package's ``__all__`` and its module ``__getattr__`` follow from it::

    _WHERE = lazy_names(__name__, __file__)
    __all__ = sorted(_WHERE)

    def __getattr__(name: str) -> Any:
        return load_lazily(name, _WHERE, globals(), facade=__name__)

A command that needs one name then imports one module, not every stage.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

__all__ = ["lazy_names", "load_lazily"]


def lazy_names(package: str, source: str) -> dict[str, str]:
    """``{name: module}`` for every name imported from ``package``'s submodules under TYPE_CHECKING."""
    tree = ast.parse(Path(source).read_text(encoding="utf-8"), filename=source)
    where: dict[str, str] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"):
            continue
        for statement in node.body:
            if isinstance(statement, ast.ImportFrom) and (statement.module or "").startswith(
                f"{package}."
            ):
                for alias in statement.names:
                    where[alias.asname or alias.name] = str(statement.module)
    return where


def load_lazily(
    name: str, where: dict[str, str], namespace: MutableMapping[str, Any], *, facade: str
) -> Any:
    """Import ``name`` from its module (``where``), keep it in ``namespace`` and return it."""
    module = where.get(name)
    if module is None:
        raise AttributeError(f"module {facade!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    namespace[name] = value  # later lookups are plain attribute reads
    return value
