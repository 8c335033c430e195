"""A run directory on disk: `run.json` (what was asked), `pages.jsonl` (one record per page and
extractor, appended as they finish) and `summary.json` (corpus scores). The schema is in
reports/README.md.

Appends are one `write` of one whole line, so a killed process leaves whole lines; they are
fsynced at most once a second (and by `sync`), so that an OS crash loses at most the last
second. A line cut short by a crash is ignored (and dropped) on reading, so an interrupted run
resumes from its last whole record.
`summary.json` and `run.json` are replaced atomically.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypedDict

from bench import __version__
from bench.errors import BenchError, DataError
from bench.files import read_json_object, write_json_atomic
from bench.schema import checked
from bench.scoring.records import PageRecord, Summary

if TYPE_CHECKING:  # not imported: reading a run directory must not load numpy
    from bench.data.page import Dataset
    from bench.scoring.metrics.base import Metric
    from extractors.base import Extractor

RUN_FILE, PAGES_FILE, SUMMARY_FILE = "run.json", "pages.jsonl", "summary.json"
_SYNC_INTERVAL = 1.0
"""Seconds between fsyncs of `pages.jsonl`."""
_TAIL_BLOCK = 65536
"""Bytes read at a time, backwards, looking for the end of the last whole line."""


def _pair_digest(page: str, extractor: str) -> bytes:
    return hashlib.blake2b(f"{page}\x00{extractor}".encode(), digest_size=16).digest()


class DonePairs:
    """(page, extractor) pairs, held as sorted 16-byte digests in one buffer: 16 bytes a pair
    where a set of string pairs takes about 230, so that resuming a run of any size stays
    small (a false match needs a 128-bit collision)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._digests = b"".join(sorted({_pair_digest(*pair) for pair in pairs}))

    def __len__(self) -> int:
        return len(self._digests) // 16

    def __contains__(self, pair: object) -> bool:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            return False
        wanted = _pair_digest(*pair)
        at = bisect.bisect_left(range(len(self)), wanted, key=self._cell)
        return self._cell(at) == wanted

    def _cell(self, index: int) -> bytes:
        return self._digests[16 * index:16 * index + 16]


class StoredRecords:
    """A run's records (or some extractors' only), read from pages.jsonl at each iteration:
    never all held, since a run of 200,000 pages holds that many outputs."""

    def __init__(self, store: RunStore, extractors: Iterable[str] | None = None) -> None:
        self._store = store
        self._wanted = None if extractors is None else set(extractors)

    def __iter__(self) -> Iterator[PageRecord]:
        records = self._store.iter_records()
        if self._wanted is None:
            return records
        return (record for record in records if record["extractor"] in self._wanted)


class RunOptions(TypedDict):
    """The options that chose a run's pages and how they are scored, for `--resume`."""

    pages: list[str]
    languages: list[str]
    page_types: list[str]
    metric: str
    tokenizer: str | None
    by: list[str]


class _ManifestOptions(TypedDict, total=False):
    dialect: str | None
    """`--dialect` as given (html-cleaning); absent in runs written before it existed."""
    options: RunOptions
    """Absent from runs started before boilerbench recorded them."""


class RunManifest(_ManifestOptions):
    """`run.json`: what the run was asked to do, written before its first job."""

    run_id: str
    dataset: str
    """The dataset's label, as in signatures (name, page count, content hash)."""
    dataset_spec: str | None
    """`FORMAT:/absolute/path` as given to `--dataset`, or null for the bundled gold set."""
    split: str | None
    signature: str
    extractors: list[str]
    boilerbench: str


def manifest_for(*, run_id: str, dataset: Dataset, dataset_spec: str | None,
                 split: str | None, metric: Metric, extractors: Sequence[Extractor],
                 dialect: str | None = None, options: RunOptions | None = None
                 ) -> RunManifest:
    """The manifest of a run about to start."""
    manifest: RunManifest = {
        "run_id": run_id, "dataset": dataset.label, "dataset_spec": dataset_spec,
        "split": split, "dialect": dialect, "signature": str(metric.signature),
        "extractors": [extractor.name for extractor in extractors], "boilerbench": __version__}
    if options is not None:
        manifest["options"] = options
    return manifest


