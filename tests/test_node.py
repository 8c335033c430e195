"""The long-lived Node process of the JavaScript adapters: started once per process, restarted
after a crash, never shared across fork, and killed with its worker on a timeout."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from bench.data.page import Page
from bench.run.job import Job
from bench.run.workers import WorkerPool
from extractors import node, registry
from extractors.base import Extractor
from extractors.node import NodeError, NodeWorker

# A stand-in for worker.js that speaks its protocol and crashes or hangs on demand.
FAKE = """
const lines = require("node:readline").createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { html } = JSON.parse(line);
  if (html === "crash") { process.stderr.write("boom: fake crash\\n"); process.exit(3); }
  if (html === "hang") { setInterval(() => {}, 1000); return; }
  process.stdout.write(JSON.stringify({ content: "<p>" + html + "</p>" }) + "\\n");
});
"""


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[NodeWorker]:
    script = tmp_path / "fake.js"
    script.write_text(FAKE)
    worker = NodeWorker(script=script)
    yield worker
    worker.close()


def ask(worker: NodeWorker, html: str) -> object:
    return worker.request({"html": html}).get("content")


def test_one_node_serves_many_pages(fake: NodeWorker) -> None:
    assert ask(fake, "a") == "<p>a</p>"
    first = fake.pid
    assert ask(fake, "b") == "<p>b</p>"
    assert fake.pid == first is not None


def test_a_crash_fails_that_page_and_the_next_starts_a_new_node(fake: NodeWorker) -> None:
    ask(fake, "a")
    first = fake.pid
    with pytest.raises(NodeError, match="node exited with status 3: boom: fake crash"):
        ask(fake, "crash")
    assert ask(fake, "b") == "<p>b</p>"
    assert fake.pid not in (None, first)


def test_a_forked_child_starts_its_own_node_and_leaves_the_parents(fake: NodeWorker) -> None:
    ask(fake, "a")
    parent_node = fake.pid
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            answer = ask(fake, "c")
            os.write(write_end, f"{answer} {fake.pid}".encode())
            fake.close()
        finally:
            os._exit(0)
    os.close(write_end)
    os.waitpid(child, 0)
    answer, child_node = os.read(read_end, 100).decode().split()
    os.close(read_end)
    assert answer == "<p>c</p>"
    assert int(child_node) != parent_node
    assert (ask(fake, "b"), fake.pid) == ("<p>b</p>", parent_node)


def test_a_node_error_is_one_line() -> None:
    with pytest.raises(NodeError, match=r"^node: unknown program \"nothing\"$"):
        node.content_html("<p>x</p>", None, program="nothing", dom="linkedom")


FAKE_NODE = NodeWorker(script=Path(os.environ.get("TMPDIR", "/tmp")) / "unused.js")
"""The Node that `fake_extract` uses in worker processes (its script is set by the test)."""


def fake_extract(html: str, url: str | None, *, pids: Path) -> str:
    """Run the fake Node on the page, noting which Node process served it."""
    FAKE_NODE.request({"html": "warm-up"})
    with pids.open("a") as handle:
        handle.write(f"{FAKE_NODE.pid}\n")
    return str(FAKE_NODE.request({"html": html}).get("content"))


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as handle:
            return "\nState:\tZ" not in handle.read()
    except FileNotFoundError:
        return False


def test_a_hang_times_out_kills_node_with_its_worker_and_the_next_page_gets_a_new_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "fake.js"
    script.write_text(FAKE)
    monkeypatch.setattr(FAKE_NODE, "script", script)
    pids = tmp_path / "pids"
    extractor = Extractor(name="fake-node", package="boilerbench",
                          extract=partial(fake_extract, pids=pids), cacheable=False)
    pages = []
    for name in ("hang", "fine"):
        (tmp_path / f"{name}.html").write_text(name)
        pages.append(Page(id=name, html_path=tmp_path / f"{name}.html"))
    results = {extraction.page_id: extraction for extraction in WorkerPool(
        jobs=1, timeout=3).map([Job(extractor, page) for page in pages])}
    assert results["hang"].error == "timeout after 3 s"
    assert (results["fine"].error, results["fine"].output) == (None, "<p>fine</p>")
    hung_node, next_node = map(int, pids.read_text().split())
    assert hung_node != next_node
    deadline = time.monotonic() + 5
    while alive(hung_node) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(hung_node)


def test_node_adapters_report_their_npm_versions() -> None:
    extractor = registry.load("readability-js")
    assert extractor.package == "@mozilla/readability"
    assert extractor.version == node.npm_version("@mozilla/readability") != "unknown"
    assert str(extractor.settings["dom"]).startswith("linkedom ")
    assert node.npm_version("no-such-package") == "unknown"


def test_a_reply_out_of_protocol_fails_the_page_and_restarts_node(tmp_path: Path) -> None:
    script = tmp_path / "chatty.js"
    script.write_text(FAKE.replace('if (html === "hang")',
                                   'if (html === "chat") { process.stdout.write("hello\\n"); '
                                   'return; }\n  if (html === "hang")'))
    worker = NodeWorker(script=script)
    try:
        with pytest.raises(NodeError, match="not a JSON object"):
            ask(worker, "chat")
        assert ask(worker, "b") == "<p>b</p>"
    finally:
        worker.close()
