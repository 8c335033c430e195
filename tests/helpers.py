"""Helpers shared by the tests (the one module tests import them from): where the public
datasets are, the command line with a captured console, archives made here, the reference
page, the gate's toy baselines, finished run directories made with the real runner, and the
normalisation written out step by step.

Public datasets come from one folder, `$BOILERBENCH_DATA` (default `../shared/datasets` beside
the checkout; the seed text is in `seeds/` beside it). A test whose data is missing skips,
naming the command that provides it; where the env var CI is set it fails instead, so CI never
goes green on tests it did not run.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import os
import re
import statistics
import sys
import tarfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bench.cli import main
from bench.data.catalogue import PUBLIC
from bench.data.page import Dataset, Page
from bench.data.tree_hash import tree_hash
from bench.gate import Checks, gate
from bench.gold.format import bundled_gold_dir, load_page
from bench.run.runner import run
from bench.run.store import RunStore, manifest_for
from bench.scoring.metrics.base import Metric
from bench.scoring.metrics.token_f1 import TokenF1
from bench.scoring.summary import summarize
from bench.text.encoding import decode_html
from bench.text.normalize import _INVISIBLE
from extractors import registry
from extractors.base import Extractor

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_ID = "bn-kalbela-russia-north-korea"
DATA_ENV = "BOILERBENCH_DATA"
SEED_NAME = "000_2416af19f3e7365d.txt"
"""The text the reference page was labeled from: project data kept in `seeds/` beside the data
folder (../shared/seeds), not a public dataset."""

_PROVIDES = {
    "aeb": "boilerbench fetch aeb {path}",
    "trafilatura-eval": "boilerbench fetch trafilatura {path}",
    "wcxb-dev": "boilerbench fetch wcxb {path} (the whole release; the tests read its dev split)",
    "zh-cwce": ("no command fetches it: clone github.com/immortal-autumn/"
                "Chinese-Web-Content-Extraction-Dataset at commit 99d0ef0 into {path}"),
    "samples": ("no command fetches it: these are excerpts kept with the project's shared data "
                "(../shared/datasets/samples); copy that folder to {path}"),
}


_INVISIBLE_CLASS = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")


def full_normalization(text: str) -> str:
    """The normalisation as docs/scoring.md defines it, step by step, for the tests that
    compare `normalize` and its shortcuts with it."""
    return unicodedata.normalize("NFKC", _INVISIBLE_CLASS.sub("", text).casefold())


def data_dir() -> Path:
    """The folder holding the public datasets: `$BOILERBENCH_DATA`, else ../shared/datasets."""
    configured = os.environ.get(DATA_ENV)
    return Path(configured).resolve() if configured else ROOT.parent / "shared" / "datasets"


def missing(what: str, remedy: str) -> None:
    """Skip the test (fail it where CI is set), saying what is missing and how to provide it."""
    message = f"{what} is missing; {remedy}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so missing data fails)")
    pytest.skip(message)


def public_data(name: str) -> Path:
    """The folder of the public dataset `name` under the data folder, or skip naming how to get
    it (the exact `boilerbench fetch` command, or what to do where none fetches it)."""
    path = data_dir() / name
    if not path.is_dir():
        missing(str(path), _PROVIDES[name].format(path=path) + f" (or set {DATA_ENV})")
    return path


def seed() -> Path:
    """The reference page's seed text, or skip (fail under CI) saying where it comes from."""
    path = data_dir().parent / "seeds" / SEED_NAME
    if not path.is_file():
        missing(str(path), "no command fetches it: it is the project's own seed text, kept in "
                           f"seeds/ beside the data folder (../shared/seeds; see {DATA_ENV})")
    return path


def run_cli(*argv: str) -> tuple[int, str]:
    """Exit code and printed text of `boilerbench ARGV...`."""
    buffer = io.StringIO()
    code = main(list(argv), console=Console(file=buffer, width=200, color_system=None))
    return code, buffer.getvalue()


def first_table(out: str) -> dict[str, list[str]]:
    """The rows of the first table printed, by their first cell: the other cells, stripped."""
    lines = out.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("└"))
    return {line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[2:-1]]
            for line in lines[:end] if "│" in line}


def make_tar(path: Path, members: list[tuple[str, str, str]]) -> Path:
    """A tar.gz of (name, kind, content or link target) members; kind: file, dir, sym, hard."""
    with tarfile.open(path, "w:gz") as tar:
        for name, kind, data in members:
            info = tarfile.TarInfo(name)
            if kind == "file":
                info.size = len(data.encode())
                tar.addfile(info, io.BytesIO(data.encode()))
                continue
            info.type = {"dir": tarfile.DIRTYPE, "sym": tarfile.SYMTYPE,
                         "hard": tarfile.LNKTYPE, "fifo": tarfile.FIFOTYPE}[kind]
            info.linkname = data
            tar.addfile(info)
    return path


def tar_folder(folder: Path, path: Path, *, top: str) -> Path:
    """`folder` packed like GitHub's archives: one top folder `top`, the files inside."""
    with tarfile.open(path, "w:gz") as tar:
        tar.add(folder, arcname=top)
    return path


def pin(monkeypatch: pytest.MonkeyPatch, name: str, folder: Path | None,
        **others: object) -> None:
    """Pin the public dataset `name` to the tree hash of `folder` (None: no tree pin), its
    other pins replaced as given: the pinned archives are not at hand, archives made here are."""
    tree = tree_hash(folder) if folder else None
    monkeypatch.setitem(PUBLIC, name, dataclasses.replace(
        PUBLIC[name], tree_sha256=tree.sha256 if tree else None,
        tree_files=tree.files if tree else None, **others))  # type: ignore[arg-type]


