"""Gold versus output as one annotated text: what both have, what the output misses, what it
adds, and which added lines are labeled boilerplate that leaked (by category).

Texts are compared as normalised Unicode tokens (bench.text.tokenizers, bench.text.normalize),
like the metrics, so case, punctuation and white space never count as a change. Lines are
matched first (difflib), and only lines that differ are compared token by token, which keeps
long pages fast and the result readable. Each token keeps the text after it (spaces,
punctuation), so the segments joined read as the output, with the gold's missing passages in
between.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bench.data.page import Snippet
from bench.scoring.leakage import leaked_line_categories
from bench.text.normalize import normalize
from bench.text.tokenizers import UnicodeTokenizer

Kind = Literal["same", "missing", "extra"]
_TOKENIZER = UnicodeTokenizer()


@dataclass(frozen=True)
class Segment:
    """A run of text: in both (`same`), only in the gold (`missing`) or only in the output
    (`extra`); `category` names the leaked boilerplate an extra run shows."""

    text: str
    kind: Kind
    category: str | None = None


@dataclass(frozen=True)
class _Piece:
    key: str
    text: str
    line: int
    spaced: bool
    """Whether white space came before the token in its text (not so inside Chinese, say)."""


def _pieces(text: str) -> list[list[_Piece]]:
    """The tokens of each line that has any, each with the text after it up to the next token
    (spaces, punctuation, the line break); text before a line's first token goes with it."""
    lines: list[list[_Piece]] = []
    for number, line in enumerate(text.splitlines(keepends=True)):
        tokens, starts, cursor = _TOKENIZER(line), [], 0
        for token in tokens:
            starts.append(line.index(token, cursor))
            cursor = starts[-1] + len(token)
        if tokens:
            ends = [*starts[1:], len(line)]
            lines.append([_Piece(normalize(token), line[start if index else 0:end], number,
                                 line[:start][-1:].isspace())
                          for index, (token, start, end) in enumerate(zip(tokens, starts, ends,
                                                                          strict=True))])
        elif lines:  # a blank or punctuation-only line stays with the text before it
            last = lines[-1][-1]
            lines[-1][-1] = _Piece(last.key, last.text + line, last.line, last.spaced)
    return lines


def _match(gold: Sequence[_Piece], output: Sequence[_Piece],
           labels: Sequence[str | None]) -> Iterable[tuple[_Piece, Kind, str | None]]:
    """Token-level diff of two runs of pieces."""
    matcher = difflib.SequenceMatcher(None, [p.key for p in gold], [p.key for p in output],
                                      autojunk=False)
    for tag, g1, g2, o1, o2 in matcher.get_opcodes():
        if tag == "equal":
            yield from ((piece, "same", None) for piece in output[o1:o2])
            continue
        yield from ((piece, "missing", None) for piece in gold[g1:g2])
        yield from ((piece, "extra", labels[piece.line]) for piece in output[o1:o2])


def diff(gold: str, output: str, *, snippets: Iterable[Snippet] = ()) -> list[Segment]:
    """The annotated text of `output` against `gold`, runs of one kind merged; extra lines
    that show a leaked `snippet` carry its category. Where gold and output text meet, a space
    the token had before it in its own text is put back."""
    labels = leaked_line_categories(snippets, output) if output else []
    gold_lines, output_lines = _pieces(gold), _pieces(output)
    matcher = difflib.SequenceMatcher(None, [tuple(p.key for p in line) for line in gold_lines],
                                      [tuple(p.key for p in line) for line in output_lines],
                                      autojunk=False)
    segments: list[Segment] = []
    for _tag, g1, g2, o1, o2 in matcher.get_opcodes():
        old = [piece for line in gold_lines[g1:g2] for piece in line]
        new = [piece for line in output_lines[o1:o2] for piece in line]
        for piece, kind, category in _match(old, new, labels):
            previous = segments[-1] if segments else None
            text = piece.text
            if previous and piece.spaced and not previous.text[-1:].isspace():
                text = " " + text
            if previous and (previous.kind, previous.category) == (kind, category):
                segments[-1] = Segment(previous.text + text, kind, category)
            else:
                segments.append(Segment(text, kind, category))
    return segments
