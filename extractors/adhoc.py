"""Extractors named on the command line instead of registered: any callable `html -> text`
(`--extractor module:function`) or any program reading HTML on stdin and writing text on
stdout (`--extractor-cmd "CMD"`).

Their code can change without a version number changing, so their outputs are never cached.
Both are built from picklable parts (a target string, an argument list) so that worker
processes can run them.
"""

from __future__ import annotations

import importlib
import os
import shlex
import subprocess
from collections.abc import Callable
from functools import cache, partial

from bench.errors import BenchError
from extractors.base import Extractor


@cache
def resolve(target: str) -> object:
    """The object named by `module:attribute` (imported once per process); a module that
    does not import raises ImportError."""
    module_name, _, attribute = target.partition(":")
    if not module_name or not attribute:
        raise BenchError(f"extractor target {target!r} is not of the form module:attribute")
    module = importlib.import_module(module_name)  # ImportError: the caller words it
    try:
        return getattr(module, attribute)
    except AttributeError:
        raise BenchError(f"module {module_name!r} has no attribute {attribute!r}") from None


def _call(target: str, html: str, url: str | None) -> str:
    function = resolve(target)
    assert callable(function)
    return str(function(html))


def from_callable(target: str) -> Extractor:
    """An Extractor calling the function `module:function` with the page's HTML text."""
    try:
        function = resolve(target)
    except ImportError as error:
        raise BenchError(f"--extractor {target!r}: cannot import it ({error})") from None
    if isinstance(function, Extractor):
        return function
    if not callable(function):
        raise BenchError(f"{target!r} is a {type(function).__name__}, not a callable")
    package = target.partition(":")[0].split(".")[0]
    return Extractor(name=target, package=package, extract=partial(_call, target),
                     cacheable=False, description="ad hoc callable html -> text")


def _run(argv: tuple[str, ...], html: str, url: str | None, *, language: str | None) -> str:
    env = os.environ | {"BOILERBENCH_URL": url or "", "BOILERBENCH_LANGUAGE": language or ""}
    done = subprocess.run(argv, input=html.encode("utf-8"), capture_output=True, env=env,
                          check=False)
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        raise RuntimeError(f"{argv[0]} exited with status {done.returncode}: {last[:200]}")
    return done.stdout.decode("utf-8")


def from_command(command: str) -> Extractor:
    """An Extractor running `command` (split like a shell would, but without a shell)."""
    try:
        argv = tuple(shlex.split(command))
    except ValueError as error:  # an unclosed quote
        raise BenchError(f"--extractor-cmd {command!r}: {str(error).lower()}") from None
    if not argv:
        raise BenchError("--extractor-cmd needs a command")
    runner: Callable[..., str] = partial(_run, argv)
    return Extractor(name=f"cmd:{command}", package=os.path.basename(argv[0]), extract=runner,
                     wants_language=True, cacheable=False,
                     description="ad hoc command: HTML on stdin, text on stdout")
