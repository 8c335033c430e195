"""Extractors from outside the registry: README's worked examples, run as written, and an
entry-point plugin installed as a dist-info folder on sys.path."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from bench.errors import BenchError
from extractors import registry
from extractors.adhoc import from_callable, from_command
from tests.helpers import HTML, PAGE, REFERENCE_ID, ROOT, raw_output_of, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def readme_block(first_line: str) -> str:
    """The README code block that starts with `first_line`."""
    blocks = re.findall(r"```\w*\n(.*?)```", README, flags=re.DOTALL)
    (block,) = [block for block in blocks if block.startswith(first_line)]
    return str(block)


def readme_command(prefix: str) -> list[str]:
    (line,) = [line for line in readme_block(prefix).splitlines() if line.startswith(prefix)]
    return shlex.split(line)


def run_boilerbench(argv: list[str], *, cwd: Path, env: dict[str, str]) -> dict:
    """Run the CLI in a subprocess as a user would; return the JSON summary."""
    done = subprocess.run([str(BIN / "boilerbench"), *argv, "--json", "--no-progress",
                           "--reports-dir", str(cwd / "reports")],
                          cwd=cwd, env=os.environ | {"PATH": f"{BIN}:{os.environ['PATH']}"} | env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    import json

    return dict(json.loads(done.stdout))


def test_readme_function_example(tmp_path: Path) -> None:
    (tmp_path / "first_paragraphs.py").write_text(readme_block("# first_paragraphs.py"),
                                                  encoding="utf-8")
    env_word, program, *argv = readme_command("PYTHONPATH=. boilerbench run")
    assert (env_word, program) == ("PYTHONPATH=.", "boilerbench")
    summary = run_boilerbench([*argv, "--page", REFERENCE_ID], cwd=tmp_path,
                              env={"PYTHONPATH": "."})
    (row,) = summary["extractors"]
    assert (row["name"], row["pages"], row["failures"]) == ("first_paragraphs:extract", 1, 0)
    assert row["precision"] is not None and row["recall"] is not None
    assert 0 < row["recall"] < 1  # three <p> of the page: part of the body


def test_readme_command_example(tmp_path: Path) -> None:
    program, *argv = readme_command("boilerbench run --extractor-cmd")
    assert program == "boilerbench"
    summary = run_boilerbench([*argv, "-e", "trafilatura-no-comments", "--page", REFERENCE_ID],
                              cwd=tmp_path, env={})
    rows = {row["name"]: row for row in summary["extractors"]}
    command = rows["cmd:trafilatura --no-comments"]
    assert (command["failures"], command["f1"]) == (0, rows["trafilatura-no-comments"]["f1"])


def test_a_command_gets_the_page_url_and_language() -> None:
    echo = from_command("sh -c 'echo \"$BOILERBENCH_LANGUAGE $BOILERBENCH_URL\"'")
    assert echo.apply(HTML, url=PAGE.url, language="bn") == f"bn {PAGE.url}\n"
    assert (echo.name, echo.cacheable) == (
        "cmd:sh -c 'echo \"$BOILERBENCH_LANGUAGE $BOILERBENCH_URL\"'", False)


def test_a_failing_command_is_an_error_with_its_stderr() -> None:
    failing = from_command("sh -c 'echo no parser >&2; exit 4'")
    with pytest.raises(RuntimeError, match=r"^sh exited with status 4: no parser$"):
        failing.apply(HTML, url=None, language=None)


def test_bad_ad_hoc_targets_are_clear_errors() -> None:
    with pytest.raises(BenchError, match="'no_such_module:f': cannot import it"):
        from_callable("no_such_module:f")
    with pytest.raises(BenchError, match=r"bench\.text\.normalize. has no attribute .nope."):
        registry.load("bench.text.normalize:nope")
    with pytest.raises(BenchError, match="is a str, not a callable"):
        registry.load("bench.text.normalize:NORMALIZATION")
    with pytest.raises(BenchError, match="needs a command"):
        from_command("  ")
    with pytest.raises(BenchError, match=r"^--extractor-cmd 'cat \"x': no closing quotation$"):
        from_command('cat "x')


PLUGIN = '''
from extractors.base import Extractor


def _upper(html: str, url: str | None) -> str:
    return "plugin output"


extractor = Extractor(name="upper", package="boilerbench-test-plugin", extract=_upper)
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package installed the way pip leaves it: module plus dist-info with entry points."""
    (tmp_path / "bb_test_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "boilerbench_test_plugin-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: boilerbench-test-plugin\nVersion: 1.2.3\n",
        encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[boilerbench.extractors]\nupper = bb_test_plugin:extractor\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_an_entry_point_plugin_is_listed_loaded_and_run(plugin: Path, tmp_path: Path) -> None:
    assert registry.registered()["upper"] == "bb_test_plugin:extractor"
    extractor = registry.load("upper")
    assert (extractor.name, extractor.version) == ("upper", "1.2.3")
    code, out = run_cli("list")
    assert re.search(r"│ upper\s+│ 1\.2\.3\s+│ boilerbench-test-plugin", out)
    code, out = run_cli("run", "-e", "upper", "--json", "--reports-dir", str(tmp_path / "r"),
                        "--page", REFERENCE_ID)
    assert code == 0
    assert '"name": "upper"' in out
    assert raw_output_of("upper") == "plugin output"
