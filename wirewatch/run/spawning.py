"""A forkserver context whose children do not run the parent's main script again.

By default every process multiprocessing starts with ``spawn`` or ``forkserver``
first re-runs the parent's ``__main__`` (as ``__mp_main__``) so that functions
defined there can be unpickled. Extraction workers run only functions of
:mod:`wirewatch.run.worker`, so for them that is pure cost: the command line's
or a benchmark's imports, about a second of CPU per worker when the main script
imports the fetch and store code. :func:`worker_context` starts them without it.

The launch below is the standard library's ``popen_forkserver.Popen._launch``
with the main-module entries dropped from the preparation data; it is used on
the Python versions whose launch it mirrors, and the stock one elsewhere.
"""

from __future__ import annotations

import io
import os
import sys
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.process import BaseProcess
from typing import Final

__all__ = ["worker_context"]

# Preparation data that makes a child re-run the parent's main script or module.
_MAIN_KEYS: Final = ("init_main_from_path", "init_main_from_name")
# Versions whose popen_forkserver.Popen._launch the launch below mirrors.
_MIRRORED: Final = ((3, 11), (3, 12), (3, 13))


class _Popen(popen_forkserver.Popen):
    def _launch(self, process_obj: BaseProcess) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)  # type: ignore[attr-defined]
        for key in _MAIN_KEYS:
            prep_data.pop(key, None)
        buf = io.BytesIO()
        context.set_spawning_popen(self)  # type: ignore[attr-defined]
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)  # type: ignore[attr-defined]
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        # A duplicate of the data pipe's write end is the parent's sentinel for the child.
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))  # type: ignore[attr-defined]
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _WorkerProcess(context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj: BaseProcess) -> _Popen:  # noqa: N802 - multiprocessing's name
        return _Popen(process_obj)


class _WorkerContext(context.ForkServerContext):
    Process = _WorkerProcess


def worker_context() -> context.ForkServerContext:
    """The forkserver context for extraction workers (the stock one on unmirrored versions)."""
    if sys.version_info[:2] in _MIRRORED:
        return _WorkerContext()
    return context.ForkServerContext()
