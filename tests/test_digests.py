"""Remembered page digests: a page file is read once for its digest until its identity changes,
a file still being written is not remembered, and the memo never changes a content hash or
fails a load."""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from pathlib import Path

import pytest

from bench.data.digests import file_digest, memo_path
from bench.data.formats import load_dataset


def _settled(path: Path, data: bytes) -> Path:
    """`path` written with `data`, its times a minute in the past."""
    path.write_bytes(data)
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path, self.reads = path, 0

    def __call__(self) -> bytes:
        self.reads += 1
        return self.path.read_bytes()


def test_a_settled_file_is_read_once(tmp_path: Path) -> None:
    reader = _Reader(_settled(tmp_path / "p.html", b"<p>one</p>"))
    digests = {file_digest(reader.path, reader) for _ in range(3)}
    assert digests == {hashlib.sha256(b"<p>one</p>").digest()} and reader.reads == 1


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    reader = _Reader(_settled(tmp_path / "p.html", b"<p>one</p>"))
    file_digest(reader.path, reader)
    _settled(reader.path, b"<p>two</p>")  # same size; its change time moved
    assert file_digest(reader.path, reader) == hashlib.sha256(b"<p>two</p>").digest()
    assert reader.reads == 2


def test_a_file_modified_just_now_is_not_remembered(tmp_path: Path) -> None:
    reader = _Reader(tmp_path / "p.html")
    reader.path.write_bytes(b"<p>fresh</p>")
    file_digest(reader.path, reader)
    file_digest(reader.path, reader)
    assert reader.reads == 2


def test_off_reads_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOILERBENCH_DIGESTS", "off")
    assert memo_path() is None
    reader = _Reader(_settled(tmp_path / "p.html", b"<p>one</p>"))
    file_digest(reader.path, reader)
    file_digest(reader.path, reader)
    assert reader.reads == 2


def test_a_memo_that_cannot_be_written_only_costs_reads(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BOILERBENCH_CACHE", str(blocker / "outputs.sqlite"))
    reader = _Reader(_settled(tmp_path / "p.html", b"<p>one</p>"))
    assert file_digest(reader.path, reader) == hashlib.sha256(b"<p>one</p>").digest()
    assert file_digest(reader.path, reader) == hashlib.sha256(b"<p>one</p>").digest()
    assert reader.reads == 2


def test_a_dataset_hashes_the_same_remembered_or_not(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _settled(tmp_path / "a.html.gz", gzip.compress(b"<p>alpha</p>"))
    _settled(tmp_path / "b.html", b"<p>beta</p>")
    (tmp_path / "d.jsonl").write_text(
        '{"id": "a", "html_path": "a.html.gz", "body": "alpha"}\n'
        '{"id": "b", "html_path": "b.html", "body": "beta"}\n', encoding="utf-8")
    spec = f"jsonl:{tmp_path / 'd.jsonl'}"
    first, again = load_dataset(spec).content_hash, load_dataset(spec).content_hash
    monkeypatch.setenv("BOILERBENCH_DIGESTS", "off")
    assert first == again == load_dataset(spec).content_hash
    _settled(tmp_path / "b.html", b"<p>gamma</p>")
    monkeypatch.delenv("BOILERBENCH_DIGESTS")
    assert load_dataset(spec).content_hash != first
