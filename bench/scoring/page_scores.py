"""The scores of one output on one page: the metric's statistics and P/R/F1, the output's
duplication and the leaks of the page's labeled boilerplate.

The output is normalised and tokenised once (`bench.scoring.leakage.line_tokens`) for
duplication, leaks and, when the metric counts the same tokens (`Metric.reads_line_tokens`,
true of token-f1 and lcs by default), the metric too.
"""

from __future__ import annotations

from itertools import chain

from bench.data.page import Gold
from bench.scoring.leakage import duplication, leaks, line_tokens
from bench.scoring.metrics.base import Metric
from bench.scoring.records import ScoreFields


def score_fields(gold: Gold, output: str, metric: Metric, *, diagnostics: bool = True,
                 output_format: str = "text") -> ScoreFields:
    """The score fields of one output: the metric's statistics and P/R/F1 (None where the
    gold cannot support the metric, or the metric does not score outputs of this format), and
    with `diagnostics` the duplication of the output and the leaks of the gold's labeled
    boilerplate."""
    shared = metric.reads_line_tokens
    lines = line_tokens(output) if diagnostics or shared else None
    fields: ScoreFields = {
        "stats": None, "precision": None, "recall": None, "f1": None,
        "duplication": duplication(output, lines=lines) if diagnostics else None,
        "leaks": (leaks(gold.boilerplate, output, lines=lines)
                  if diagnostics and gold.boilerplate else None),
    }
    formats = metric.output_formats
    tokens = list(chain.from_iterable(lines)) if shared and lines is not None else None
    stats = (metric.gold_stats(gold, output, tokens=tokens)
             if formats is None or output_format in formats else None)
    if stats is not None:
        score = metric.score_stats(stats)
        fields["stats"], fields["f1"] = list(stats), score.f1
        fields["precision"], fields["recall"] = score.precision, score.recall
    return fields
