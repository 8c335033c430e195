"""Structure (`--metric structure`): precision, recall and F1 of a Markdown output's headings,
list items, table cells, code blocks, links and block quotes against the gold's.

Gold and output are parsed alike (`bench.text.markdown`). Elements of each kind are paired one
to one, gold in document order, each with its most similar unpaired output element; two texts
are similar when their tokens (normalised, this metric's tokenizer) are equal, or their bags
have an F1 of at least 0.8. A pair counts as a true positive when, on top of its text:

- a heading has the same level;
- a list item has the same depth and sits in the output list that its gold list maps to (gold
  lists map one to one to the output lists holding most of their items);
- a table cell sits in the same column, in the row aligned with its gold row, in the output
  table matched with its gold table (tables are matched by shared cells; rows are aligned
  in order to match the most cells);
- a code block counts as much as its character similarity (normalised Indel, white space and
  case exact), from 0.5 up: a block one character off is 0.99 of a true positive;
- a link has the same target (relative targets resolved against the page's URL when the gold
  has one; percent-escapes decoded; scheme, `www.` and a final `/` aside; without a URL, a
  relative target matches an absolute one that ends with its path);
- a block quote needs its text only.

Elements without text (an image link, an empty cell or heading) are not counted. Unpaired
output elements are false positives, unpaired gold elements false negatives. A page's
score pools its counts over kinds, so each kind weighs by its count: recall weighs kinds by
their gold counts exactly. The corpus pools counts over pages too (micro): structure is
counted in elements, and a page of forty list items says more about lists than a page of two.
A page whose gold has no Markdown is not applicable; so is a plain-text output (an output
format other than Markdown is never scored on structure: n/a, not zero).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, ClassVar
from urllib.parse import unquote, urljoin, urlsplit

import numpy as np
from rapidfuzz.distance import Indel

from bench.data.page import Gold
from bench.scoring.metrics.base import Metric, PageStats, prf_array
from bench.scoring.stats import Array
from bench.text import markdown
from bench.text.markdown import Cell, parse

KINDS = ("headings", "list_items", "table_cells", "code_blocks", "links", "quotes")
TEXT_SIMILARITY = 0.8
"""Token-bag F1 from which two element texts are the same text written differently."""
CODE_SIMILARITY = 0.5
"""Character similarity from which two code blocks are paired."""

Counts = tuple[float, float, float]


def _f1(gold: Sequence[str], output: Sequence[str]) -> float:
    if not gold or not output:
        return 0.0
    tp = sum((Counter(gold) & Counter(output)).values())
    return 2 * tp / (len(gold) + len(output))


def pair(gold: Sequence[Any], output: Sequence[Any], *, key: Callable[[Any], Hashable],
         similarity: Callable[[Any, Any], float], threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs (gold index, output index, similarity): first equal keys in order, then
    each gold element left with its most similar output element left, from `threshold` up."""
    free: dict[Hashable, list[int]] = defaultdict(list)
    for index, element in enumerate(output):
        free[key(element)].append(index)
    pairs, unpaired, taken = [], [], set()
    for index, element in enumerate(gold):
        if free.get(k := key(element)):
            chosen = free[k].pop(0)
            pairs.append((index, chosen, 1.0))
            taken.add(chosen)
        else:
            unpaired.append(index)
    for index in unpaired:
        best, best_score = -1, threshold
        for candidate, element in enumerate(output):
            if candidate not in taken:
                score = similarity(gold[index], element)
                if score >= best_score and (best < 0 or score > best_score):
                    best, best_score = candidate, score
        if best >= 0:
            pairs.append((index, best, best_score))
            taken.add(best)
    return sorted(pairs)


def _target(url: str) -> tuple[str, str]:
    """(host, path with query and fragment) of a link target, scheme and `www.` aside."""
    parts = urlsplit(url.strip())
    rest = parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else "")
    return parts.netloc.lower().removeprefix("www."), rest


def same_target(gold: str, output: str) -> bool:
    """Whether two link targets name one place (a relative one: the other ends with its path)."""
    (gold_host, gold_rest), (out_host, out_rest) = _target(gold), _target(output)
    if gold_host and out_host:
        return (gold_host, gold_rest) == (out_host, out_rest)
    relative, absolute = (gold_rest, out_rest) if not gold_host else (out_rest, gold_rest)
    relative = relative.lstrip("./")
    return absolute == relative or absolute.endswith(f"/{relative}") if relative else not absolute


