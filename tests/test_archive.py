"""Unpacking: good archives land in the target; any member that could leave it is refused."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from bench.data.archive import unpack
from bench.errors import BenchError
from tests.helpers import make_tar


def make_zip(path: Path, members: list[tuple[str, str, str]]) -> Path:
    with zipfile.ZipFile(path, "w") as zip_file:
        for name, kind, data in members:
            info = zipfile.ZipInfo(name)
            if kind == "sym":
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zip_file.writestr(info, data)
    return path


GOOD = [("repo-1234/", "dir", ""), ("repo-1234/ground-truth.json", "file", "{}"),
        ("repo-1234/html/a.html", "file", "<p>a</p>"),
        ("repo-1234/html/b.html", "sym", "a.html")]


def test_a_good_tar_is_unpacked_without_its_top_folder(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar.gz", GOOD)
    assert unpack(archive, tmp_path / "dest") == 2
    assert (tmp_path / "dest" / "ground-truth.json").read_text() == "{}"
    assert (tmp_path / "dest" / "html" / "b.html").read_text() == "<p>a</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tar.gz", "dest"]
    # The stripped top folder's own member leaves no empty folder of that name behind.
    assert sorted(p.name for p in (tmp_path / "dest").iterdir()) == ["ground-truth.json", "html"]


def test_a_good_zip_is_unpacked(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", GOOD)
    assert unpack(archive, tmp_path / "dest") == 2
    assert (tmp_path / "dest" / "html" / "a.html").read_text() == "<p>a</p>"
    assert (tmp_path / "dest" / "html" / "b.html").is_symlink()
    assert sorted(p.name for p in (tmp_path / "dest").iterdir()) == ["ground-truth.json", "html"]


def test_several_top_level_entries_are_kept(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar.gz", [("x.txt", "file", "x"), ("y/z.txt", "file", "z")])
    assert unpack(archive, tmp_path / "dest") == 2
    assert (tmp_path / "dest" / "y" / "z.txt").read_text() == "z"


BAD = [
    ([("../evil.txt", "file", "x")], r"member '\.\./evil\.txt' would land outside"),
    ([("top/../../evil.txt", "file", "x")], r"would land outside"),
    ([("/tmp/evil.txt", "file", "x")], r"member '/tmp/evil\.txt' would land outside"),
    ([("top/a", "file", "x"), ("top/link", "sym", "../../outside")],
     r"member 'top/link' links to '\.\./\.\./outside', outside the target"),
    ([("top/a", "file", "x"), ("top/link", "sym", "/etc/passwd")], r"links to '/etc/passwd'"),
    ([("top/a", "file", "x"), ("top/hard", "hard", "../outside")], r"member 'top/hard' links to"),
    ([("top/up", "sym", "."), ("top/up/b", "sym", "../x")], r"member 'top/up/b' is inside a link"),
    ([("top/fifo", "fifo", "")], r"member 'top/fifo' is a device or FIFO"),
]


@pytest.mark.parametrize(("members", "message"), BAD)
def test_a_bad_tar_is_refused_and_nothing_is_written(tmp_path: Path,
                                                    members: list[tuple[str, str, str]],
                                                    message: str) -> None:
    archive = make_tar(tmp_path / "bad.tar.gz", [("top/ok.txt", "file", "ok"), *members])
    with pytest.raises(BenchError, match=message):
        unpack(archive, tmp_path / "dest")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.tar.gz"]


@pytest.mark.parametrize(("members", "message"), [m for m in BAD if m[0][-1][1] in ("file", "sym")
                                                  and "inside a link" not in m[1]])
def test_a_bad_zip_is_refused(tmp_path: Path, members: list[tuple[str, str, str]],
                              message: str) -> None:
    archive = make_zip(tmp_path / "bad.zip", [("top/ok.txt", "file", "ok"), *members])
    with pytest.raises(BenchError, match=message):
        unpack(archive, tmp_path / "dest")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.zip"]


def test_the_target_must_be_new_or_empty(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar.gz", GOOD)
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest" / "keep.txt").write_text("mine")
    with pytest.raises(BenchError, match=r"dest: exists and is not an empty folder$"):
        unpack(archive, tmp_path / "dest")
    assert (tmp_path / "dest" / "keep.txt").read_text() == "mine"


def test_not_an_archive(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"<html>not an archive</html>")
    with pytest.raises(BenchError, match=r"a\.bin: not a tar or zip archive$"):
        unpack(tmp_path / "a.bin", tmp_path / "dest")
