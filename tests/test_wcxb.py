"""The wcxb metric, WCXB's own scoring; the expected values are worked out by hand from the
rules in `bench/scoring/metrics/wcxb.py`'s docstring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.data.page import Gold
from bench.scoring.metrics import get_metric
from bench.scoring.metrics.wcxb import WCXB
from tests.helpers import first_table, public_data, run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def page(body: str | None = "gold", with_snippets: tuple[str, ...] = (),
         without: tuple[str, ...] = ()) -> Gold:
    return Gold(body=body, with_snippets=with_snippets,
                without_snippets=without)


def test_word_bags_are_lower_cased_re_words() -> None:
    metric = WCXB()
    # gold: the cat sat on the mat (6 tokens); output: the cat sat (3), all found.
    score = metric.page_score("The cat sat on THE mat.", "the CAT, sat!")
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.f1 == pytest.approx(2 / 3)
    # Python `re` `\w` keeps the underscore in a word and splits at an apostrophe.
    assert metric.tokens("Don't snake_case") == ["don", "t", "snake_case"]


@pytest.mark.parametrize(("gold", "output", "expected"), [
    ("", "", (1.0, 1.0, 1.0)),
    ("", "anything", (0.0, 0.0, 0.0)),
    ("some gold", "", (0.0, 0.0, 0.0)),
    ("a a b", "a b b", (2 / 3, 2 / 3, 2 / 3)),  # multiplicity: one a and one b match
])
def test_edge_cases(gold: str, output: str, expected: tuple[float, float, float]) -> None:
    score = WCXB().page_score(gold, output)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


def test_snippets_are_lower_cased_substrings_with_nothing_else_normalised() -> None:
    gold = page("bridge", ("Bridge reopened", "two years", "bridge  reopened"),
                ("Subscribe", "Menu"))
    stats = WCXB().gold_stats(gold, "The BRIDGE reopened after repairs. subscribe now")
    # with: found, missed, missed (two spaces); without: found, missed.
    assert stats is not None
    assert stats[3:] == (1.0, 3.0, 1.0, 2.0)


def test_every_page_with_a_body_counts_even_an_empty_one() -> None:
    metric = WCXB()
    assert metric.gold_stats(page(None, ("a",)), "a") is None  # no body gold at all: n/a
    assert metric.gold_stats(page("a"), "a") == (1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    assert metric.gold_stats(page("a", without=("b",)), "a") == (1.0, 0.0, 0.0,
                                                                      0.0, 0.0, 0.0, 1.0)
    empty = metric.gold_stats(page("", without=("menu",)), "")
    assert empty is not None
    assert metric.score_stats(empty).f1 == 1.0  # empty gold, empty output
    nonempty = metric.gold_stats(page(" -- ", without=("menu",)), "menu")
    assert nonempty is not None
    assert metric.score_stats(nonempty).f1 == 0.0  # no gold words, some output words


def test_corpus_values_are_means_over_pages() -> None:
    metric = WCXB()
    stats = [
        (1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0),  # P 1, R .5, F1 2/3; with 1/1; no without list
        (1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 2.0),  # P .5, R 1, F1 2/3; no with list; without 1/2
    ]
    corpus = metric.corpus_score(stats, resamples=10)
    assert corpus.values["precision"] == corpus.values["recall"] == pytest.approx(0.75)
    assert corpus.values["f1"] == pytest.approx(2 / 3)  # the mean of F1s, not F1 of the means
    # A page with no snippets of a kind has rate 1 for it, as in WCXB's evaluate.py.
    assert corpus.values["with_rate"] == 1.0  # (1/1 + 1) / 2
    assert corpus.values["without_rate"] == 0.75  # (1 + 1/2) / 2


def test_signature_names_the_lower_casing() -> None:
    assert str(get_metric("wcxb", dataset="d").signature).startswith(
        "metric:wcxb|tok:re-word|norm:lower|data:d|")
    assert "|norm:nfkc-casefold" in str(get_metric("wcxb", normalized=True).signature)


def test_run_on_a_wcxb_folder_shows_the_snippet_rates(tmp_path: Path) -> None:
    code, out = run_cli("run", "--dataset", f"wcxb:{FIXTURES / 'wcxb'}", "--metric", "wcxb",
                        "-e", "fulltext", "--no-progress", "--reports-dir", str(tmp_path))
    assert code == 0
    header = out.splitlines()[2]
    assert "with_rate" in header and "without_rate" in header
    row = first_table(out)["fulltext"]
    # The full text of each fixture page holds every `with` snippet and every `without` one.
    assert row[4:7] == ["1.000", "1.000", "3"]  # with_rate, without_rate, pages


def _plain_wcxb(pairs: list[tuple[Gold, str]]) -> dict[str, float]:
    """WCXB's procedure (evaluate.py's functions, below) on (gold, output) pairs."""
    keys = ("precision", "recall", "f1", "with_rate", "without_rate")
    rows = [(*_evaluate_word_f1(output, gold.body or ""),
             _evaluate_snippet_check(output, list(gold.with_snippets)),
             _evaluate_snippet_check(output, list(gold.without_snippets)))
            for gold, output in pairs]
    columns = zip(*rows, strict=True)
    return {key: sum(column) / len(rows) for key, column in zip(keys, columns, strict=True)}


def test_equals_the_plain_procedure_on_real_pages_and_predictions() -> None:
    """AEB's 181 gold bodies as WCXB gold, two snippets each (a sentence of the body; a line
    that is not in it), against the predictions of three systems in AEB's output/."""
    import json

    from bench.data.predictions import load_predictions

    aeb = public_data("aeb")
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [page(item["articleBody"], (item["articleBody"].split("\n")[0][:60],),
                  ("Subscribe to our newsletter", "All rights reserved"))
             for item in truth.values()]
    metric = WCXB()
    for system in ("trafilatura", "readability", "html-text"):
        predictions = load_predictions(aeb / "output" / f"{system}.json")
        pairs = [(gold, predictions.get(page_id, "")) for gold, page_id in zip(pages, truth,
                                                                               strict=True)]
        stats = [metric.gold_stats(gold, output) for gold, output in pairs]
        corpus = metric.corpus_score([s for s in stats if s is not None], resamples=10)
        expected = _plain_wcxb(pairs)
        assert corpus.values == pytest.approx(expected, abs=1e-12), system


