"""User-named files: opening an input safely, checking and writing an output.

Inputs: regular files only, never blocking on a FIFO.

``open("x")`` on a FIFO waits for a writer forever, and the errors for a
directory, a FIFO, a dangling symlink or a symlink loop all read alike ("no
such file") when a command checks ``is_file()`` first. :func:`open_regular_file`
opens without blocking, then checks what it opened, and names the problem.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from wirewatch.errors import UsageError, WirewatchError

__all__ = ["check_output_file", "check_output_target", "open_regular_file", "write_replacing"]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return f"not a regular file ({name})"
    return "not a regular file"


def _why(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "a symlink to a missing file" if path.is_symlink() else "file not found"
    if exc.errno == errno.ELOOP:
        return "a symlink loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENXIO:  # opening a socket
        return "not a regular file (a socket)"
    return exc.strerror or str(exc)


def open_regular_file(path: Path, *, error: type[WirewatchError]) -> BinaryIO:
    """Open ``path`` for binary reading if it is a regular file (symlinks followed).

    Raises ``error`` with "PATH: what it is" otherwise: file not found, a
    symlink loop, is a directory, not a regular file (a FIFO), permission denied.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise error(f"{path}: {_why(path, exc)}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise error(f"{path}: {_kind(mode)}")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def write_replacing(path: Path, data: bytes, *, option: str) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    ``option`` (``--plot``, ``--out``) names the path in errors. The rename
    replaces a name and never follows a link planted meanwhile; the file gets
    the usual mode for new files (mkstemp makes 0600), and a failure leaves
    nothing behind.
    """
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WirewatchError(f"{option} {path}: cannot write there ({exc.strerror or exc})") from exc
    try:
        umask = os.umask(0o022)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise WirewatchError(f"{option} {path}: cannot write it ({exc.strerror or exc})") from exc
        raise


def check_output_target(path: Path, *, label: str, kind: str) -> None:
    """Refuse an output path (file or directory) whose directory is missing or that is a symlink.

    ``label`` starts each message (``--plot``, ``export to``), ``kind`` names
    what is written (plots, reports, exports). A typo must not create
    directories, and nothing is written through a link.
    """
    parent = path.parent
    if not parent.is_dir():
        what = "is not a directory" if parent.exists() else "does not exist"
        raise UsageError(f"{label} {path}: directory {parent} {what}")
    if path.is_symlink():
        raise UsageError(f"{label} {path}: is a symlink; {kind} are not written through symlinks")


def check_output_file(
    path: Path, *, option: str, suffixes: tuple[str, ...], expects: str, kind: str
) -> bool:
    """Refuse an output file that cannot or must not be written; True if a file will be replaced.

    Its suffix must be one of ``suffixes`` (``expects`` says so in the error);
    see :func:`check_output_target`; a directory or FIFO is never replaced. An
    existing regular file is replaced, as rerunning a command to refresh it should.
    """
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"{option} expects {expects}, got {path.name}")
    check_output_target(path, label=option, kind=kind)
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a directory")
    if path.exists() and not path.is_file():
        raise UsageError(f"{option} {path}: not a regular file")
    return path.exists()
