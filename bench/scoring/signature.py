"""Score signatures: how a number was computed, so two numbers can be told comparable or not.

In the spirit of sacrebleu: every printed or saved score carries a string such as
``metric:token-f1|tok:unicode-regex2024.11.6|norm:nfkc-casefold-nocf|data:gold-1p-3f2a9c1d0b7e|bb:0.1.0``.
Two scores are comparable when their signatures are equal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from bench.errors import BenchError

_FIELDS = {"metric": "metric", "tok": "tokenizer", "norm": "normalization", "data": "dataset",
           "bb": "version"}


@dataclass(frozen=True)
class Signature:
    """The recipe of a score: metric, tokenizer, normalisation, dataset and tool version."""

    metric: str
    tokenizer: str
    normalization: str
    dataset: str
    version: str

    def __str__(self) -> str:
        return "|".join(f"{short}:{getattr(self, long)}" for short, long in _FIELDS.items())

    def to_dict(self) -> dict[str, str]:
        """Return the fields as a plain dict (for JSON)."""
        return asdict(self)

    @classmethod
    def parse(cls, text: str) -> Signature:
        """Read a signature back from its string form; a malformed one raises BenchError."""
        parts = dict(part.split(":", 1) for part in text.split("|") if ":" in part)
        missing = [short for short in _FIELDS if short not in parts]
        if missing:
            raise BenchError(f"signature {text!r} lacks {', '.join(missing)}")
        return cls(**{long: parts[short] for short, long in _FIELDS.items()})
