"""The tree hash, as issue 17 defines it: the shell pipeline's value on odd folders, the values
published for the shared copies, and the catalogue's pins."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bench.data.catalogue import PUBLIC
from bench.data.tree_hash import tree_hash
from bench.errors import BenchError
from tests.helpers import public_data

PIPELINE = ("find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs -d '\\n' sha256sum "
            "| sha256sum")


def test_equals_the_shell_pipeline(tmp_path: Path) -> None:
    """Nested folders, a hidden file, names that sort differently by bytes than by locale
    (upper case, `-`, `_`, non-ASCII), an empty file; a symbolic link is not a file."""
    files = {"b.txt": b"b", "B.txt": b"B", "a-b/c.json": b"{}", "a_b/c.json": b"[]",
             ".DS_Store": b"\x00\x01", "\u00e9t\u00e9/x.html": "caf\u00e9".encode(),
             "deep/er/still/empty": b"", "z z.txt": b"space"}
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    os.symlink("b.txt", tmp_path / "link.txt")
    shell = subprocess.run(["bash", "-c", PIPELINE], cwd=tmp_path, capture_output=True,
                           text=True, check=True).stdout.split()[0]
    assert tree_hash(tmp_path).sha256 == shell
    assert tree_hash(tmp_path).files == len(files)
    (tmp_path / "b.txt").write_bytes(b"c")  # one changed byte
    assert tree_hash(tmp_path).sha256 != shell


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"nope: not a folder$"):
        tree_hash(tmp_path / "nope")


@pytest.mark.parametrize(("name", "sha256", "files"), [
    ("aeb", "12265711a61e756465c1457ede5e08487997213d411d70be67d6217feab462d1", 216),
    ("zh-cwce", "98ca7fd1280b159cbb0d27a9ac15fbd4853c2760ce1f3530fd5cfd89bb64baa5", 281),
    ("wcxb-dev", "517eb9d5f5cec5523af4e9433b34226f28cf6d9bc11d2993ce474befa1f65ca8", 2999),
])
def test_the_shared_copies_hash_as_published(name: str, sha256: str, files: int) -> None:
    tree = tree_hash(public_data(name))
    assert (tree.sha256, tree.files) == (sha256, files)


@pytest.mark.parametrize(("name", "commit", "files", "sha256"), [
    ("wcxb", "c039d5ee9f5a3a984a0e167e63aacd04e76e78a9", 4022,
     "6b6b30f8d6b95d357fa3c02a92f547b37d68ab5f9cb2c76cdce71f95b9968022"),
    ("html-cleaning", "46e01a04b47051838a228bf23631430b2c9de375", 5927,
     "3b73e5de1520c3b9f234e9a9d64f059f0ce1e94020c75c38e80ec200514ca52a"),
    ("readability-tests", "ab4027a8b37669745016869a37a504727992b2ba", 417,
     "1012654821278792700bb055fc9d9bf5b13b918e78ea0c8c088494fb85420877"),
    ("trafilatura", "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5", 1167,
     "55ee2b431434ca8b9549e7955a32888431559ef774f9e2cc949dc8aeb0721ee7"),
])
def test_the_catalogue_pins_the_archives_by_their_tree(name: str, commit: str, files: int,
                                                       sha256: str) -> None:
    pinned = PUBLIC[name]
    assert pinned.archive_url is not None and pinned.archive_url.endswith(f"/{commit}.tar.gz")
    assert (pinned.tree_sha256, pinned.tree_files) == (sha256, files)
