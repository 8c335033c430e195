"""Errors a user can fix: the CLI prints them on one line and exits 2, never a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


class BenchError(Exception):
    """A problem with the user's input (arguments, files, data), worded for the user."""


class GoldError(BenchError):
    """A gold record that cannot be used, naming the file and the field at fault."""

    def __init__(self, path: Path | str, field: str, problem: str) -> None:
        self.path = Path(path)
        self.field = field
        self.problem = problem
        super().__init__(f"{self.path}: field {field!r}: {problem}")


def unknown_name(kind: str, name: str, choices: Iterable[str]) -> BenchError:
    """Build the error for a name that is not one of `choices`, with a "did you mean" hint."""
    known = sorted(choices)
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return BenchError(f"unknown {kind} {name!r}{hint} (known: {', '.join(known)})")
