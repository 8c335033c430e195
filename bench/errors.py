"""Errors a user can fix, and the exit status of each: the CLI prints them on one line and
exits with the error's `exit_code`, never a traceback. The exit codes of every command are
defined here, once (README.md, "Exit codes")."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """What a command's exit status means, the same for every command."""

    OK = 0
    FAILED = 1
    """The command ran and found a problem: a regression, a gold problem, too many failures."""
    USAGE = 2
    """A bad option or name (argparse uses 2 as well)."""
    DATA = 3
    """A file that cannot be read, or is malformed or damaged."""
    STALE_BASELINE = 4
    """The baseline measures something else than the run (another metric, tokenizer, data)."""


class BenchError(Exception):
    """A problem with the user's input, worded for the user; by default a usage error."""

    exit_code = ExitCode.USAGE


class DataError(BenchError):
    """A file that cannot be read, or whose content is malformed."""

    exit_code = ExitCode.DATA


class StaleBaseline(BenchError):
    """A baseline whose signature says it measured something else than the run."""

    exit_code = ExitCode.STALE_BASELINE


class GoldError(DataError):
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
