"""The domain package never imports Prefect; only tasks/ and flows/ do."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_domain_modules_do_not_import_prefect() -> None:
    modules = sorted(
        "wirewatch." + ".".join(p.relative_to(REPO / "wirewatch").with_suffix("").parts)
        for p in (REPO / "wirewatch").rglob("*.py")
        if p.name not in ("__main__.py",)
    )
    modules = [m.removesuffix(".__init__") for m in modules]
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
