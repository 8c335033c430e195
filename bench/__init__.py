"""boilerbench: a benchmark for boilerplate removal and main-content extraction."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("boilerbench")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

__all__ = ["__version__"]
