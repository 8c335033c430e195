"""Gold versus output as one annotated text: what both have, what the output misses, what it
adds, and which added lines are labeled boilerplate that leaked (by category).

Texts are compared as normalised Unicode tokens (bench.text.tokenizers, bench.text.normalize),
like the metrics, so case, punctuation and white space never count as a change. Lines are
matched first (difflib), and only lines that differ are compared token by token, which keeps
long pages fast and the result readable. Each token keeps the text after it (spaces,
punctuation), so the segments joined read as the output, with the gold's missing passages in
between.

difflib's matching grows faster than linearly, so past a size the comparison is coarser and
says so (`Diff.coarse`): a changed passage of more than WORD_LIMIT tokens is shown whole (gold
missing, output extra) rather than word by word, and texts of more than LINE_LIMIT lines are
not aligned: each output line is marked as in the gold or not, and the gold lines the output
lacks follow at the end. The time is then linear in the text.
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
WORD_LIMIT = 10_000
"""Tokens (gold and output together) of one changed passage compared word by word."""
LINE_LIMIT = 5_000
"""Lines of either text aligned by difflib."""


@dataclass(frozen=True)
class Segment:
    """A run of text: in both (`same`), only in the gold (`missing`) or only in the output
    (`extra`); `category` names the leaked boilerplate an extra run shows."""

    text: str
    kind: Kind
    category: str | None = None


@dataclass(frozen=True)
class Diff:
    """The annotated text, and why it was compared more coarsely than word by word (None when
    it was not)."""

    segments: list[Segment]
    coarse: str | None = None


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
                                 line[start - 1:start].isspace() if start else False)
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


Opcode = tuple[str, int, int, int, int]


def _unaligned(gold: Sequence[tuple[str, ...]], output: Sequence[tuple[str, ...]]
               ) -> list[Opcode]:
    """Line-level opcodes in linear time, without alignment: each output line is equal to a
    gold line or inserted; the gold lines the output lacks are deleted at the end."""
    in_gold, in_output = set(gold), set(output)
    codes: list[Opcode] = [("equal" if line in in_gold else "insert", 0, 0, number, number + 1)
                           for number, line in enumerate(output)]
    # "equal" pieces are taken from the output, so their gold range can stay empty.
    codes += [("delete", number, number + 1, len(output), len(output))
              for number, line in enumerate(gold) if line not in in_output]
    return codes


def diff(gold: str, output: str, *, snippets: Iterable[Snippet] = ()) -> Diff:
    """The annotated text of `output` against `gold`, runs of one kind merged; extra lines
    that show a leaked `snippet` carry its category. Where gold and output text meet, a space
    the token had before it in its own text is put back."""
    labels = leaked_line_categories(snippets, output) if output else []
    gold_lines, output_lines = _pieces(gold), _pieces(output)
    gold_keys = [tuple(p.key for p in line) for line in gold_lines]
    output_keys = [tuple(p.key for p in line) for line in output_lines]
    coarse = None
    opcodes: Sequence[Opcode]
    if max(len(gold_lines), len(output_lines)) > LINE_LIMIT:
        opcodes = _unaligned(gold_keys, output_keys)
        coarse = (f"{max(len(gold_lines), len(output_lines)):,} lines, too many to align: each "
                  "output line is marked as in the gold or not, and the gold lines it lacks "
                  "follow at the end")
    else:
        opcodes = difflib.SequenceMatcher(None, gold_keys, output_keys,
                                          autojunk=False).get_opcodes()
    runs: list[tuple[Kind, str | None, list[str]]] = []  # texts joined once, at the end
    for tag, g1, g2, o1, o2 in opcodes:
        old = [piece for line in gold_lines[g1:g2] for piece in line]
        new = [piece for line in output_lines[o1:o2] for piece in line]
        pieces: Iterable[tuple[_Piece, Kind, str | None]]
        if tag == "equal":
            pieces = ((piece, "same", None) for piece in new)
        elif len(old) + len(new) <= WORD_LIMIT:
            pieces = _match(old, new, labels)
        else:
            pieces = [*((piece, "missing", None) for piece in old),
                      *((piece, "extra", labels[piece.line]) for piece in new)]
            coarse = coarse or (f"a changed passage of {len(old) + len(new):,} words, too "
                                f"long to compare word by word (more than {WORD_LIMIT:,}), "
                                "is shown whole")
        for piece, kind, category in pieces:
            text = piece.text
            if runs and piece.spaced and not runs[-1][2][-1][-1:].isspace():
                text = " " + text
            if runs and runs[-1][:2] == (kind, category):
                runs[-1][2].append(text)
            else:
                runs.append((kind, category, [text]))
    segments = [Segment("".join(texts), kind, category) for kind, category, texts in runs]
    return Diff(segments, coarse)
