"""boilerbench: a benchmark for boilerplate removal and main-content extraction.

The package is a pipeline; each stage is a subpackage (or module) that imports only the stages
before it (tests/test_layout.py checks it):

1. `bench.text`: decode bytes, page text, normalise, tokenise;
2. `bench.data`: pages and datasets in every format, the public catalogue, fetching
   (`extractors/`, the adapters, sit here too: text in, text out);
3. `bench.gold`: the bundled gold set's format and tooling (validate, datasheet, drafts);
4. `bench.scoring`: metrics, statistics, leaks, signatures, summaries: pure functions;
5. `bench.run`: jobs, executors, workers, the output cache, run directories;
6. `bench.gate`: the regression gate's comparison of a run with its baseline;
7. `bench.report`: terminal, Markdown, CSV, JSON and HTML renderings;
8. `bench.cli`: the `boilerbench` command, one module per command.

Below them all, `bench.errors` and `bench.files` (atomic writes, checked JSON reading).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("boilerbench")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

__all__ = ["__version__"]
