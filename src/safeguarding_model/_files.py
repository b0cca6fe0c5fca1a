"""Opening a user's file: a regular file, within a size limit, without blocking on a FIFO.

Package-internal: the JSON and YAML loader (``io``) and the official-file readers
(``fingertips``, ``dfe_statistics``) open paths through
[`open_regular`][safeguarding_model._files.open_regular], and each turns a
[`FileRefusal`][safeguarding_model._files.FileRefusal] into its own error naming the file.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import os
import stat
from typing import TYPE_CHECKING, Any, BinaryIO, cast

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

__all__ = [
    "DEFAULT_MAX_BYTES",
    "BoundedReader",
    "FileRefusal",
    "check_regular",
    "open_regular",
    "reading_progress",
    "too_large",
]

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


_PROGRESS: contextvars.ContextVar[Callable[[int], None] | None] = contextvars.ContextVar(
    "safeguarding_model_reading_progress", default=None
)
"""What to tell of the bytes read: set by ``reading_progress``, read by ``BoundedReader``."""


@contextlib.contextmanager
def reading_progress(report: Callable[[int], None]) -> Iterator[None]:
    """Tell ``report`` how many bytes have been read, as the readers read a file, in this block.

    The command line shows a progress bar with it; a reader never needs it.

    Examples:
        >>> import io
        >>> from safeguarding_model._files import BoundedReader, reading_progress
        >>> seen = []
        >>> with reading_progress(seen.append):
        ...     _ = BoundedReader(io.BytesIO(b"x" * 10), 100).read()
        >>> seen[-1]
        10
    """
    token = _PROGRESS.set(report)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


class BoundedReader(io.RawIOBase):
    """The bytes of a binary file object, refusing more than ``limit`` of them.

    Raises ``FileRefusal`` once more than ``limit`` bytes have come, or when the object gives
    something other than bytes; tells ``reading_progress``'s callback, if any, the bytes read.

    Examples:
        >>> import io
        >>> from safeguarding_model._files import BoundedReader
        >>> BoundedReader(io.BytesIO(b"abc"), 3).read()
        b'abc'
        >>> BoundedReader(io.BytesIO(b"abcd"), 3).read()
        Traceback (most recent call last):
        ...
        safeguarding_model._files.FileRefusal: larger than the limit of 3 bytes (raise it with max_bytes)
    """

    def __init__(self, raw: Any, limit: int) -> None:  # noqa: ANN401 - any binary file object
        """Read from ``raw``, at most ``limit`` bytes."""
        super().__init__()
        self._raw = raw
        self._limit = limit
        self._read = 0
        self._report = _PROGRESS.get()

    def readable(self) -> bool:
        """Always: it is a reader."""
        return True

    def readinto(self, buffer: Any) -> int:  # noqa: ANN401 - a writable buffer
        """Fill ``buffer`` from the file; refuse a file that goes past the limit."""
        view = memoryview(buffer).cast("B")
        data = self._raw.read(min(len(view), self._limit - self._read + 1))
        if not isinstance(data, bytes | bytearray):
            msg = "expected a binary file object whose read() returns bytes"
            raise FileRefusal(msg)
        self._read += len(data)
        if self._read > self._limit:
            raise FileRefusal(too_large(self._limit))
        view[: len(data)] = data
        if self._report is not None and data:
            self._report(self._read)
        return len(data)
