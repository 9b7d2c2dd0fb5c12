"""Opening a user-named input file safely: regular files only, never blocking on a FIFO.

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

from wirewatch.errors import WirewatchError

__all__ = ["open_regular_file"]


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
