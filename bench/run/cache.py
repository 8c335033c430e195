"""The output cache: one SQLite file remembering what each extractor returned on each page.

A cached output is keyed by the extractor's name, version and settings and by the page's
content key (a SHA-256 of its HTML's digest, URL, declared encoding and language: all an
extractor sees), so a re-run computes only pages or extractors that changed. Only clean
outputs are kept: failures (exceptions, timeouts, crashes) are retried on the next run, and
ad hoc extractors (`Extractor.cacheable` False) are never cached. Each output is committed on
its own, so an interrupted run leaves whole rows only. An output's scores are kept beside it,
keyed also by the page's gold, the metric's signature and the scoring code (`scoring_code`).

Where: `--cache PATH`, else `$BOILERBENCH_CACHE`, else `$XDG_CACHE_HOME/boilerbench/
outputs.sqlite` (`~/.cache/...` by default).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import bench.scoring
import bench.text
from bench.data.page import Page, gold_key
from bench.errors import BenchError
from bench.run.job import Extraction, Job
from bench.schema import checked
from bench.scoring.metrics.base import Metric
from bench.scoring.records import PageRecord, ScoreFields
from extractors.base import Extractor

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outputs (
    extractor TEXT NOT NULL, version TEXT NOT NULL, settings TEXT NOT NULL,
    page_key TEXT NOT NULL, output TEXT NOT NULL, seconds REAL NOT NULL, peak_mb REAL,
    PRIMARY KEY (extractor, version, settings, page_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scores (
    extractor TEXT NOT NULL, version TEXT NOT NULL, settings TEXT NOT NULL,
    page_key TEXT NOT NULL, scoring TEXT NOT NULL, fields TEXT NOT NULL,
    PRIMARY KEY (extractor, version, settings, page_key, scoring)
) WITHOUT ROWID;
"""


def page_key(page: Page) -> str:
    """A SHA-256 of everything an extractor is given about a page (its HTML by its digest,
    which a dataset's loading has usually just remembered: the page is not read again)."""
    digest = hashlib.sha256(page.html_digest())
    digest.update(json.dumps([page.url, page.encoding, page.language]).encode())
    return digest.hexdigest()


@functools.cache
def scoring_code() -> str:
    """A SHA-256 (its first 16 digits) of the scoring code's source (`bench.scoring`,
    `bench.text`): cached scores are computed again after any change to how scores are made,
    released or not."""
    digest = hashlib.sha256()
    for package in (bench.scoring, bench.text):
        folder = Path(str(package.__file__)).parent
        for source in sorted(folder.rglob("*.py")):
            digest.update(source.relative_to(folder.parent).as_posix().encode() + b"\x00")
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _extractor_key(extractor: Extractor) -> tuple[str, str, str]:
    settings = json.dumps({key: repr(value) for key, value in extractor.settings.items()},
                          sort_keys=True)
    return extractor.name, extractor.version, settings


class OutputCache:
    """The cache file, opened for one run."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise BenchError(f"{self.path}: cannot open the output cache: {error}") from None
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as error:
            self._db.close()  # e.g. not a database: the file is not left open
            raise BenchError(f"{self.path}: cannot open the output cache: {error}") from None
        self._last: tuple[Page, str] | None = None
        """The last page asked about and its key: a job asks up to four times, and a run asks
        about each page once per extractor, one after another."""

    def _page_key(self, page: Page) -> str:
        if self._last is None or self._last[0] is not page:
            self._last = page, page_key(page)
        return self._last[1]

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def get(self, job: Job) -> Extraction | None:
        """The job's cached extraction, or None (looked up on disk: nothing is held)."""
        if not job.extractor.cacheable:
            return None
        row = self._db.execute(
            "SELECT output, seconds, peak_mb FROM outputs WHERE extractor = ? AND version = ? "
            "AND settings = ? AND page_key = ?",
            (*_extractor_key(job.extractor), self._page_key(job.page))).fetchone()
        if row is None:
            return None
        output, seconds, peak_mb = row
        return Extraction(page_id=job.page.id, extractor=job.extractor.name,
                          version=job.extractor.version, output=output, error=None,
                          seconds=seconds, peak_mb=peak_mb, cached=True)

    def put(self, job: Job, extraction: Extraction) -> None:
        """Remember a clean, freshly computed output (anything else is ignored)."""
        if extraction.error is not None or extraction.cached or not job.extractor.cacheable:
            return
        self._db.execute(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*_extractor_key(job.extractor), self._page_key(job.page), extraction.output,
             extraction.seconds, extraction.peak_mb))

    def _scoring(self, job: Job, metric: Metric) -> tuple[str, ...]:
        """The score key: the output's key, how it is scored (the signature but for the dataset
        label, which any page changes, and the scoring code itself) and the page's gold."""
        signature = metric.signature
        scoring = "|".join((signature.metric, signature.tokenizer, signature.normalization,
                            signature.version, scoring_code(), gold_key(job.page)))
        return (*_extractor_key(job.extractor), self._page_key(job.page), scoring)

    def scores(self, job: Job, metric: Metric) -> ScoreFields | None:
        """The score fields of a cached output, if this metric scored it on this gold before
        (a row this version cannot read is computed again)."""
        row = self._db.execute(
            "SELECT fields FROM scores WHERE extractor = ? AND version = ? AND settings = ? "
            "AND page_key = ? AND scoring = ?", self._scoring(job, metric)).fetchone()
        if row is None:
            return None
        try:
            return checked(json.loads(row[0]), ScoreFields, str(self.path))
        except (ValueError, BenchError):
            return None

    def put_scores(self, job: Job, metric: Metric, record: PageRecord) -> None:
        """Remember the score fields of a clean, cacheable output."""
        if record["error"] is not None or not job.extractor.cacheable:
            return
        scores: ScoreFields = {
            "stats": record["stats"], "precision": record["precision"],
            "recall": record["recall"], "f1": record["f1"],
            "duplication": record["duplication"], "leaks": record["leaks"]}
        fields = json.dumps(scores, ensure_ascii=False)
        self._db.execute("INSERT OR REPLACE INTO scores VALUES (?, ?, ?, ?, ?, ?)",
                         (*self._scoring(job, metric), fields))

    def clear(self, extractors: Iterable[str] = ()) -> int:
        """Forget every output (or those of the named extractors); return how many."""
        names = list(extractors)
        if names:
            marks = ", ".join("?" for _ in names)
            self._db.execute(f"DELETE FROM scores WHERE extractor IN ({marks})", names)
            cursor = self._db.execute(f"DELETE FROM outputs WHERE extractor IN ({marks})", names)
        else:
            self._db.execute("DELETE FROM scores")
            cursor = self._db.execute("DELETE FROM outputs")
        self._db.execute("VACUUM")
        return cursor.rowcount
