import pytest

from bench import __version__
from bench.errors import BenchError
from bench.scoring.metrics.token_f1 import TokenF1
from bench.scoring.signature import Signature


def test_signature_names_every_ingredient() -> None:
    signature = TokenF1(tokenizer="re-word", normalized=False, dataset="gold-1p-abc").signature
    assert str(signature) == (
        f"metric:token-f1|tok:re-word|norm:none|data:gold-1p-abc|bb:{__version__}")


def test_different_tokenizers_give_different_signatures() -> None:
    assert TokenF1(tokenizer="unicode").signature != TokenF1(tokenizer="re-word").signature


def test_parse_rejects_incomplete() -> None:
    with pytest.raises(BenchError, match="lacks"):
        Signature.parse("metric:token-f1|tok:unicode")
