"""The HTML report: self-contained, escaped, and checked in a real headless browser.

The browser tests need Debian's chromium (`.ci/run` installs it). In CI (CI set) a missing
chromium fails the tests; only on a developer machine without it do they skip.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from bench.data.formats import load_dataset
from bench.data.page import Page
from bench.gold.format import load_gold
from bench.report.html import render
from bench.report.html_parts import CSP
from bench.report.svg import PALETTE
from bench.run.finished import Run, run_dataset
from tests.helpers import REFERENCE_ID, answering, write_run

SCRIPT = "<script>document.title='pwned'</script>"
IMAGE = "<img src=x onerror=\"document.title='pwned'\">"
EVIL_NAME = f"evil{SCRIPT}"
_CONSOLE = ("--enable-logging=stderr", "--v=0")
"""Chromium options that print the page's console messages (errors, blocked loads)."""


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run whose page ids, gold, languages, extractor name and output carry markup."""
    root = tmp_path_factory.mktemp("hostile")
    pages = [
        {"id": f"page-{SCRIPT}", "url": "https://example.org/1", "language": IMAGE,
         "page_type": "news", "html": f"<html><body><p>Rivers rise.</p>{SCRIPT}</body></html>",
         "body": f"Rivers rise after the storm.\n\nThe council met {SCRIPT} on Monday."},
        {"id": "page-plain", "url": "https://example.org/2", "language": "en",
         "page_type": f"type{IMAGE}", "html": "<html><body><p>Plain.</p></body></html>",
         "body": "A plain page about bridges and the people who cross them."},
    ]
    dataset_file = root / "pages.jsonl"
    dataset_file.write_text("".join(json.dumps(page) + "\n" for page in pages),
                            encoding="utf-8")
    spec = f"jsonl:{dataset_file}"
    dataset = load_dataset(spec)

    def hostile(page: Page) -> str:
        return f"{page.body}\n{SCRIPT}\n{IMAGE}\nShare this"

    return write_run(root / "run", dataset, [answering(dataset, EVIL_NAME, hostile),
                                             answering(dataset, "plain")], dataset_spec=spec)


@pytest.fixture(scope="module")
def hostile_report(hostile_run: Path) -> Path:
    run = Run.load(hostile_run)
    path = hostile_run / "report.html"
    path.write_text(render(run, run_dataset(run)), encoding="utf-8")
    return path


def test_no_markup_from_the_run_survives_escaping(hostile_report: Path) -> None:
    text = hostile_report.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert "onerror=\"" not in text
    assert html.escape(SCRIPT) in text  # shown as text
    assert f'id="page-page-{html.escape(SCRIPT)}"' in text  # attributes too
    assert f'<meta http-equiv="Content-Security-Policy" content="{html.escape(CSP)}">' in text
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", text)  # nothing loads


def test_sections_and_drill_down_of_a_gold_run(tmp_path: Path) -> None:
    dataset = load_gold().select(page_ids=[REFERENCE_ID])
    (page,) = dataset.pages
    caption = next(s for s in page.boilerplate if s.category == "caption-duplicate")

    def half_and_caption(page: Page) -> str:
        body = page.body or ""
        return f"{body[:len(body) // 2]}\n{caption.text}"

    run = Run.load(write_run(tmp_path / "run", dataset, [
        answering(dataset, "gold"), answering(dataset, "half", half_and_caption)]))
    text = render(run, run_dataset(run))
    for heading in ("Summary", "Charts", "Mean page F1 by language and page type",
                    "Leaks by boilerplate category", "Pages"):
        assert f"<h2>{heading}</h2>" in text
    assert text.count("<svg ") == 2
    assert '<span class="missing">' in text and '<span class="extra">' in text
    assert ('<span class="leak" title="leaked: caption-duplicate"><span class="tag">'
            "caption-duplicate</span>") in text
    assert "<td>bn</td>" in text and "<td>news</td>" in text
    without_gold = render(run, None)
    assert "No gold text given: the drill-down is left out." in without_gold
    assert '<span class="missing">' not in without_gold


def _chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing; CI must install it (.ci/run: apt-get install "
                        "chromium)")
        pytest.skip("chromium is not installed here (CI installs it)")
    return path


def _browse(page: Path, profile: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
               *options, page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _title(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert match is not None, dom[:500]
    return match.group(1)


def test_the_browser_would_notice_a_running_script(tmp_path: Path) -> None:
    """The check below can fail: unescaped, the same markup does run in this browser."""
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><html><head><title>report</title></head><body>{SCRIPT}"
                       "</body></html>", encoding="utf-8")
    dom = _browse(control, tmp_path / "profile", "--dump-dom").stdout
    assert _title(dom) == "pwned"


def test_the_browser_would_report_a_blocked_load(tmp_path: Path) -> None:
    """The console check below can fail: a blocked load is logged as a console message."""
    control = tmp_path / "control.html"
    control.write_text(f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
                       f'content="{CSP}"><title>report</title></head><body>{IMAGE}{SCRIPT}'
                       "</body></html>", encoding="utf-8")
    result = _browse(control, tmp_path / "profile", *_CONSOLE, "--dump-dom")
    assert _title(result.stdout) == "report"  # the policy alone stops the script
    assert "violates the following Content Security Policy directive" in result.stderr
    assert ":CONSOLE" in result.stderr


def test_the_report_loads_and_no_injected_script_runs(hostile_report: Path,
                                                      tmp_path: Path) -> None:
    result = _browse(hostile_report, tmp_path / "profile", *_CONSOLE, "--dump-dom")
    dom = result.stdout
    assert '<footer id="end" class="meta">End of report.</footer>' in dom  # loaded whole
    title = _title(dom)
    assert title.startswith("boilerbench report: token-f1 on jsonl-2p-")
    assert "pwned" not in title
    assert "<script" not in dom.lower() and "<img" not in dom.lower()  # nothing was created
    assert html.escape(SCRIPT, quote=False) in dom  # the text is there, as text
    # Not a single console message: nothing tried to load or run, nothing failed.
    assert ":CONSOLE" not in result.stderr


def test_the_charts_render(hostile_report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    _browse(hostile_report, tmp_path / "profile", f"--screenshot={shot}",
            "--window-size=1280,2000", "--hide-scrollbars")
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    drawn: dict[str, list[tuple[int, int]]] = {}
    for colour in PALETTE[:2]:  # the two extractors' bars and points
        target = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        drawn[colour] = [(x, y) for y in range(0, height, 2) for x in range(0, width, 2)
                         if all(abs(a - b) <= 12 for a, b in
                                zip(pixels[x, y], target, strict=True))]
    for colour, points in drawn.items():
        xs = [x for x, _y in points]
        # A bar (tens of pixels wide) and a point: hundreds of sampled pixels, spread out.
        assert len(points) > 200, colour
        assert max(xs) - min(xs) > 100, colour
    non_white = sum(1 for y in range(0, height, 4) for x in range(0, width, 4)
                    if sum(pixels[x, y]) < 720)  # type: ignore[arg-type]
    assert non_white > 2000


def test_page_limit_keeps_the_worst_pages_worst_first(tmp_path: Path) -> None:
    from bench.report.html import worst_pages

    dataset = load_gold().select(page_ids=["bn-*"])
    worst, second = "bn-matheghate-ban-sl-odi-live", "bn-prabhatbarta-rajshahi-mango-harvest"

    def spoil(page: Page) -> str:  # the gold, but nothing on one page and half on another
        body = page.body or ""
        return {worst: "", second: body[:len(body) // 2]}.get(page.id, body)

    run = Run.load(write_run(tmp_path / "run", dataset, [answering(dataset, "spoiled", spoil)]))
    assert [page.id for page in worst_pages(run, dataset, 2)] == [worst, second]
    assert len(worst_pages(run, dataset, None)) == len(dataset)
    text = render(run, dataset, page_limit=2)
    assert text.count('<details class="page"') == 2
    assert f"The 2 pages with the lowest mean F1 of {len(dataset)}, worst first." in text
    assert text.index(f'id="page-{worst}"') < text.index(f'id="page-{second}"')
