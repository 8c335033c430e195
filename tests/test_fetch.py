"""`fetch` against a local HTTP server on 127.0.0.1 serving archives made here; never the
internet."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from bench.datasets.public import FETCHABLE, PUBLIC
from bench.errors import BenchError
from bench.fetch import check_url, fetch
from tests.test_archive import GOOD, make_tar, make_zip


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder and the http://127.0.0.1:PORT/ URL it is served at."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _quiet() -> Console:
    return Console(file=io.StringIO())


@pytest.mark.parametrize("make", [make_tar, make_zip])
def test_a_good_archive_is_fetched_checked_and_unpacked(tmp_path: Path, served: tuple[Path, str],
                                                         make: object) -> None:
    folder, url = served
    archive = make(folder / "aeb.archive", GOOD)  # type: ignore[operator]
    files = fetch("wcxb", tmp_path / "wcxb", url=url + "aeb.archive", sha256=_sha256(archive),
                  console=_quiet())
    assert files == 2
    assert (tmp_path / "wcxb" / "ground-truth.json").read_text() == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served", "wcxb"]  # no leftovers


def test_the_progress_bar_shows_the_download(tmp_path: Path, served: tuple[Path, str]) -> None:
    folder, url = served
    archive = make_tar(folder / "a.tar.gz", GOOD)
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=100)
    fetch("wcxb", tmp_path / "wcxb", url=url + "a.tar.gz", sha256=_sha256(archive),
          console=console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    size = archive.stat().st_size
    assert f"downloading ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ {size}/{size} bytes" in shown


def test_a_bad_checksum_unpacks_nothing(tmp_path: Path, served: tuple[Path, str]) -> None:
    folder, url = served
    archive = make_tar(folder / "a.tar.gz", GOOD)
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


def test_http_errors_are_one_line(tmp_path: Path, served: tuple[Path, str]) -> None:
    _folder, url = served
    with pytest.raises(BenchError, match=r"missing\.tar\.gz: HTTP 404 File not found$"):
        fetch("aeb", tmp_path / "aeb", url=url + "missing.tar.gz", sha256="a" * 64,
              console=_quiet())


def test_a_download_with_nothing_pinned_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BenchError, match=r"^wcxb: no archive is pinned yet; give --url and "
                                         r"--sha256$"):
        fetch("wcxb", tmp_path / "w", console=_quiet())
    with pytest.raises(BenchError, match=r"^wcxb: nothing is pinned to check "
                                         r"https://example\.org/w\.tar\.gz against"):
        fetch("wcxb", tmp_path / "w", url="https://example.org/w.tar.gz", console=_quiet())
    assert not any(tmp_path.iterdir())


def test_content_pins_are_the_shared_copies(shared: Path) -> None:
    """The pins were taken from the copies in ../shared, which SOURCE.md says are the pinned
    commits' files unchanged; this also catches a change to how content is hashed."""
    from bench.datasets import load_dataset

    assert PUBLIC["aeb"].content_sha256 == load_dataset(
        f"aeb:{shared / 'datasets' / 'aeb'}").content_hash
    assert PUBLIC["trafilatura"].content_sha256 == load_dataset(
        f"trafilatura:{shared / 'datasets' / 'trafilatura-eval'}").content_hash


def _aeb_archive(shared: Path, path: Path, *, tamper: bool = False) -> Path:
    """A tar.gz laid out like GitHub's archive of AEB: one top folder, the dataset inside."""
    import tarfile

    source = shared / "datasets" / "aeb"
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
        tmp_path: Path, served: tuple[Path, str], shared: Path) -> None:
    folder, url = served
    _aeb_archive(shared, folder / "aeb.tar.gz")
    files = fetch("aeb", tmp_path / "aeb", url=url + "aeb.tar.gz", console=_quiet())
    assert files == 182
    from bench.datasets import load_dataset

    assert len(load_dataset(f"aeb:{tmp_path / 'aeb'}")) == 181


def test_a_tampered_dataset_is_refused_and_nothing_kept(tmp_path: Path, served: tuple[Path, str],
                                                        shared: Path) -> None:
    folder, url = served
    _aeb_archive(shared, folder / "aeb.tar.gz", tamper=True)
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


def test_every_pin_is_a_github_archive_of_a_commit() -> None:
    for name in FETCHABLE:
        url = PUBLIC[name].archive_url
        if url is not None:
            assert url.startswith("https://github.com/") and url.endswith(".tar.gz")
            assert len(url.rsplit("/", 1)[1].removesuffix(".tar.gz")) == 40
