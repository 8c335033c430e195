"""`fetch` against a local HTTP server on 127.0.0.1 serving archives made here; never the
internet. The pinned archives themselves are not at hand, so each test pins the dataset to the
tree hash of the archive it serves (the pins' values are checked in tests/test_tree_hash.py)."""

from __future__ import annotations

import hashlib
import io
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from bench.data.catalogue import FETCHABLE, PUBLIC
from bench.data.fetch import Fetched, check_url, fetch
from bench.data.formats.wcxb import load
from bench.data.tree_hash import tree_hash
from bench.errors import BenchError
from tests.helpers import (
    WCXB_FIXTURE,
    WCXB_TOP,
    make_tar,
    pin,
    public_data,
    tar_folder,
    wcxb_tar,
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _quiet() -> Console:
    return Console(file=io.StringIO())


@pytest.fixture(autouse=True)
def _wcxb_pinned_to_its_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, "wcxb", WCXB_FIXTURE)


def _wcxb_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zip_file:
        for member in sorted(WCXB_FIXTURE.rglob("*")):
            zip_file.write(member, f"{WCXB_TOP}/{member.relative_to(WCXB_FIXTURE)}")
    return path


@pytest.mark.parametrize("make", [wcxb_tar, _wcxb_zip])
def test_a_good_archive_is_fetched_checked_and_unpacked(tmp_path: Path, served: tuple[Path, str],
                                                         make: Callable[[Path], Path]) -> None:
    folder, url = served
    archive = make(folder / "wcxb.archive")
    fetched = fetch("wcxb", tmp_path / "wcxb", url=url + "wcxb.archive", sha256=_sha256(archive),
                    console=_quiet())
    assert fetched == Fetched(files=7, pages=3, archive_sha256=_sha256(archive),
                              archive_checked=True, tree_sha256=tree_hash(WCXB_FIXTURE).sha256,
                              tree_checked=True,
                              content_sha256=load(WCXB_FIXTURE).content_hash,
                              content_checked=False)
    assert (tmp_path / "wcxb" / "metadata.json").read_bytes() == (
        WCXB_FIXTURE / "metadata.json").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served", "wcxb"]  # no leftovers


