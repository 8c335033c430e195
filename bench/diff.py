"""Gold versus output as one annotated text: what both have, what the output misses, what it
adds, and which added lines are labeled boilerplate that leaked (by category).

Texts are compared as normalised Unicode tokens (bench.tokenizers, bench.normalize), like the
metrics, so case, punctuation and white space never count as a change. Lines are matched first
(difflib), and only lines that differ are compared token by token, which keeps long pages fast
and the result readable. Each token keeps the text before it (spaces, punctuation), so the
segments joined read as the output, with the gold's missing passages in between.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bench.dataset import Snippet
from bench.leakage import leaked_line_categories
from bench.normalize import normalize
from bench.tokenizers import UnicodeTokenizer

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


def _pieces(text: str) -> list[list[_Piece]]:
    """The tokens of each line that has any, each with the text before it; what follows a
    line's last token (punctuation, the line break) is kept on that token."""
    lines: list[list[_Piece]] = []
    for number, line in enumerate(text.splitlines(keepends=True)):
        pieces, cursor = [], 0
        for token in _TOKENIZER(line):
            end = line.index(token, cursor) + len(token)
            pieces.append(_Piece(normalize(token), line[cursor:end], number))
            cursor = end
        if pieces:
            last = pieces[-1]
            pieces[-1] = _Piece(last.key, last.text + line[cursor:], number)
            lines.append(pieces)
        elif lines:  # a blank or punctuation-only line stays with the text before it
            last = lines[-1][-1]
            lines[-1][-1] = _Piece(last.key, last.text + line, last.line)
    return lines


def _match(gold: Sequence[_Piece], output: Sequence[_Piece],
           labels: Sequence[str | None]) -> Iterable[Segment]:
    """Token-level diff of two runs of pieces."""
    matcher = difflib.SequenceMatcher(None, [p.key for p in gold], [p.key for p in output],
                                      autojunk=False)
    for tag, g1, g2, o1, o2 in matcher.get_opcodes():
        if tag == "equal":
            yield from (Segment(piece.text, "same") for piece in output[o1:o2])
            continue
        yield from (Segment(piece.text, "missing") for piece in gold[g1:g2])
        yield from (Segment(piece.text, "extra", labels[piece.line]) for piece in output[o1:o2])


def diff(gold: str, output: str, *, snippets: Iterable[Snippet] = ()) -> list[Segment]:
    """The annotated text of `output` against `gold`, runs of one kind merged; extra lines
    that show a leaked `snippet` carry its category."""
    labels = leaked_line_categories(snippets, output) if output else []
    gold_lines, output_lines = _pieces(gold), _pieces(output)
    matcher = difflib.SequenceMatcher(None, [tuple(p.key for p in line) for line in gold_lines],
                                      [tuple(p.key for p in line) for line in output_lines],
                                      autojunk=False)
    segments: list[Segment] = []
    for _tag, g1, g2, o1, o2 in matcher.get_opcodes():
        old = [piece for line in gold_lines[g1:g2] for piece in line]
        new = [piece for line in output_lines[o1:o2] for piece in line]
        for segment in _match(old, new, labels):
            previous = segments[-1] if segments else None
            if previous and (previous.kind, previous.category) == (segment.kind,
                                                                    segment.category):
                segments[-1] = Segment(previous.text + segment.text, segment.kind,
                                       segment.category)
            else:
                segments.append(segment)
    return segments
