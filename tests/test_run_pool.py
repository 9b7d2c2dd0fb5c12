"""The extraction pool's worker processes: what they load once, and what they do not run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _python(code: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_forkserver_preload_loads_the_tables_extraction_loads_lazily(tmp_path: Path) -> None:
    # A fresh interpreter: this one may have loaded them already.
    out = _python(
        "import wirewatch.run.preload\n"
        "from trafilatura import external\n"
        "from wirewatch.extract import language\n"
        "print(external.JT_STOPLIST is not None, language._identifier.cache_info().currsize)\n",
        tmp_path,
    )
    assert out == "True 1"


def test_pool_workers_do_not_run_the_parents_main_script(tmp_path: Path) -> None:
    # multiprocessing re-runs the parent's main script in every forkserver child by default:
    # a command's or a benchmark's imports, none of which a worker needs.
    marker = tmp_path / "main-runs.txt"
    script = tmp_path / "main_script.py"
    script.write_text(
        "import os\n"
        f"with open({str(marker)!r}, 'a') as f:\n"
        "    f.write(f'{os.getpid()}\\n')\n"
        "if __name__ == '__main__':\n"
        "    from datetime import UTC, datetime\n"
        "    from wirewatch.extract import BoilerplateModel\n"
        "    from wirewatch.models import Page\n"
        "    from wirewatch.run.pool import ExtractionPool\n"
        "    body = b'<html><body><article><p>' + b'The ministers met in Beijing. ' * 20 + b'</p></article></body></html>'\n"
        "    page = Page(url='http://w.test/1', final_url='http://w.test/1', source='s', body=body,\n"
        "                fetched_at=datetime.now(UTC), fetch_id='f1')\n"
        "    with ExtractionPool(workers=2, sources=(), templates=BoilerplateModel(), min_pages=1) as pool:\n"
        "        assert pool.start()\n"
        "        results = pool.extract([page] * 20, BoilerplateModel())\n"
        "        assert results is not None and all(r.extracted is not None for r in results)\n"
        "        assert len(pool.pids()) == 2\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    assert len(marker.read_text().split()) == 1  # the parent only
