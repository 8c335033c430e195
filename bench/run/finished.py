"""Finished runs as the gate, reports and `show` read them: a run directory's manifest, summary
and records, the newest run in a reports folder, and the run's dataset (for the gold text),
checked to be the very data the run scored."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from bench.data.page import Dataset, hash_pages
from bench.errors import BenchError, unknown_name
from bench.run.store import RUN_FILE, SUMMARY_FILE, RunManifest, RunStore, StoredRecords
from bench.scoring.records import PageRecord, Summary


def without_output(record: PageRecord) -> PageRecord:
    """A record without its output text: what is kept when many records must be held."""
    kept = dict(record)
    kept.pop("output", None)
    return cast(PageRecord, kept)


@dataclass(frozen=True)
class Run:
    """A finished run directory: its manifest and summary read once, its records streamed."""

    directory: Path
    manifest: RunManifest
    summary: Summary
    records: Iterable[PageRecord]

    @classmethod
    def load(cls, directory: Path) -> Run:
        """Read a run directory; an unfinished one (no summary) raises, saying how to finish."""
        directory = Path(directory)
        if not (directory / RUN_FILE).is_file():
            raise BenchError(f"{directory}: not a run directory (no {RUN_FILE})")
        if not (directory / SUMMARY_FILE).is_file():
            raise BenchError(f"{directory}: the run did not finish (no {SUMMARY_FILE}); "
                             f"finish it with: boilerbench run --resume {directory}")
        store = RunStore(directory)
        return cls(directory=directory, manifest=store.manifest(), summary=store.summary(),
                   records=StoredRecords(store))

    @property
    def signature(self) -> str:
        """The signature of every score of the run."""
        return str(self.summary["signature"])

    @property
    def extractors(self) -> list[str]:
        """Extractor names in the summary's order."""
        return [row["name"] for row in self.summary["extractors"]]

    def records_of(self, extractor: str) -> list[PageRecord]:
        """The records of one extractor, in page order, without their output text."""
        return sorted((without_output(record) for record in self.records
                       if record["extractor"] == extractor),
                      key=lambda record: str(record["page"]))

    def record(self, page: str, extractor: str) -> PageRecord:
        """The record of one page and extractor; unknown names raise with a suggestion."""
        if extractor not in self.extractors:
            raise unknown_name("extractor of this run", extractor, self.extractors)
        for record in self.records:
            if record["page"] == page and record["extractor"] == extractor:
                return record
        pages = sorted({str(record["page"]) for record in self.records})
        close = difflib.get_close_matches(page, pages, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise BenchError(f"{self.directory}: no page {page!r} among its {len(pages)} "
                         f"pages{hint}")


def newest_run(reports_dir: Path) -> Path:
    """The most recent finished run in `reports_dir` (run ids sort by start time)."""
    runs = sorted(path.parent for path in Path(reports_dir).glob(f"*/{SUMMARY_FILE}"))
    if not runs:
        raise BenchError(f"{reports_dir}: no finished run here; give --run RUN_DIR")
    return runs[-1]


def run_dataset(run: Run, *, spec: str | None = None, split: str | None = None,
                dialect: str | None = None) -> Dataset:
    """The run's pages with their gold: the dataset it names in run.json (or `spec`), cut to
    the run's pages and checked against the run's dataset label, so that a gold set edited
    since the run is refused rather than shown against the wrong gold."""
    from bench.data.formats import load_dataset

    if spec is None:
        spec, split = run.manifest["dataset_spec"], split or run.manifest["split"]
        dialect = dialect or run.manifest.get("dialect")
    loaded = load_dataset(spec, split=split, dialect=dialect)
    wanted = {record["page"] for record in run.records}
    pages = tuple(page for page in loaded if page.id in wanted)
    dataset = loaded if len(pages) == len(loaded) else Dataset(loaded.name, pages,
                                                               hash_pages(pages))
    expected = run.manifest["dataset"]
    if dataset.label != expected:
        raise BenchError(f"{run.directory}: the run scored {expected}, but "
                         f"{spec or 'the bundled gold set'} now gives {dataset.label} for its "
                         "pages (the pages or their gold changed); pass --dataset with the "
                         "data the run used")
    return dataset