# WCXB's evaluate.py (its repository at commit c039d5e, copied unchanged into the wcxb-dev
# folder), step by step: the same reading of the files, the same per-page rules, the same means.
# Independent of boilerbench's importer and metric, which must give the same numbers.

def _evaluate_tokenize(text: str) -> list[str]:
    import re

    if not text:
        return []
    return re.findall(r"\w+", text.lower())


def _evaluate_word_f1(predicted: str, reference: str) -> tuple[float, float, float]:
    from collections import Counter

    pred_tokens, ref_tokens = _evaluate_tokenize(predicted), _evaluate_tokenize(reference)
    if not ref_tokens:
        return (1.0, 1.0, 1.0) if not pred_tokens else (0.0, 0.0, 0.0)
    if not pred_tokens:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(pred_tokens) & Counter(ref_tokens)).values())
    precision, recall = overlap / len(pred_tokens), overlap / len(ref_tokens)
    f1 = 2 * precision * recall / (precision + recall) if (precision + recall) > 0 else 0.0
    return (precision, recall, f1)


def _evaluate_snippet_check(text: str, snippets: list[str]) -> float:
    if not snippets:
        return 1.0
    text_lower = text.lower()
    return sum(1 for s in snippets if s.lower() in text_lower) / len(snippets)


def _evaluate_page_type(data: dict[str, Any]) -> str:
    internal = data.get("_internal", {}) or {}
    pt_obj = internal.get("page_type", {})
    if isinstance(pt_obj, dict):
        pt = pt_obj.get("primary", "article")
    elif isinstance(pt_obj, str):
        pt = pt_obj
    else:
        pt = "article"
    return "collection" if pt == "category" else pt


def _evaluate_load(gt_dir: Path) -> dict[str, dict[str, Any]]:
    import json

    gt_data = {}
    for f in sorted(gt_dir.glob("*.json")):
        data = json.loads(f.read_text())
        gt = data.get("ground_truth", {})
        if not isinstance(gt, dict):
            continue
        gt_data[f.stem] = {"main_content": gt.get("main_content", "") or "",
                           "with": gt.get("with", []) or [],
                           "without": gt.get("without", []) or [],
                           "page_type": _evaluate_page_type(data)}
    return gt_data