def test_the_progress_bar_shows_the_download(tmp_path: Path, served: tuple[Path, str]) -> None:
    folder, url = served
    archive = wcxb_tar(folder / "a.tar.gz")
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=100)
    fetch("wcxb", tmp_path / "wcxb", url=url + "a.tar.gz", sha256=_sha256(archive),
          console=console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    kilobytes = archive.stat().st_size / 1000
    assert 1 <= kilobytes < 1000
    assert (f"downloading ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ {kilobytes:.1f}/{kilobytes:.1f}"
            " kB") in shown


def test_a_bad_checksum_unpacks_nothing(tmp_path: Path, served: tuple[Path, str]) -> None:
    folder, url = served
    archive = wcxb_tar(folder / "a.tar.gz")
    with pytest.raises(BenchError, match=rf"a\.tar\.gz: SHA-256 is {_sha256(archive)}, expected "
                                         r"0{64}; nothing was unpacked$"):
        fetch("wcxb", tmp_path / "w", url=url + "a.tar.gz", sha256="0" * 64, console=_quiet())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served"]


@pytest.mark.parametrize(("members", "message"), [
    ([("top/../../evil.txt", "file", "x")], r"member 'top/\.\./\.\./evil\.txt' would land "
                                            r"outside the target; refused$"),
    ([("top/link", "sym", "../../../etc")], r"member 'top/link' links to '\.\./\.\./\.\./etc', "
                                            r"outside the target; refused$"),
])
def test_an_escaping_archive_is_refused(tmp_path: Path, served: tuple[Path, str],
                                        members: list[tuple[str, str, str]],
                                        message: str) -> None:
    folder, url = served
    archive = make_tar(folder / "evil.tar.gz", [("top/ok.txt", "file", "ok"), *members])
    with pytest.raises(BenchError, match=message):
        fetch("wcxb", tmp_path / "t", url=url + "evil.tar.gz", sha256=_sha256(archive),
              console=_quiet())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served"]
    assert not (tmp_path.parent / "evil.txt").exists()


def test_an_archive_without_the_dataset_is_refused_and_nothing_kept(
        tmp_path: Path, served: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, "wcxb", None)
    folder, url = served
    archive = make_tar(folder / "other.tar.gz", [("top/README.md", "file", "# not WCXB")])
    with pytest.raises(BenchError, match=r"^wcxb: the archive does not hold a wcxb dataset "
                                         r"\(metadata\.json: no such file\); nothing was kept$"):
        fetch("wcxb", tmp_path / "w", url=url + "other.tar.gz", sha256=_sha256(archive),
              console=_quiet())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served"]


def test_http_errors_are_one_line(tmp_path: Path, served: tuple[Path, str]) -> None:
    _folder, url = served
    with pytest.raises(BenchError, match=r"missing\.tar\.gz: HTTP 404 File not found$"):
        fetch("aeb", tmp_path / "aeb", url=url + "missing.tar.gz", sha256="a" * 64,
              console=_quiet())


def test_a_download_with_nothing_pinned_is_refused_unless_allowed(
        tmp_path: Path, served: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    pin(monkeypatch, "wcxb", None)
    with pytest.raises(BenchError, match=(
            r"^wcxb: no checksum is pinned for it yet, so https://github\.com/Murrough-Foley/"
            r"web-content-extraction-benchmark/archive/c039d5ee9f5a3a984a0e167e63aacd04e76e78a9"
            r"\.tar\.gz cannot be checked; give the archive's --sha256 HEX, or --allow-unpinned "
            r"to download it unchecked and be shown the hashes to pin$")):
        fetch("wcxb", tmp_path / "w", console=_quiet())
    assert not any(p.name != "served" for p in tmp_path.iterdir())
    folder, url = served
    archive = wcxb_tar(folder / "w.tar.gz")
    fetched = fetch("wcxb", tmp_path / "w", url=url + "w.tar.gz", allow_unpinned=True,
                    console=_quiet())
    assert (fetched.archive_checked, fetched.tree_checked, fetched.content_checked) == (
        False, False, False)
    assert (fetched.pages, fetched.archive_sha256) == (3, _sha256(archive))
    assert fetched.tree_sha256 == tree_hash(WCXB_FIXTURE).sha256  # the hash to pin


def test_allowing_unpinned_does_not_skip_a_pin_that_exists(
        tmp_path: Path, served: tuple[Path, str]) -> None:
    folder, url = served
    _aeb_archive(folder / "aeb.tar.gz", tamper=True)
    with pytest.raises(BenchError, match=r"content hash [0-9a-f]{64}, expected 69d8fd53"):
        fetch("aeb", tmp_path / "aeb", url=url + "aeb.tar.gz", allow_unpinned=True,
              console=_quiet())


def test_content_pins_are_the_shared_copies() -> None:
    """The pins were taken from the copies in ../shared, which SOURCE.md says are the pinned
    commits' files unchanged; this also catches a change to how content is hashed."""
    from bench.data.formats import load_dataset

    assert PUBLIC["aeb"].content_sha256 == load_dataset(
        f"aeb:{public_data('aeb')}").content_hash
    assert PUBLIC["trafilatura"].content_sha256 == load_dataset(
        f"trafilatura:{public_data('trafilatura-eval')}").content_hash


def _aeb_archive(path: Path, *, tamper: bool = False) -> Path:
    """A tar.gz laid out like GitHub's archive of AEB: one top folder, the dataset inside."""
    source = public_data("aeb")
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        tar.add(source / "html", arcname="article-extraction-benchmark-4a3bc97/html")
        truth = (source / "ground-truth.json").read_bytes()
        if tamper:
            truth = truth.replace(b"the", b"teh", 1)
        info = tarfile.TarInfo("article-extraction-benchmark-4a3bc97/ground-truth.json")
        info.size = len(truth)
        tar.addfile(info, io.BytesIO(truth))
    return path


def test_aeb_is_checked_by_its_content_pin_without_an_archive_checksum(
        tmp_path: Path, served: tuple[Path, str]) -> None:
    folder, url = served
    _aeb_archive(folder / "aeb.tar.gz")
    fetched = fetch("aeb", tmp_path / "aeb", url=url + "aeb.tar.gz", console=_quiet())
    assert (fetched.files, fetched.pages) == (182, 181)
    assert (fetched.archive_checked, fetched.content_checked) == (False, True)
    assert fetched.content_sha256 == PUBLIC["aeb"].content_sha256
    from bench.data.formats import load_dataset

    assert len(load_dataset(f"aeb:{tmp_path / 'aeb'}")) == 181


def test_a_tampered_dataset_is_refused_and_nothing_kept(
        tmp_path: Path, served: tuple[Path, str]) -> None:
    folder, url = served
    _aeb_archive(folder / "aeb.tar.gz", tamper=True)
    with pytest.raises(BenchError, match=r"^aeb: the archive's dataset has content hash [0-9a-f]"
                                         r"{64}, expected 69d8fd53.*; nothing was kept$"):
        fetch("aeb", tmp_path / "aeb", url=url + "aeb.tar.gz", console=_quiet())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served"]


def test_bad_options(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"^--sha256 'xyz': must be 64 hexadecimal digits$"):
        fetch("aeb", tmp_path / "a", sha256="xyz", console=_quiet())
    with pytest.raises(BenchError, match=r"unknown fetchable dataset 'cleaneval'"):
        fetch("cleaneval", tmp_path / "a", console=_quiet())


@pytest.mark.parametrize("url", ["http://example.org/a.tar.gz", "ftp://127.0.0.1/a.tar.gz",
                                 "file:///etc/passwd", "https://"])
def test_only_https_or_loopback_http(url: str) -> None:
    with pytest.raises(BenchError, match=r"must be an https:// URL"):
        check_url(url)
    check_url("https://github.com/a/b/archive/c.tar.gz")
    check_url("http://127.0.0.1:8000/a.tar.gz")


def test_a_changed_byte_is_refused_by_the_tree_hash_and_nothing_kept(
        tmp_path: Path, served: tuple[Path, str]) -> None:
    folder, url = served
    changed = tmp_path / "changed"
    shutil.copytree(WCXB_FIXTURE, changed)
    metadata = changed / "metadata.json"
    metadata.write_bytes(metadata.read_bytes().replace(b"wcxb-fixture", b"wcxb-fixturf", 1))
    archive = tar_folder(changed, folder / "w.tar.gz", top=WCXB_TOP)
    with pytest.raises(BenchError, match=(
            rf"^wcxb: the archive's files have tree hash {tree_hash(changed).sha256} \(7 files\), "
            rf"expected {tree_hash(WCXB_FIXTURE).sha256} \(7 files\); nothing was kept$")):
        fetch("wcxb", tmp_path / "w", url=url + "w.tar.gz", sha256=_sha256(archive),
              console=_quiet())
    assert not (tmp_path / "w").exists()


def test_every_pin_is_a_github_archive_of_a_commit() -> None:
    assert FETCHABLE == ("aeb", "wcxb", "trafilatura", "html-cleaning", "readability-tests")
    for name in FETCHABLE:
        url = PUBLIC[name].archive_url
        assert url is not None
        assert url.startswith("https://github.com/") and url.endswith(".tar.gz")
        assert len(url.rsplit("/", 1)[1].removesuffix(".tar.gz")) == 40


def _archive_folder(name: str, folder: Path) -> int:
    """Lay out in `folder` what the pinned archive of `name` unpacks to (from the shared
    samples and fixtures); return the pages its format loads from it."""
    if name == "wcxb":
        shutil.copytree(WCXB_FIXTURE, folder)
        return 3
    if name == "html-cleaning":
        shutil.copytree(public_data("samples") / "html-cleaning", folder)
        return 30
    if name == "readability-tests":
        shutil.copytree(public_data("samples") / "readability-test-pages",
                        folder / "test" / "test-pages")
        (folder / "README.md").write_text("# Readability.js\n")
        return 6
    tests = folder / "tests"  # trafilatura: a checkout with one evaluation page
    (tests / "eval").mkdir(parents=True)
    (tests / "eval" / "one.html").write_text("<html><body><p>Main text here.</p></body></html>")
    (tests / "evaldata.json").write_text(
        '{"https://example.org/one": {"file": "one.html", "with": ["Main text"], '
        '"without": ["Menu"]}}')
    return 1


@pytest.mark.parametrize("name", ["wcxb", "trafilatura", "html-cleaning", "readability-tests"])
def test_each_pinned_archive_is_fetched_by_its_tree_hash_and_a_changed_byte_refused(
        tmp_path: Path, served: tuple[Path, str], monkeypatch: pytest.MonkeyPatch,
        name: str) -> None:
    folder, url = served
    content = tmp_path / "content"
    pages = _archive_folder(name, content)
    for path in [content, *content.rglob("*")]:  # the shared copies are read-only
        path.chmod(0o755 if path.is_dir() else 0o644)
    pin(monkeypatch, name, content, content_sha256=None)
    tar_folder(content, folder / "good.tar.gz", top=f"{name}-0123456")
    fetched = fetch(name, tmp_path / "good", url=url + "good.tar.gz", console=_quiet())
    assert (fetched.pages, fetched.tree_checked, fetched.tree_sha256) == (
        pages, True, tree_hash(content).sha256)
    assert tree_hash(tmp_path / "good") == tree_hash(content)
    victim = max((p for p in content.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit of one byte
    victim.write_bytes(bytes(data))
    tar_folder(content, folder / "bad.tar.gz", top=f"{name}-0123456")
    with pytest.raises(BenchError, match=rf"^{name}: the archive's files have tree hash "
                                         r"[0-9a-f]{64} \(\d+ files\), expected"):
        fetch(name, tmp_path / "bad", url=url + "bad.tar.gz", console=_quiet())
    assert not (tmp_path / "bad").exists()
