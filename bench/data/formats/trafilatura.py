"""trafilatura's evaluation set: `tests/evaldata.json` (`{url: {"file", "with", "without",
...}}`) with each page under `tests/eval/` or `tests/cache/`.

The gold is snippets only (text a good extraction contains, `with`, and boilerplate it must not
contain, `without`), no full body: body metrics such as token-f1 are not applicable to it.
PATH is a trafilatura checkout (or its `tests/` folder).
"""

from __future__ import annotations

from pathlib import Path

from bench.data.page import Dataset, Page, dataset_of
from bench.errors import BenchError
from bench.files import read_json_object, string_field, string_list_field

_PAGE_FOLDERS = ("eval", "cache")
_META_FIELDS = ("title", "author", "date", "license", "region", "sitename")


def load(path: Path) -> Dataset:
    """Load trafilatura's evaluation set."""
    tests = path if (path / "evaldata.json").is_file() else path / "tests"
    gold_path = tests / "evaldata.json"
    pages = []
    for url, item in read_json_object(gold_path).items():
        where = f"{gold_path}: {url}"
        if not isinstance(item, dict):
            raise BenchError(f"{where}: must be an object with 'file', 'with' and 'without'")
        file_name = string_field(item, "file", where)
        html_path = next((tests / folder / file_name for folder in _PAGE_FOLDERS
                          if (tests / folder / file_name).is_file()), None)
        if html_path is None or Path(file_name).name != file_name:
            raise BenchError(f"{where}: field 'file': {file_name!r} is not in "
                             f"{' or '.join(str(tests / folder) for folder in _PAGE_FOLDERS)}")
        with_snippets = string_list_field(item, "with", where)
        without_snippets = string_list_field(item, "without", where)
        if not with_snippets and not without_snippets:
            raise BenchError(f"{where}: fields 'with' and 'without' are both empty")
        meta = {name: item[name] for name in _META_FIELDS if isinstance(item.get(name), str)}
        pages.append(Page(id=Path(file_name).stem, html_path=html_path, url=url,
                          with_snippets=with_snippets, without_snippets=without_snippets,
                          meta=meta))
    return dataset_of("trafilatura-eval", pages, source=gold_path)
