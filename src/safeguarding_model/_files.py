"""Opening a user's file: a regular file, within a size limit, without blocking on a FIFO.

Package-internal: the JSON and YAML loader (``io``) and the official-file readers
(``fingertips``, ``dfe_statistics``) open paths through
[`open_regular`][safeguarding_model._files.open_regular], and each turns a
[`FileRefusal`][safeguarding_model._files.FileRefusal] into its own error naming the file.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, BinaryIO, cast

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DEFAULT_MAX_BYTES", "FileRefusal", "check_regular", "open_regular", "too_large"]

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
"""The largest file read unless told otherwise: 100 MiB."""


class FileRefusal(Exception):  # noqa: N818 - always turned into the reader's own error
    """A file that is not read, and why (``reason``), for the reader to report with its name.

    Examples:
        >>> from safeguarding_model._files import FileRefusal
        >>> FileRefusal("expected a regular file, got a directory").reason
        'expected a regular file, got a directory'
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def too_large(max_bytes: int, *, hint: str = "max_bytes") -> str:
    """The reason given for a file over the limit.

    Examples:
        >>> from safeguarding_model._files import too_large
        >>> too_large(1024)
        'larger than the limit of 1,024 bytes (raise it with max_bytes)'
    """
    return f"larger than the limit of {max_bytes:,} bytes (raise it with {hint})"


def check_regular(mode: int) -> None:
    """Refuse anything but a regular file, naming what it is.

    Examples:
        >>> import stat
        >>> from safeguarding_model._files import check_regular
        >>> check_regular(stat.S_IFDIR)
        Traceback (most recent call last):
        ...
        safeguarding_model._files.FileRefusal: expected a regular file, got a directory
    """
    if stat.S_ISREG(mode):
        return
    kind = (
        "a directory"
        if stat.S_ISDIR(mode)
        else "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise FileRefusal(f"expected a regular file, got {kind}")


def open_regular(file: Path, max_bytes: int, *, hint: str = "max_bytes") -> BinaryIO:
    """``file`` opened for reading bytes (unbuffered), once it is known to be a regular file.

    ``hint`` names how to raise the limit, for the refusal of a file too large. The size is
    checked before opening (a file may still grow: the caller counts what it
    reads); the file is opened without blocking, so a FIFO swapped in after the check does not
    hang, and what was opened is checked again.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from safeguarding_model._files import open_regular
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = Path(folder) / "a.csv"
        ...     _ = path.write_bytes(b"x,y")
        ...     with open_regular(path, 100) as handle:
        ...         handle.read()
        b'x,y'
    """
    try:
        before = file.stat()  # follows links: a link to /dev/zero is a device here
    except OSError as error:
        raise FileRefusal(f"cannot be read ({error.strerror or error})") from None
    check_regular(before.st_mode)
    if before.st_size > max_bytes:
        raise FileRefusal(too_large(max_bytes, hint=hint))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(file, flags)
    except OSError as error:
        raise FileRefusal(f"cannot be read ({error.strerror or error})") from None
    handle = cast("BinaryIO", os.fdopen(descriptor, "rb", buffering=0))
    try:
        check_regular(os.fstat(handle.fileno()).st_mode)  # what is open, not what was named
    except FileRefusal:
        handle.close()
        raise
    return handle
