"""The typed shapes of what a run records and summarises: one definition each, used by the
writer, every reader and the tests; reports/README.md documents the same fields.

They are TypedDicts, the JSON objects themselves: a record goes to `pages.jsonl` and a summary to
`summary.json` as they are, and `bench.schema.checked` checks one read back from disk.
"""

from __future__ import annotations

from typing import TypedDict


class LeakCounts(TypedDict):
    """One boilerplate category over a set of pages: pages labeled with it, pages where some of
    its snippets leaked, and the same counted in snippets."""

    pages: int
    leaked_pages: int
    snippets: int
    leaked_snippets: int


class ScoreFields(TypedDict):
    """The scores of one output: the metric's statistics and P/R/F1 (null where the gold cannot
    support the metric), duplication, and leaks as [leaked, labeled] snippets per category."""

    stats: list[float] | None
    precision: float | None
    recall: float | None
    f1: float | None
    duplication: float | None
    leaks: dict[str, list[int]] | None


class Noise(TypedDict):
    """What an extractor printed or logged on one page (captured in its worker): stdout and
    stderr as text, one string per log record, and how much was cut to keep it bounded."""

    stdout: str
    stderr: str
    log: list[str]
    cut: int
    """Bytes (stdout, stderr) and characters (log records) left out; each cut is also said
    where it was made."""


class _PageNoise(TypedDict, total=False):
    noise: Noise | None
    """Absent in runs written before noise was captured; null when the extractor was quiet
    (and for cached outputs, which did not run)."""


class PageRecord(ScoreFields, _PageNoise):
    """One line of `pages.jsonl`: one extractor on one page."""

    page: str
    extractor: str
    version: str
    language: str | None
    page_type: str | None
    seconds: float
    peak_mb: float | None
    cached: bool
    error: str | None
    output: str


class ScoresSummary(TypedDict):
    """Corpus scores of a set of records, with bootstrap intervals and standard deviations of
    every corpus value the metric defines."""

    precision: float | None
    recall: float | None
    f1: float | None
    scored_pages: int
    values: dict[str, float] | None
    ci: dict[str, list[float]] | None
    std: dict[str, float] | None
    leaks: dict[str, LeakCounts]
    duplication: float | None


class SystemRow(ScoresSummary):
    """One system's line of a summary: a prediction file's in `score-predictions`."""

    name: str
    pages: int


class _NoiseCounts(TypedDict, total=False):
    noisy_pages: int
    """Pages on which the extractor printed or logged something (absent in older runs)."""
    noise_lines: int


class ExtractorRow(SystemRow, _NoiseCounts):
    """One extractor's line of a run's summary."""

    version: str
    settings: dict[str, str]
    failures: int
    undecodable: int
    median_ms: float | None
    peak_mb: float | None
    cached: int


class BreakdownRow(ScoresSummary):
    """The scores of one extractor on the pages with one value of a field."""

    value: str
    extractor: str
    pages: int


class RankingPair(TypedDict):
    """A paired test of an extractor against the next one down the table."""

    better: str
    worse: str
    delta: float
    ci: list[float]
    p_value: float
    pages: int
    significant: bool


class Bootstrap(TypedDict):
    """How the intervals were drawn."""

    resamples: int
    seed: int
    confidence: float


class DatasetInfo(TypedDict):
    """The dataset scored: its name, label (as in signatures), page count and content hash."""

    name: str
    label: str
    pages: int
    sha256: str


class ScoringHeader(TypedDict):
    """What every summary says about how it scored."""

    signature: str
    metric: str
    averaging: str
    bootstrap: Bootstrap
    dataset: DatasetInfo


class PredictionsSummary(ScoringHeader):
    """What `score-predictions --json` prints: one row per prediction file."""

    systems: list[SystemRow]


class Environment(TypedDict):
    """Where a run ran."""

    boilerbench: str
    python: str
    platform: str


class _Breakdowns(TypedDict, total=False):
    breakdowns: dict[str, list[BreakdownRow]]
    """Present when the run was asked `--by FIELD`."""


class Summary(ScoringHeader, _Breakdowns):
    """`summary.json`: one row per extractor, the neighbour tests and the run's environment."""

    schema: int
    run_id: str
    extractors: list[ExtractorRow]
    ranking: list[RankingPair]
    undecodable: int
    environment: Environment
