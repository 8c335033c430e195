"""Fixtures: paths to the bundled gold set, a private output cache per test, and a local HTTP
server for the download tests (never the internet). Helpers that are not fixtures, and the
public datasets' folder, are in tests/helpers.py."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REFERENCE_ID, ROOT


@pytest.fixture
def gold_dir() -> Path:
    return ROOT / "gold"


@pytest.fixture
def reference_record() -> Path:
    return ROOT / "gold" / f"{REFERENCE_ID}.toml"


@pytest.fixture
def reference_copy(tmp_path: Path, reference_record: Path) -> Path:
    """The reference page and record copied into tmp_path: the record's path, free to edit."""
    shutil.copy(reference_record.with_suffix(".html"), tmp_path / f"{REFERENCE_ID}.html")
    target = tmp_path / f"{REFERENCE_ID}.toml"
    shutil.copy(reference_record, target)
    return target


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own output cache, never the user's; and the gate never appends to
    the summary of the CI job running the tests (a test that wants it sets its own)."""
    path = tmp_path_factory.mktemp("cache") / "outputs.sqlite"
    monkeypatch.setenv("BOILERBENCH_CACHE", str(path))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return path


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