def new_run_id() -> str:
    """A sortable, unique-enough run id from the current UTC time."""
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")


class RunStore:
    """Reads and writes one run directory. Records are streamed from and to `pages.jsonl`,
    never all held in memory (changed: `iter_records` streams; `records` is its list)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._repaired = False
        self._handle: BinaryIO | None = None
        self._last_sync = 0.0

    @property
    def pages_path(self) -> Path:
        """The JSON Lines file of per-page records."""
        return self.directory / PAGES_FILE

    def start(self, manifest: RunManifest) -> None:
        """Create the run directory, or check that a resumed run asks for the same thing."""
        run_path = self.directory / RUN_FILE
        if run_path.exists():
            previous = self.manifest()
            for key, was, now in (("dataset", previous["dataset"], manifest["dataset"]),
                                  ("signature", previous["signature"], manifest["signature"])):
                if was != now:
                    raise BenchError(f"{run_path}: cannot resume: {key} was {was!r}, this run "
                                     f"has {now!r}")
            return
        write_json_atomic(run_path, manifest)

    def manifest(self) -> RunManifest:
        """The run's `run.json`."""
        path = self.directory / RUN_FILE
        return checked(read_json_object(path), RunManifest, str(path))

    def records(self) -> list[PageRecord]:
        """Every whole record in `pages.jsonl`; a torn last line is dropped from the file."""
        return list(self.iter_records())

    def _repair(self) -> None:
        """Cut a torn last line. Each record is one write of one whole line, so a crash can
        only leave the last line without its newline; any other bad line is damage no crash
        explains: reading reports it, and nothing is cut."""
        if self._repaired or not self.pages_path.exists():
            return
        with self.pages_path.open("r+b") as handle:
            end = handle.seek(0, os.SEEK_END)
            position = end
            while position > 0:
                start = max(0, position - _TAIL_BLOCK)
                handle.seek(start)
                block = handle.read(position - start)
                if (newline := block.rfind(b"\n")) >= 0:
                    position = start + newline + 1
                    break
                position = start
            if position != end:
                handle.truncate(position)
        self._repaired = True

    def iter_records(self) -> Iterator[PageRecord]:
        """`records`, one at a time, read as they are needed."""
        self._repair()
        if not self.pages_path.exists():
            return
        with self.pages_path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    record = json.loads(line)
                except ValueError as error:
                    raise DataError(f"{self.pages_path}:{number}: not valid JSON ({error}); "
                                    "the run directory is damaged") from None
                yield checked(record, PageRecord, f"{self.pages_path}:{number}")

    def done(self, *, on_record: Callable[[PageRecord], None] | None = None) -> DonePairs:
        """The (page, extractor) pairs already recorded; `on_record` is given each record on
        the way (for a caller that aggregates them: one pass over the file)."""
        def pairs() -> Iterator[tuple[str, str]]:
            for record in self.iter_records():
                if on_record is not None:
                    on_record(record)
                yield record["page"], record["extractor"]

        return DonePairs(pairs())

    def append(self, record: PageRecord) -> None:
        """Append one record durably."""
        if self._handle is None:
            self._repair()  # before the first append
            self.directory.mkdir(parents=True, exist_ok=True)
            self._handle = self.pages_path.open("ab")
        self._handle.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self._handle.flush()
        if time.monotonic() - self._last_sync >= _SYNC_INTERVAL:
            os.fsync(self._handle.fileno())
            self._last_sync = time.monotonic()

    def sync(self) -> None:
        """Make every appended record durable now (and close the file until the next one)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self.pages_path.exists():
            with self.pages_path.open("rb") as handle:
                os.fsync(handle.fileno())
        self._last_sync = time.monotonic()

    def write_summary(self, summary: Summary) -> None:
        """Replace `summary.json` atomically."""
        write_json_atomic(self.directory / SUMMARY_FILE, summary)

    def summary(self) -> Summary:
        """The run's `summary.json`."""
        path = self.directory / SUMMARY_FILE
        return checked(read_json_object(path), Summary, str(path))
