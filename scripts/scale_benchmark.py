"""The scale measurements of README "Benchmarks" (issue 12), one per call, printed as one JSON
line: a whole `boilerbench run` (in this process, so that its peak RSS is the main process's
own) or the bare loop it is compared with. tests/benchmarks/test_scale.py times both on 2,000
pages with pytest-benchmark; this script is for the corpora too large for a benchmark's round
(the main process's peak RSS at 20,000 and 200,000 pages, `--max-pages-per-worker`'s effect).

Usage (corpora from scripts/synthetic_corpus.py, crawls from scripts/make_warc.py):
  .venv/bin/python scripts/scale_benchmark.py run CORPUS.jsonl EXTRACTOR JOBS [RUN OPTION...]
  .venv/bin/python scripts/scale_benchmark.py bare CORPUS.jsonl EXTRACTOR
  .venv/bin/python scripts/scale_benchmark.py rounds CORPUS.jsonl EXTRACTOR ROUNDS
  .venv/bin/python scripts/scale_benchmark.py summary PAGES
  .venv/bin/python scripts/scale_benchmark.py profile CRAWL.warc EXECUTOR JOBS EXTRACTOR...

`run` prints wall seconds, pages per second, the main process's peak RSS (VmHWM) and the
workers' mean per-page peak RSS over the first and the last 1,000 pages; `bare` the wall seconds
of a plain loop that reads, decodes and extracts every page (no workers, no scoring, no record);
`rounds` runs ROUNDS interleaved rounds of `bare`, `run ... 1` and `run ... 2`, each in a
fresh process, and prints every wall time, their medians, `--jobs 1` over the bare loop and
the `--jobs 2` speed-up (ratios of the medians);
`summary` the main process's peak RSS before and after summarising a stream of PAGES records
shaped like a run's (one extractor, token-f1, made up here: the end of a run in seconds);
`profile` runs `boilerbench profile --no-cache` of the extractors on the crawl with the executor
(`process` or `ray`) and prints the wall seconds, extractions per second, the profile's own
`wall_seconds` and the main process's peak RSS.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise OSError("no VmHWM in /proc/self/status")


def measure_run(corpus: Path, extractor: str, jobs: int, options: list[str]) -> dict[str, float]:
    """Run `boilerbench run` on the corpus, no cache, and measure it."""
    import resource

    from bench.cli import main

    with tempfile.TemporaryDirectory() as reports:
        started = time.perf_counter()
        code = main(["run", "--dataset", f"jsonl:{corpus}", "-e", extractor, "--jobs", str(jobs),
                     "--no-cache", "--no-progress", "--reports-dir", reports, *options])
        wall = time.perf_counter() - started
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        if code != 0:
            raise SystemExit(code)
        (pages_file,) = Path(reports).glob("*/pages.jsonl")
        peaks = [json.loads(line)["peak_mb"] for line in pages_file.open(encoding="utf-8")]
    return {"pages": len(peaks), "wall_s": round(wall, 2),
            "pages_per_s": round(len(peaks) / wall, 1), "main_peak_mb": round(_peak_mb(), 1),
            "main_cpu_s": round(own.ru_utime + own.ru_stime, 2),
            "workers_cpu_s": round(children.ru_utime + children.ru_stime, 2),
            "worker_peak_first_1000_mb": round(statistics.fmean(peaks[:1000]), 1),
            "worker_peak_last_1000_mb": round(statistics.fmean(peaks[-1000:]), 1)}


def measure_profile(crawl: Path, executor: str, jobs: int, extractors: list[str]
                    ) -> dict[str, float]:
    """Run `boilerbench profile` on the crawl, no cache, and measure it."""
    from bench.cli import main

    with tempfile.TemporaryDirectory() as reports:
        started = time.perf_counter()
        code = main(["profile", "--dataset", f"warc:{crawl}",
                     *(option for name in extractors for option in ("-e", name)),
                     "--jobs", str(jobs), "--executor", executor, "--no-cache", "--quiet",
                     "--reports-dir", reports])
        wall = time.perf_counter() - started
        if code != 0:
            raise SystemExit(code)
        (profile_file,) = Path(reports).glob("*/profile.json")
        result = json.loads(profile_file.read_text(encoding="utf-8"))
        with profile_file.with_name("pages.jsonl").open(encoding="utf-8") as records:
            extractions = sum(1 for _line in records)  # the reference's included
    return {"pages": result["pages"], "extractions": extractions, "wall_s": round(wall, 2),
            "profile_wall_s": round(result["wall_seconds"], 2),
            "extractions_per_s": round(extractions / wall, 1),
            "main_peak_mb": round(_peak_mb(), 1)}


def measure_bare(corpus: Path, extractor: str, *, limit: int | None = None) -> dict[str, float]:
    """Read, decode and extract every page (or the first `limit`) in a plain loop."""
    from bench.data.formats import load_dataset
    from bench.text.encoding import decode_html
    from extractors import registry

    adapter = registry.load(extractor)
    pages = load_dataset(f"jsonl:{corpus}").pages
    pages = pages if limit is None else pages[:limit]
    started = time.perf_counter()
    for page in pages:
        html = decode_html(page.read_html(), page.encoding)[0]
        adapter.apply(html, url=page.url, language=page.language)
    return {"pages": len(pages), "wall_s": round(time.perf_counter() - started, 2)}


def measure_summary(pages: int) -> dict[str, float]:
    """Summarise `pages` made-up records, streamed, as `boilerbench run` does at its end."""
    import random

    from bench.data.page import Dataset
    from bench.scoring.metrics.token_f1 import TokenF1
    from bench.scoring.records import PageRecord
    from bench.scoring.summary import summarize
    from extractors.base import Extractor

    def records() -> Iterator[PageRecord]:
        draw = random.Random(0)
        for number in range(pages):
            tp, fp, fn = draw.randint(0, 900), draw.randint(0, 300), draw.randint(0, 300)
            yield {"page": f"p{number:07d}-0123456789ab", "extractor": "x", "version": "1",
                   "stats": (tp, fp, fn), "f1": 2 * tp / (2 * tp + fp + fn or 1),
                   "duplication": draw.random() / 10, "seconds": draw.random() / 50,
                   "peak_mb": 50 + draw.random(), "cached": False, "error": None,
                   "output": "", "leaks": {}}  # type: ignore[typeddict-item]

    dataset = Dataset(name="made-up", pages=range(pages), content_hash="0" * 64)  # type: ignore[arg-type]
    extractor = Extractor(name="x", package="x", extract=lambda html, url: "")
    before = _peak_mb()
    started = time.perf_counter()
    summarize(run_id="summary", dataset=dataset, extractors=[extractor], records=records(),
              metric=TokenF1(dataset=dataset.label))
    return {"pages": pages, "wall_s": round(time.perf_counter() - started, 2),
            "peak_before_mb": round(before, 1), "main_peak_mb": round(_peak_mb(), 1)}


def measure_rounds(corpus: Path, extractor: str, rounds: int, *,
                   jobs: tuple[int, ...] = (1, 2)) -> dict[str, Any]:
    """`rounds` rounds of the bare loop and a run with each of `jobs` workers, interleaved,
    each in a fresh process of this script (a shared machine's speed drifts: medians over
    interleaved rounds compare like with like); the medians and their ratios."""
    import subprocess

    walls: dict[str, list[float]] = {"bare": [], **{f"jobs_{n}": [] for n in jobs}}
    for _ in range(rounds):
        for key in walls:
            command = [sys.executable, __file__, "bare", str(corpus), extractor]
            if key != "bare":
                command = [*command[:2], "run", *command[3:], key.removeprefix("jobs_"),
                           "--quiet"]
            line = subprocess.run(command, check=True, capture_output=True,
                                  text=True).stdout.splitlines()[-1]
            walls[key].append(json.loads(line)["wall_s"])
    medians = {key: statistics.median(values) for key, values in walls.items()}
    ratios = {}
    if "jobs_1" in medians:
        ratios["jobs_1_over_bare"] = round(medians["jobs_1"] / medians["bare"], 3)
    if "jobs_1" in medians and "jobs_2" in medians:
        ratios["jobs_2_speedup"] = round(medians["jobs_1"] / medians["jobs_2"], 3)
    return {"rounds": rounds, **{f"{key}_wall_s": values for key, values in walls.items()},
            **{f"{key}_median_s": value for key, value in medians.items()}, **ratios}


def main(argv: list[str]) -> int:
    if len(argv) >= 4 and argv[0] == "run":
        result = measure_run(Path(argv[1]), argv[2], int(argv[3]), argv[4:])
    elif len(argv) == 4 and argv[0] == "rounds" and argv[3].isdigit():
        result = measure_rounds(Path(argv[1]), argv[2], int(argv[3]))
    elif len(argv) == 3 and argv[0] == "bare":
        result = measure_bare(Path(argv[1]), argv[2])
    elif len(argv) == 2 and argv[0] == "summary" and argv[1].isdigit():
        print(json.dumps({"mode": "summary", **measure_summary(int(argv[1]))}))
        return 0
    elif len(argv) >= 5 and argv[0] == "profile":
        result = measure_profile(Path(argv[1]), argv[2], int(argv[3]), argv[4:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    what = "executor" if argv[0] == "profile" else "extractor"
    print(json.dumps({"mode": argv[0], "corpus": argv[1], what: argv[2], **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