def _evaluate_results(gt_data: dict[str, dict[str, Any]],
                      predictions: dict[str, str]) -> dict[str, dict[str, float]]:
    """The overall means and, per page type, F1, precision and recall, as evaluate.py prints."""
    results = []
    for file_id, gt in sorted(gt_data.items()):
        predicted = predictions.get(file_id, "")
        p, r, f1 = _evaluate_word_f1(predicted, gt["main_content"])
        results.append({"page_type": gt["page_type"], "precision": p, "recall": r, "f1": f1,
                        "with_rate": _evaluate_snippet_check(predicted, gt["with"]),
                        "without_rate": _evaluate_snippet_check(predicted, gt["without"])})
    keys = ("precision", "recall", "f1", "with_rate", "without_rate")
    out = {"all": {key: sum(r[key] for r in results) / len(results) for key in keys}}
    for page_type in {r["page_type"] for r in results}:
        group = [r for r in results if r["page_type"] == page_type]
        out[page_type] = {key: sum(r[key] for r in group) / len(group) for key in keys[:3]}
    return out


def _systems(gt_dir: Path, html_dir: Path) -> dict[str, dict[str, str]]:
    """Several systems' outputs on every page: nothing, the gold, its Markdown rendering, a
    crude full text (the tags of the page's first 20,000 characters stripped), half the gold
    with the boilerplate snippets, shouted; and a third of the gold on all but every seventh
    page, which gets no prediction (evaluate.py reads that as empty)."""
    import gzip
    import json
    import re

    systems: dict[str, dict[str, str]] = {name: {} for name in (
        "empty", "gold", "markdown", "tag-stripped", "half-and-boilerplate", "gaps")}
    for number, f in enumerate(sorted(gt_dir.glob("*.json"))):
        gt = json.loads(f.read_text()).get("ground_truth") or {}
        body = gt.get("main_content") or ""
        html = gzip.decompress((html_dir / f"{f.stem}.html.gz").read_bytes())
        systems["empty"][f.stem] = ""
        systems["gold"][f.stem] = body
        systems["markdown"][f.stem] = gt.get("main_content_markdown") or ""
        systems["tag-stripped"][f.stem] = re.sub(r"<[^>]*>", " ",
                                                 html.decode("utf-8", "replace")[:20_000])
        words = body.split()
        systems["half-and-boilerplate"][f.stem] = " ".join(
            [*words[:len(words) // 2], *(gt.get("without") or [])]).upper()
        if number % 7:
            systems["gaps"][f.stem] = body[: len(body) // 3]
    return systems


def test_equals_wcxb_evaluate_py_on_every_dev_page() -> None:
    """`--metric wcxb` through the importer gives evaluate.py's numbers (1e-9) on all 1,497
    dev pages, the pages with an empty or missing main_content and no snippets included,
    overall and per page type."""
    from bench.data.formats.wcxb import load

    folder = public_data("wcxb-dev")
    gt_dir, html_dir = folder / "dev" / "ground-truth", folder / "dev" / "html"
    reference = _evaluate_load(gt_dir)
    dataset = load(folder, split="dev")
    assert [p.id for p in dataset] == sorted(reference) and len(dataset) == 1497
    assert sum(not p.body for p in dataset) == 21  # empty or null main_content: still scored
    metric = WCXB()
    for name, predictions in _systems(gt_dir, html_dir).items():
        expected = _evaluate_results(reference, predictions)
        stats = {p.id: metric.gold_stats(p.gold, predictions.get(p.id, "")) for p in dataset}
        assert None not in stats.values()
        corpus = metric.corpus_score(list(stats.values()), resamples=2)  # type: ignore[arg-type]
        assert corpus.values == pytest.approx(expected["all"], abs=1e-9), name
        for page_type in {p.page_type for p in dataset}:
            group = [stats[p.id] for p in dataset if p.page_type == page_type]
            values = metric.corpus_score(group, resamples=2).values  # type: ignore[arg-type]
            assert {key: values[key] for key in ("precision", "recall", "f1")} == \
                pytest.approx(expected[str(page_type)], abs=1e-9), (name, page_type)