class Structure(Metric):
    """Per-kind element counts; page stats are (tp, fp, fn) for each kind in `KINDS`."""

    name = "structure"
    corpus_fields = ("precision", "recall", "f1", *(f"{kind}_f1" for kind in KINDS),
                     *(f"{kind}_{what}" for kind in KINDS
                       for what in ("precision", "recall", "gold")))
    averaging = "micro: element counts pooled over pages and kinds"
    output_formats: ClassVar[frozenset[str]] = frozenset({"markdown"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._gold_structure = self.gold_memory(parse)

    def gold_stats(self, gold: Gold, output: str, *,
                   tokens: list[str] | None = None) -> PageStats | None:
        """Markdown gold against the output; `tokens` (the output's plain tokens, shared by
        other metrics) are not used: structure is parsed from the Markdown itself."""
        if gold.markdown is None:
            return None
        return self.page_stats(gold.markdown, output, url=gold.url)

    def page_stats(self, gold: str, output: str, *, tokens: list[str] | None = None,
                   url: str | None = None) -> PageStats:
        """Statistics of one Markdown output against Markdown gold; relative link targets are
        resolved against `url` when given (`tokens` are not used, as in `gold_stats`)."""
        return self.structure_stats(self._gold_structure(gold), parse(output), url=url)

    def _page_stats(self, gold_tokens: list[str], output_tokens: list[str]) -> PageStats:
        """Never called (`page_stats` parses Markdown instead): token lists hold no structure."""
        raise TypeError("the structure metric scores Markdown texts, not token lists")

    def structure_stats(self, gold: markdown.Structure, output: markdown.Structure, *,
                        url: str | None = None) -> PageStats:
        """(tp, fp, fn) of each kind, flattened in `KINDS` order."""
        counts = [self._headings(gold, output), self._items(gold, output),
                  self._cells(gold, output), self._code(gold, output),
                  self._links(gold, output, url), self._quotes(gold, output)]
        return tuple(value for kind in counts for value in kind)

    def _key(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokens(text))

    def _texts(self, gold: Sequence[str], output: Sequence[str]) -> list[tuple[int, int, float]]:
        return pair([self._key(text) for text in gold], [self._key(text) for text in output],
                    key=lambda key: key, similarity=_f1, threshold=TEXT_SIMILARITY)

    @staticmethod
    def _counts(tp: float, gold: int, output: int) -> Counts:
        return float(tp), float(output - tp), float(gold - tp)

    def _headings(self, gold: markdown.Structure, output: markdown.Structure) -> Counts:
        gold_headings = [h for h in gold.headings if self._key(h.text)]
        output_headings = [h for h in output.headings if self._key(h.text)]
        pairs = self._texts([h.text for h in gold_headings], [h.text for h in output_headings])
        tp = sum(gold_headings[g].level == output_headings[o].level for g, o, _ in pairs)
        return self._counts(tp, len(gold_headings), len(output_headings))

    def _items(self, gold: markdown.Structure, output: markdown.Structure) -> Counts:
        gold_items = [item for item in gold.items if self._key(item.text)]
        output_items = [item for item in output.items if self._key(item.text)]
        pairs = self._texts([i.text for i in gold_items], [i.text for i in output_items])
        shared: Counter[tuple[int, int]] = Counter(
            (gold_items[g].list_id, output_items[o].list_id) for g, o, _ in pairs)
        lists: dict[int, int] = {}
        for (gold_list, output_list), _count in sorted(shared.items(), key=lambda x: -x[1]):
            if gold_list not in lists and output_list not in lists.values():
                lists[gold_list] = output_list
        tp = sum(lists.get(gold_items[g].list_id) == output_items[o].list_id
                 and gold_items[g].depth == output_items[o].depth for g, o, _ in pairs)
        return self._counts(tp, len(gold_items), len(output_items))

    def _cells(self, gold: markdown.Structure, output: markdown.Structure) -> Counts:
        gold_tables, output_tables = [self._grid(t) for t in gold.tables], [
            self._grid(t) for t in output.tables]
        tables = pair(gold_tables, output_tables, key=id, threshold=1.0,
                      similarity=lambda g, o: float(sum((Counter(_cell_keys(g))
                                                         & Counter(_cell_keys(o))).values())))
        tp = sum(_aligned_cells(gold_tables[g], output_tables[o]) for g, o, _ in tables)
        return self._counts(tp, sum(len(_cell_keys(t)) for t in gold_tables),
                            sum(len(_cell_keys(t)) for t in output_tables))

    def _grid(self, cells: Sequence[Cell]) -> list[list[tuple[str, ...]]]:
        """A table as rows of cell keys (empty cells as empty keys), empty rows dropped."""
        rows: dict[int, dict[int, tuple[str, ...]]] = defaultdict(dict)
        for cell in cells:
            rows[cell.row][cell.column] = self._key(cell.text)
        grid = [[row.get(column, ()) for column in range(max(row) + 1)]
                for _, row in sorted(rows.items())]
        return [row for row in grid if any(row)]

    def _code(self, gold: markdown.Structure, output: markdown.Structure) -> Counts:
        gold_code = [code for code in gold.code if code.strip()]
        output_code = [code for code in output.code if code.strip()]
        pairs = pair(gold_code, output_code, key=lambda text: text, threshold=CODE_SIMILARITY,
                     similarity=Indel.normalized_similarity)
        return self._counts(sum(score for _, _, score in pairs), len(gold_code), len(output_code))

    def _links(self, gold: markdown.Structure, output: markdown.Structure,
               url: str | None) -> Counts:
        def target(link: markdown.Link) -> str:
            return unquote(urljoin(url, link.target)) if url else link.target

        gold_links = [(key, target(link)) for link in gold.links
                      if (key := self._key(link.text))]
        output_links = [(key, target(link)) for link in output.links
                        if (key := self._key(link.text))]
        pairs = pair(gold_links, output_links, key=lambda link: (link[0], _target(link[1])),
                     threshold=TEXT_SIMILARITY, similarity=lambda g, o: _f1(g[0], o[0])
                     if same_target(g[1], o[1]) else 0.0)
        return self._counts(len(pairs), len(gold_links), len(output_links))

    def _quotes(self, gold: markdown.Structure, output: markdown.Structure) -> Counts:
        gold_quotes = [quote for quote in gold.quotes if self._key(quote)]
        output_quotes = [quote for quote in output.quotes if self._key(quote)]
        pairs = self._texts(gold_quotes, output_quotes)
        return self._counts(len(pairs), len(gold_quotes), len(output_quotes))

    def _scores(self, stats: Array) -> Array:
        by_kind = stats.reshape(*stats.shape[:-1], len(KINDS), 3)
        return prf_array(by_kind.sum(axis=-2))

    def _corpus(self, weights: Array, stats: Array, scores: Array) -> Array:
        pooled = (weights @ stats).reshape(len(weights), len(KINDS), 3)
        overall = prf_array(pooled.sum(axis=1))
        kinds = prf_array(pooled)  # resamples x kinds x (P, R, F1)
        gold_counts = pooled[..., 0] + pooled[..., 2]
        details = np.stack([kinds[..., 0], kinds[..., 1], gold_counts], axis=-1)
        return np.concatenate([overall, kinds[..., 2], details.reshape(len(weights), -1)],
                              axis=1)

    def details(self, stats: PageStats) -> dict[str, dict[str, float]]:
        """Per-kind counts and P/R/F1 of one page's (or pooled) statistics."""
        rows = np.array(stats, dtype=np.float64).reshape(len(KINDS), 3)
        scores = prf_array(rows)
        return {kind: {"tp": float(tp), "fp": float(fp), "fn": float(fn),
                       "precision": float(p), "recall": float(r), "f1": float(f)}
                for kind, (tp, fp, fn), (p, r, f) in zip(KINDS, rows, scores, strict=True)}


def _cell_keys(grid: list[list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
    return [key for row in grid for key in row if key]


def _aligned_cells(gold: list[list[tuple[str, ...]]], output: list[list[tuple[str, ...]]]) -> int:
    """The most cells equal in their column over an in-order alignment of the two tables' rows
    (a table missing its header row still matches the rows it kept)."""
    def same(g: list[tuple[str, ...]], o: list[tuple[str, ...]]) -> int:
        return sum(1 for a, b in zip(g, o, strict=False) if a and (a == b or _f1(a, b)
                                                                    >= TEXT_SIMILARITY))
    best = [[0] * (len(output) + 1) for _ in range(len(gold) + 1)]
    for i, gold_row in enumerate(gold, start=1):
        for j, output_row in enumerate(output, start=1):
            best[i][j] = max(best[i - 1][j], best[i][j - 1],
                             best[i - 1][j - 1] + same(gold_row, output_row))
    return best[-1][-1]
