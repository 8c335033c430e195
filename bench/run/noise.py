"""Capturing what an extractor prints while it runs on one page: its stdout and stderr at the
file-descriptor level (so C libraries and child processes are caught too) and the log records
it emits, kept with the page's record instead of reaching the terminal.

Each process has one `Capture` (two temporary files, made on first use and again after a
fork); `Capture.around` redirects fds 1 and 2 and `sys.stdout`/`sys.stderr` to them and adds a
handler to the root logger for the duration of one job. Each stream is kept up to
`LIMIT` bytes (log records up to `LIMIT` characters in all); what is left out is counted in
`cut` and said at the cut.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from bench.scoring.records import Noise

LIMIT = 8192
"""Bytes kept of each of stdout and stderr, and characters of log records, per page."""


class _Records(logging.Handler):
    """Keeps formatted log records, up to LIMIT characters."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.lines: list[str] = []
        self.size = 0
        self.cut = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = f"{record.levelname} {record.name}: {record.getMessage()}"
            if record.exc_info:
                text += "\n" + logging.Formatter().formatException(record.exc_info)
        except Exception:  # a record whose message cannot be formatted is still counted
            text = f"{record.levelname} {record.name}: {record.msg!r}"
        if self.size + len(text) > LIMIT:
            self.cut += len(text)
            return
        self.size += len(text)
        self.lines.append(text)


def _read(fd: int) -> tuple[str, int]:
    """The file's first LIMIT bytes as text (a cut said at its end), the bytes left out; the
    file is emptied for the next page."""
    size = os.fstat(fd).st_size
    data = os.pread(fd, LIMIT, 0) if size else b""
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    text = data.decode("utf-8", errors="replace")
    cut = size - len(data)
    return (text + f"\n[... {cut} more bytes cut]" if cut else text), cut


def _scratch(name: str) -> int:
    """An open, already unlinked temporary file (it goes when the process does)."""
    fd, path = tempfile.mkstemp(prefix=f"boilerbench-{name}-")
    os.unlink(path)
    return fd


class Capture:
    """The two capture files of this process."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self._fds = _scratch("stdout"), _scratch("stderr")

    @contextmanager
    def around(self) -> Iterator[list[Noise | None]]:
        """Capture everything printed or logged inside the block; the yielded list then holds
        the noise (None when there was none)."""
        out_fd, err_fd = self._fds
        result: list[Noise | None] = [None]
        handler = _Records()
        root = logging.getLogger()
        streams = sys.stdout, sys.stderr
        for stream in streams:
            if stream is not None:
                stream.flush()
        saved = os.dup(1), os.dup(2)
        text_out, text_err = (io.TextIOWrapper(io.FileIO(fd, "w", closefd=False),
                                               encoding="utf-8", errors="backslashreplace",
                                               line_buffering=True)
                              for fd in (out_fd, err_fd))
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        sys.stdout, sys.stderr = text_out, text_err
        root.addHandler(handler)
        try:
            yield result
        finally:
            root.removeHandler(handler)
            for stream in (text_out, text_err):
                stream.flush()
                stream.detach()
            sys.stdout, sys.stderr = streams
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            (stdout, cut_out), (stderr, cut_err) = _read(out_fd), _read(err_fd)
            if handler.cut:
                handler.lines.append(f"[... {handler.cut} more characters of log records cut]")
            if stdout or stderr or handler.lines:
                result[0] = {"stdout": stdout, "stderr": stderr, "log": handler.lines,
                             "cut": cut_out + cut_err + handler.cut}


_CAPTURE: Capture | None = None


def capture() -> Capture:
    """This process's capture (a forked child makes its own: files shared with the parent would
    mix their pages)."""
    global _CAPTURE
    if _CAPTURE is None or _CAPTURE.pid != os.getpid():
        _CAPTURE = Capture()
    return _CAPTURE

