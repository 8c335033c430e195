"""`--dataset FORMAT:PATH` and `--split`: parsing and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.data.formats import FORMATS, load_dataset, loader
from bench.errors import BenchError

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_format_loads_lazily() -> None:
    assert all(callable(loader(name)) for name in FORMATS)


def test_default_and_bare_paths_are_gold(gold_dir: Path) -> None:
    assert load_dataset(None).name == "gold"
    assert load_dataset(str(gold_dir)).name == "gold"


@pytest.mark.parametrize(("spec", "message"), [
    ("aeb", r"^--dataset 'aeb': give a path: aeb:PATH$"),
    ("aeb:", r"^--dataset 'aeb:': give a path: aeb:PATH$"),
    ("aeb:/no/such/dir", r"^--dataset 'aeb:/no/such/dir': /no/such/dir does not exist$"),
    (f"wcx:{FIXTURES}", r"^unknown dataset format 'wcx'; did you mean 'wcxb'\?"),
])
def test_bad_specs(spec: str, message: str) -> None:
    with pytest.raises(BenchError, match=message):
        load_dataset(spec)


def test_split_only_for_formats_with_splits() -> None:
    with pytest.raises(BenchError, match=r"^--split 'dev': the pairs format has no splits$"):
        load_dataset(f"pairs:{FIXTURES / 'pairs'}", split="dev")
    with pytest.raises(BenchError, match=r"^--split 'dev': the gold format has no splits$"):
        load_dataset(None, split="dev")


def test_absolute_spec_resolves_the_path_and_keeps_the_format(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.data.formats import absolute_spec

    monkeypatch.chdir(tmp_path)
    assert absolute_spec("aeb:data/aeb") == f"aeb:{tmp_path / 'data' / 'aeb'}"
    assert absolute_spec("my-gold") == f"gold:{tmp_path / 'my-gold'}"
    assert absolute_spec(None) is None
    with pytest.raises(BenchError, match=r"--dataset 'aeb': give a path: aeb:PATH"):
        absolute_spec("aeb")
