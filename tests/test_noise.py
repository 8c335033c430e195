"""Extractor noise: what an extractor prints (Python or C level, itself or its child
processes) or logs on a page is kept with the page's record, never shown on the terminal."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bench.gold.format import load_gold
from bench.run.executor import InlineExecutor
from bench.run.job import Job
from bench.run.noise import LIMIT
from bench.run.workers import WorkerPool
from extractors.base import Extractor
from tests.conftest import REFERENCE_ID, ROOT

PAGE = load_gold().select(page_ids=[REFERENCE_ID]).pages[0]


def _noisy(html: str, url: str | None) -> str:
    print("to stdout")
    print("to stderr", file=sys.stderr)
    logging.getLogger("noisy.lib").warning("a log record")
    os.write(2, b"from C, fd 2\n")
    subprocess.run(["sh", "-c", "echo from a child process >&2"], check=True)
    return "text"


def _chatty(html: str, url: str | None) -> str:
    sys.stderr.write("x" * (3 * LIMIT))
    return "text"


def _quiet(html: str, url: str | None) -> str:
    return "text"


NOISY = Extractor(name="noisy", package="boilerbench", extract=_noisy)
CHATTY = Extractor(name="chatty", package="boilerbench", extract=_chatty)
QUIET = Extractor(name="quiet", package="boilerbench", extract=_quiet)


@pytest.mark.parametrize("executor", [InlineExecutor(), WorkerPool(jobs=1)],
                         ids=["inline", "workers"])
def test_every_kind_of_noise_is_captured_and_none_reaches_the_terminal(
        executor: InlineExecutor | WorkerPool, capfd: pytest.CaptureFixture[str]) -> None:
    noisy, quiet = executor.map([Job(NOISY, PAGE), Job(QUIET, PAGE)])
    assert noisy.output == "text" and noisy.noise is not None
    assert noisy.noise["stdout"] == "to stdout\n"
    assert noisy.noise["stderr"] == "to stderr\nfrom C, fd 2\nfrom a child process\n"
    assert noisy.noise["log"] == ["WARNING noisy.lib: a log record"]
    assert noisy.noise["cut"] == 0
    assert quiet.noise is None
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_noise_is_bounded_and_says_where_it_was_cut() -> None:
    (chatty,) = InlineExecutor().map([Job(CHATTY, PAGE)])
    assert chatty.noise is not None
    assert chatty.noise["cut"] == 2 * LIMIT
    assert chatty.noise["stderr"] == "x" * LIMIT + f"\n[... {2 * LIMIT} more bytes cut]"


_MODULE = textwrap.dedent("""
    import logging, os, subprocess, sys

    def extract(html):
        print("NOISE-stdout")
        print("NOISE-stderr", file=sys.stderr)
        logging.getLogger("lib").error("NOISE-log")
        subprocess.run(["sh", "-c", "echo NOISE-child >&2"], check=True)
        raise ValueError("bad page")
""")


def test_run_keeps_noise_off_the_terminal_counts_it_and_show_prints_it(tmp_path: Path) -> None:
    (tmp_path / "noisymod.py").write_text(_MODULE, encoding="utf-8")
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    command = [str(Path(sys.executable).parent / "boilerbench")]
    done = subprocess.run([*command, "run", "-e", "noisymod:extract", "--page", REFERENCE_ID,
                           "--jobs", "1", "--reports-dir", str(tmp_path / "reports")],
                          capture_output=True, text=True, env=env, check=True, cwd=tmp_path)
    assert "NOISE" not in done.stdout + done.stderr  # the failure's reason is printed, not noise
    assert ("captured extractor output: noisymod:extract 4 lines on 1 page(s)"
            in done.stdout)
    (run_dir,) = (tmp_path / "reports").iterdir()
    shown = subprocess.run([*command, "show", REFERENCE_ID, "-e", "noisymod:extract", "--run",
                            str(run_dir)], capture_output=True, text=True, env=env,
                           check=True, cwd=tmp_path)
    for text in ("NOISE-stdout", "NOISE-stderr", "ERROR lib: NOISE-log", "NOISE-child",
                 "ValueError: bad page"):
        assert text in shown.stdout
