"""One long-lived Node process per worker, running JavaScript extractors on pages sent over a
pipe (`extractors/js/worker.js`: one JSON line in, one JSON line out).

Starting Node costs most of a second; a page costs milliseconds. So each process that
extracts starts Node once, on its first page, and keeps it. Node is a plain child of the
worker, in its process group: when a per-page timeout kills the worker's group, Node dies with
it, and the worker that replaces it starts a new Node on its first page. A Node that exits or
breaks the protocol fails that page only; the next page starts a new one. A forked child never
uses its parent's Node (the pipes would be shared): it closes them and starts its own.

The npm packages are pinned by `extractors/js/package-lock.json` and installed by `./setup`
(`npm ci`); nothing is installed during a run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

from bench.text.html import element_text, parse_html
from extractors.base import Extractor

JS_DIR = Path(__file__).parent / "js"
WORKER = JS_DIR / "worker.js"
NPM_SETUP = f'cd "{JS_DIR}" && npm ci --omit=dev'
"""The one command that installs the npm packages (./setup runs it)."""

_STDERR_TAIL = 4096
"""How much of the end of Node's stderr is read for a crash's reason."""


def require_node(*packages: str) -> None:
    """Raise ImportError unless `node` is on PATH and each npm package is installed."""
    if shutil.which("node") is None:
        raise ImportError("node is not on PATH")
    for package in packages:
        if not (JS_DIR / "node_modules" / package / "package.json").is_file():
            raise ImportError(f"npm package {package} is not installed ({NPM_SETUP})")


@cache
def npm_version(package: str) -> str:
    """The installed version of npm `package` in `extractors/js`, or "unknown"."""
    try:
        manifest = json.loads((JS_DIR / "node_modules" / package / "package.json").read_text())
    except (OSError, ValueError):
        return "unknown"
    return str(manifest.get("version") or "unknown")


@dataclass(frozen=True)
class NodeExtractor(Extractor):
    """An Extractor whose `package` is an npm package, its version read from node_modules."""

    @property
    def version(self) -> str:
        """The installed version of the npm package doing the work."""
        return npm_version(self.package)


class NodeError(RuntimeError):
    """A page that Node could not extract: its error, or Node's death."""


class NodeWorker:
    """A Node process running `script`, started on the first request and again after a crash.

    Its stderr goes to a temporary file (never a pipe that could fill up and block Node), so
    that a crash is reported with Node's last line.
    """

    def __init__(self, *, script: Path = WORKER) -> None:
        self.script = script
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        os.register_at_fork(after_in_child=self._forget)

    @property
    def pid(self) -> int | None:
        """The running Node's process id, if there is one."""
        return self._process.pid if self._process is not None else None

    def _forget(self) -> None:
        """In a forked child: close the parent's pipes here without stopping its Node."""
        for stream in self._streams():
            stream.close()
        self._process = self._stderr = None

    def _streams(self) -> list[IO[bytes]]:
        process = self._process
        streams = [] if process is None else [process.stdin, process.stdout]
        return [stream for stream in [*streams, self._stderr] if stream is not None]

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self.close()
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as Node
        self._process = subprocess.Popen(["node", str(self.script)], cwd=JS_DIR,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self._stderr)
        return self._process

    def request(self, message: dict[str, object]) -> dict[str, object]:
        """Send one request and return Node's reply; NodeError if Node fails on it."""
        process = self._running()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps(message).encode("utf-8") + b"\n")
            process.stdin.flush()
            line = process.stdout.readline()
        except OSError:
            line = b""
        if not line:
            raise NodeError(self._death())
        try:
            reply = json.loads(line)
        except ValueError:
            reply = None
        if not isinstance(reply, dict):  # out of step with the protocol: start afresh
            self.close()
            raise NodeError(f"node replied {line[:80]!r}, not a JSON object")
        if "error" in reply:
            raise NodeError(f"node: {reply['error']}")
        return reply

    def _death(self) -> str:
        """Why Node stopped answering, with its last line of stderr; it is stopped for good."""
        assert self._process is not None and self._stderr is not None
        status = self._process.wait()
        self._stderr.seek(max(0, self._stderr.seek(0, os.SEEK_END) - _STDERR_TAIL))
        last = (self._stderr.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        self.close()
        return f"node exited with status {status}" + (f": {last[:200]}" if last else "")

    def close(self) -> None:
        """Stop Node, if it runs."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
        self._forget()


NODE = NodeWorker()
"""This process's Node (each forked worker gets its own on first use)."""


def content_html(html: str, url: str | None, *, program: str, dom: str) -> str:
    """The main-content HTML that `program` finds in `html` parsed by `dom`, in this process's
    Node."""
    reply = NODE.request({"program": program, "dom": dom, "html": html, "url": url})
    return str(reply.get("content") or "")


def content_text(html: str, url: str | None, *, program: str, dom: str) -> str:
    """`content_html` as text by lxml, one line per block (as the other HTML-output adapters)."""
    return element_text(parse_html(content_html(html, url, program=program, dom=dom)))
