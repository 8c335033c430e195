"""Leaks and duplicates: which labeled boilerplate an output kept, and how much of it repeats.

Both compare normalised Unicode tokens (bench.text.normalize, the `unicode` tokenizer), whatever
metric is chosen, so that white space, punctuation, case and the extractor's line breaks do
not matter.

Leak rule (documented in docs/scoring.md). A boilerplate snippet is read line by line. A line
of three or more tokens is found when its tokens occur contiguously anywhere in the output; a
shorter line ("X", "বিজ্ঞাপন", a list number) only when an output line consists of exactly
those tokens, since such words also occur inside body sentences. The whole snippet is also
found when all its tokens, lines joined, occur contiguously (an extractor that flattens a
share bar into one line). A snippet leaks when found lines hold at least half of its tokens,
or when it is found whole.

Duplication: the share of output tokens on lines (of three or more tokens) whose tokens already
occurred contiguously earlier in the output: the second copy of a caption, a repeated teaser.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from bench.data.page import Snippet
from bench.scoring.records import LeakCounts
from bench.text.normalize import normalize
from bench.text.tokenizers import UnicodeTokenizer

LEAK_COVERAGE = 0.5
"""A snippet leaks when the output holds at least this share of its tokens."""
MIN_TOKENS_ANYWHERE = 3
"""Lines this long are looked for anywhere; shorter ones only as whole output lines."""

_SEP = "\x00"
_TOKENIZER = UnicodeTokenizer()


def line_tokens(text: str) -> list[list[str]]:
    """The normalised `unicode` tokens of each line of `text` that has any: what leaks and
    duplication compare (and, flattened, what token-f1 counts: a text is tokenised once)."""
    # Normalise once, then split: NFKC and case folding never add or remove line breaks.
    return _TOKENIZER.lines(normalize(text))



def _key(tokens: Sequence[str]) -> str:
    return _SEP + _SEP.join(tokens) + _SEP


@dataclass(frozen=True)
class _Output:
    """An output indexed for look-ups: its tokens joined, and its whole lines."""

    joined: str
    lines: frozenset[str]

    @classmethod
    def of(cls, text: str, lines: list[list[str]] | None = None) -> _Output:
        lines = line_tokens(text) if lines is None else lines
        return cls(joined=_key([token for line in lines for token in line]),
                   lines=frozenset(_key(line) for line in lines))

    def has_line(self, tokens: Sequence[str]) -> bool:
        key = _key(tokens)
        return key in self.joined if len(tokens) >= MIN_TOKENS_ANYWHERE else key in self.lines


def snippet_coverage(snippet: str, output: str) -> float:
    """The share of the snippet's tokens that the output holds under the leak rule."""
    return _coverage(line_tokens(snippet), _Output.of(output))


def _coverage(lines: list[list[str]], output: _Output) -> float:
    total = sum(len(line) for line in lines)
    if not total:
        return 0.0
    whole = [token for line in lines for token in line]
    if len(whole) >= MIN_TOKENS_ANYWHERE and _key(whole) in output.joined:
        return 1.0
    return sum(len(line) for line in lines if output.has_line(line)) / total


def leaks(snippets: Iterable[Snippet], output: str, *,
          lines: list[list[str]] | None = None) -> dict[str, list[int]]:
    """Per category: [snippets leaked, snippets labeled] on one page (`lines`: the output's
    `line_tokens`, when already computed)."""
    index = _Output.of(output, lines)
    counts: dict[str, list[int]] = {}
    for snippet in snippets:
        leaked = _coverage(line_tokens(snippet.text), index) >= LEAK_COVERAGE
        pair = counts.setdefault(snippet.category, [0, 0])
        pair[0] += leaked
        pair[1] += 1
    return counts


def duplication(output: str, *, lines: list[list[str]] | None = None) -> float:
    """The share of output tokens on lines that repeat a passage already output (`lines`: the
    output's `line_tokens`, when already computed)."""
    lines = line_tokens(output) if lines is None else lines
    joins = [_SEP.join(line) for line in lines]
    joined = _SEP + _SEP.join(joins) + _SEP
    total = repeated = 0
    before = 1  # joined[:before]: the lines before this one, each framed by separators
    earlier: set[str] = set()  # their tokens: a line with a token not among them is new
    for line, join in zip(lines, joins, strict=True):
        total += len(line)
        if (len(line) >= MIN_TOKENS_ANYWHERE and earlier.issuperset(line)
                and joined.find(_SEP + join + _SEP, 0, before) >= 0):
            repeated += len(line)
        earlier.update(line)
        before += len(join) + 1
    return repeated / total if total else 0.0


def leak_summary(page_leaks: Iterable[Mapping[str, Sequence[int]] | None]
                 ) -> dict[str, LeakCounts]:
    """Per category over pages: pages labeled, pages where some snippet leaked, and the same
    counted in snippets."""
    summary: dict[str, LeakCounts] = {}
    for counts in page_leaks:
        add_leaks(summary, counts)
    return dict(sorted(summary.items()))


def add_leaks(summary: dict[str, LeakCounts],
              counts: Mapping[str, Sequence[int]] | None) -> None:
    """Count one page's leaks into a running `leak_summary` (categories not yet sorted)."""
    for category, (leaked, labeled) in (counts or {}).items():
        row = summary.setdefault(category, {"pages": 0, "leaked_pages": 0, "snippets": 0,
                                            "leaked_snippets": 0})
        row["pages"] += 1
        row["leaked_pages"] += leaked > 0
        row["snippets"] += labeled
        row["leaked_snippets"] += leaked


def _occurrences(joined: str, tokens: Sequence[str]) -> Iterator[int]:
    """Token positions where `tokens` occur contiguously in a joined key."""
    key = _key(tokens)
    position, counted_to, separators = joined.find(key), 0, 0
    while position >= 0:
        separators += joined.count(_SEP, counted_to, position)  # count each stretch once
        counted_to = position
        yield separators
        position = joined.find(key, position + 1)


def leaked_line_categories(snippets: Iterable[Snippet], output: str) -> list[str | None]:
    """For each line of `output.splitlines()`, the category of a leaked snippet shown on it,
    or None: the lines where the leak rule found the snippet (whole, or line by line)."""
    lines = output.splitlines()
    line_of = [number for number, text in enumerate(lines)
               for _token in _TOKENIZER(normalize(text))]
    index = _Output.of(output)
    categories: list[str | None] = [None] * len(lines)
    for snippet in snippets:
        snippet_lines = line_tokens(snippet.text)
        if _coverage(snippet_lines, index) < LEAK_COVERAGE:
            continue
        whole = [token for line in snippet_lines for token in line]
        found = {line_of[start + offset] for run in [whole, *snippet_lines]
                 if len(run) >= MIN_TOKENS_ANYWHERE
                 for start in _occurrences(index.joined, run) for offset in range(len(run))}
        found |= {number for number, text in enumerate(lines)
                  if _key(_TOKENIZER(normalize(text))) in
                  {_key(line) for line in snippet_lines if len(line) < MIN_TOKENS_ANYWHERE}}
        for number in found:
            categories[number] = categories[number] or snippet.category
    return categories