WCXB_FIXTURE = Path(__file__).parent / "fixtures" / "wcxb"
WCXB_TOP = "web-content-extraction-benchmark-c039d5e"


def wcxb_tar(path: Path) -> Path:
    """The small WCXB fixture packed like GitHub's archive: one top folder, the dataset inside."""
    return tar_folder(WCXB_FIXTURE, path, top=WCXB_TOP)


PAGE = load_page(bundled_gold_dir() / f"{REFERENCE_ID}.toml")
"""The reference page (a Bengali news article) and its decoded HTML."""
HTML, _ = decode_html(PAGE.read_html(), PAGE.encoding)
NEEDS_PYTHON = {"magic-html": (3, 12), "rs-trafilatura": (3, 12)}
"""Adapters whose package exists only for newer Pythons; CI tests them in a second environment
of that Python (see .ci/run), so on older ones they are not collected here."""
OWN_ENVIRONMENT = {"crawl4ai": ".venv-crawl4ai"}
"""Adapters whose package is kept out of .venv (it pins what the others need, or weighs too
much): CI tests it in an environment of its own (see .ci/run), so where it is not installed
they are not collected."""


def raw_output_of(name: str, *, language: str | None = PAGE.language) -> str:
    """What the built-in extractor `name` returns on the reference page."""
    return registry.load(name).apply(HTML, url=PAGE.url, language=language)


def adapter_param(name: str) -> object:
    """The built-in extractor `name` as a test parameter, skipped below the Python it needs and,
    for one that lives in an environment of its own, where its package is not installed."""
    needs = NEEDS_PYTHON.get(name, (0,))
    elsewhere = name in OWN_ENVIRONMENT and importlib.util.find_spec(name) is None
    return pytest.param(name, marks=[
        pytest.mark.skipif(sys.version_info < needs,
                           reason=f"{name} needs Python {'.'.join(map(str, needs))}"),
        pytest.mark.skipif(elsewhere, reason=f"{name} is tested in its own environment, "
                                             f"{OWN_ENVIRONMENT.get(name)} (.ci/run)")])


def builtin_params() -> list[object]:
    """Every built-in extractor as a test parameter (`adapter_param`)."""
    return [adapter_param(name) for name in sorted(registry.BUILTIN)]


GATE_SIGNATURE = ("metric:token-f1|tok:unicode-regex2026.11.19|norm:nfkc-casefold-nocf|"
                  "data:gold-30p-0123456789ab|bb:0.1.0")
GATE_DEFAULT = Checks.parse(corpus="0.01", page="0.05", leak="0")


def side(pages: dict[str, float], *, leaks: dict[str, tuple[int, int]] | None = None,
         name: str = "x", signature: str = GATE_SIGNATURE, failures: int = 0,
         recall: dict[str, float] | None = None) -> dict[str, Any]:
    """A baseline with one extractor whose corpus scores are the mean of its pages (recall
    and precision equal to F1 unless `recall` is given); leaks in pages leaked / labeled."""
    recall = recall or pages
    return {"schema": 2, "signature": signature, "extractors": {name: {
        "f1": statistics.fmean(pages.values()), "precision": statistics.fmean(pages.values()),
        "recall": statistics.fmean(recall.values()), "pages": pages, "page_precision": pages,
        "page_recall": recall, "failures": failures,
        "leaks": {category: {"leaked_pages": leaked, "pages": labeled,
                             "leaked_snippets": 2 * leaked, "snippets": 2 * labeled}
                  for category, (leaked, labeled) in (leaks or {}).items()}}}}


def pages(values: list[float]) -> dict[str, float]:
    """Page scores named p00, p01, ..."""
    return {f"p{number:02d}": value for number, value in enumerate(values)}


def compared(before: dict[str, Any], after: dict[str, Any],
             checks: Checks = GATE_DEFAULT) -> Any:
    """The gate's comparison of two baselines, as `boilerbench gate` names them."""
    return gate(before, after, checks=checks, before_name="base.json", after_name="run")


Answer = Callable[[Page], str]


def gold_answer(page: Page) -> str:
    """The gold body itself: a perfect extractor."""
    return page.body or ""


def answering(dataset: Dataset, name: str, answer: Answer = gold_answer) -> Extractor:
    """An extractor that looks the page up by its URL and returns `answer(page)`."""
    by_url = {page.url: page for page in dataset}
    assert len(by_url) == len(dataset), "page URLs must be unique to look pages up"
    return Extractor(name=name, package="boilerbench",
                     extract=lambda _html, url: answer(by_url[url]))


def write_run(directory: Path, dataset: Dataset, extractors: Sequence[Extractor], *,
              dataset_spec: str | None = None, metric: Metric | None = None) -> Path:
    """Run, summarise and write a run directory as `boilerbench run` does (token-f1 unless
    another metric is given)."""
    metric = metric or TokenF1(dataset=dataset.label)
    store = RunStore(directory)
    store.start(manifest_for(run_id=directory.name, dataset=dataset, dataset_spec=dataset_spec,
                             split=None, metric=metric, extractors=extractors))
    run(dataset, extractors, metric=metric, store=store)
    records = store.records()
    store.write_summary(summarize(run_id=directory.name, dataset=dataset,
                                  extractors=extractors, records=records, metric=metric))
    return directory
