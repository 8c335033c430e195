"""A suite: the extractors on every public dataset present under a data folder, each dataset
scored with its official metric and with token-F1, as ordinary runs, plus `suite.json`.

Built on the run machinery as `boilerbench run` uses it (`run`, `RunStore`, `summarize`): a
suite folder holds one run directory per dataset and metric (`<dataset>/<metric>/`), so that
`report`, `show` and `gate --run` work on each, and the output cache serves the second metric's
run and any later suite. `suite.json` (documented in reports/README.md) gathers what the
leaderboard shows: per dataset its F1 with intervals for each extractor under each metric, what
its gold keeps, its published figures, and the mean ranks and rank agreement
(`bench.scoring.leaderboard`) over the official metrics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import __version__
from bench.data.catalogue import KEEPS, PUBLIC, PublicDataset
from bench.data.formats import load_dataset
from bench.errors import BenchError, unknown_name
from bench.files import write_json_atomic
from bench.run.cache import OutputCache
from bench.run.executor import Executor
from bench.run.runner import run
from bench.run.store import RunStore
from bench.scoring.leaderboard import agreement, mean_ranks
from bench.scoring.metrics import get_metric
from bench.scoring.summary import RunTally, summarize
from extractors.base import Extractor

SUITE_FILE = "suite.json"
SUITE_SCHEMA = 1
TOKEN_F1 = "token-f1"


@dataclass(frozen=True)
class Member:
    """A dataset of the suite and the folder it was found in."""

    dataset: PublicDataset
    path: Path
    sample: bool = False
    """Whether the folder holds the shared excerpt of the set (`samples/`), not the set."""

    @property
    def spec(self) -> str:
        """The `--dataset` spec that loads it."""
        return f"{self.dataset.format}:{self.path}"


def suite_datasets() -> list[PublicDataset]:
    """The catalogue's datasets a suite scores: all but archives whose parts are entries."""
    wholes = {dataset.part_of for dataset in PUBLIC.values() if dataset.part_of}
    return [dataset for dataset in PUBLIC.values() if dataset.name not in wholes]


def find_members(data_dir: Path, names: Sequence[str] = ()) -> tuple[list[Member], list[str]]:
    """The suite's datasets present under `data_dir` (or only `names`), and those missing."""
    candidates = suite_datasets()
    known = [dataset.name for dataset in candidates]
    for name in names:
        if name not in known:
            raise unknown_name("suite dataset", name, known)
    members, missing = [], []
    for dataset in candidates:
        if names and dataset.name not in names:
            continue
        found = next((folder for folder in dataset.folders or (dataset.name,)
                      if (data_dir / folder).is_dir()), None)
        if found is None:
            missing.append(dataset.name)
        else:
            members.append(Member(dataset, data_dir / found, sample=found.startswith("samples/")))
    return members, missing


def run_suite(members: Sequence[Member], extractors: Sequence[Extractor], *, directory: Path,
              executor: Executor | None = None, cache: OutputCache | None = None,
              missing: Sequence[str] = (), data_dir: Path | None = None,
              on_dataset: Callable[[str, str, int], None] | None = None) -> dict[str, Any]:
    """Run every extractor on every member with its official metric and token-F1; write each
    run and `suite.json` into `directory`; return the suite."""
    if not members:
        raise BenchError("no dataset of the suite is present; fetch one (boilerbench fetch) "
                         "or give --data-dir")
    entries = []
    for member in members:
        dataset = load_dataset(member.spec, split=member.dataset.split)
        scores: dict[str, dict[str, Any]] = {}
        runs, signatures = {}, {}
        for metric_name in dict.fromkeys((member.dataset.metric, TOKEN_F1)):
            if on_dataset is not None:
                on_dataset(member.dataset.name, metric_name, len(dataset))
            metric = get_metric(metric_name, dataset=dataset.label)
            run_dir = directory / member.dataset.name / metric_name
            store = RunStore(run_dir)
            store.start({"run_id": run_dir.name, "dataset": dataset.label,
                         "dataset_spec": member.spec, "split": member.dataset.split,
                         "signature": str(metric.signature),
                         "extractors": [e.name for e in extractors], "boilerbench": __version__})
            counted = RunTally(e.name for e in extractors)
            run(dataset, extractors, metric=metric, store=store, executor=executor, cache=cache,
                on_record=counted.add, on_stored=counted.add)
            summary = summarize(run_id=run_dir.name, dataset=dataset, extractors=extractors,
                                records=counted, metric=metric)
            store.write_summary(summary)
            runs[metric_name] = run_dir.relative_to(directory).as_posix()
            signatures[metric_name] = summary["signature"]
            scores[metric_name] = {row["name"]: {
                "f1": row["f1"], "ci": (row["ci"] or {}).get("f1"),
                "scored_pages": row["scored_pages"], "failures": row["failures"],
                "version": row["version"]} for row in summary["extractors"]}
        entries.append(_entry(member, dataset.label, len(dataset), len(dataset.skipped),
                              scores, runs, signatures))
    suite = {"schema": SUITE_SCHEMA, "suite_id": directory.name, "boilerbench": __version__,
             "data_dir": str(data_dir.resolve()) if data_dir else None,
             "extractors": [e.name for e in extractors], "missing": list(missing),
             "datasets": entries}
    suite["leaderboard"] = leaderboard(suite)
    write_json_atomic(directory / SUITE_FILE, suite)
    return suite


def _entry(member: Member, label: str, pages: int, skipped: int,
           scores: dict[str, dict[str, Any]], runs: dict[str, str],
           signatures: dict[str, str]) -> dict[str, Any]:
    dataset = member.dataset
    return {"name": dataset.name, "title": dataset.title, "spec": member.spec,
            "split": dataset.split, "label": label, "pages": pages, "skipped": skipped,
            "sample": member.sample,
            "keeps": dataset.keeps, "keeps_detail": dataset.keeps_detail,
            "licence": dataset.licence, "metric": dataset.metric, "runs": runs,
            "signatures": signatures, "scores": scores,
            "published": [{"extractor": p.extractor, "f1": p.f1, "version": p.version}
                          for p in dataset.published],
            "published_source": dataset.published_source}


def official_table(suite: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """F1 by dataset and extractor under each dataset's official metric."""
    return {entry["name"]: {name: score["f1"]
                            for name, score in entry["scores"][entry["metric"]].items()}
            for entry in suite["datasets"]}


def leaderboard(suite: dict[str, Any]) -> dict[str, Any]:
    """Mean ranks over all datasets and per group of what their gold keeps, and the rank
    agreement matrix, all from the official metrics' F1."""
    table = official_table(suite)
    groups = {keeps: [e["name"] for e in suite["datasets"] if e["keeps"] == keeps]
              for keeps in KEEPS}
    return {"mean_rank": {"all": _ranks_json(mean_ranks(table))} | {
                keeps: _ranks_json(mean_ranks(table, names))
                for keeps, names in groups.items() if names},
            "agreement": agreement(table)}


def _ranks_json(ranks: dict[str, tuple[float, int]]) -> dict[str, dict[str, float | int]]:
    return {name: {"rank": rank, "datasets": count} for name, (rank, count) in ranks.items()}
