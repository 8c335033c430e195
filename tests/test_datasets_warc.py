"""The warc format: WARC files built here from the bundled gold pages, plus broken records."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from bench.data.formats import load_dataset
from bench.data.formats.warc import response_record
from bench.errors import BenchError
from bench.gold.format import load_gold
from bench.text.encoding import decode_html

GOOD_PAGES = 5


def _write(path: Path, gold_dir: Path, *, compress: bool, broken: bool = True) -> list[Path]:
    """A WARC of GOOD_PAGES gold pages, an image, a 404, and (with `broken`) garbage between
    records and a record cut short at the end; returns the pages written."""
    pages = sorted(gold_dir.glob("*.html"))[:GOOD_PAGES]
    with path.open("wb") as handle:
        for page in pages[:3]:
            handle.write(response_record(f"https://gold.test/{page.stem}", page.read_bytes(),
                                         compress=compress))
        handle.write(response_record("https://gold.test/logo.png", b"\x89PNG\r\n",
                                     content_type="image/png", compress=compress))
        handle.write(response_record("https://gold.test/gone", b"<html>gone</html>",
                                     status=404, compress=compress))
        if broken:
            handle.write(b"\x1f\x8b\x08 not a gzip member" if compress else b"garbage\r\n\r\n")
        for page in pages[3:]:
            handle.write(response_record(f"https://gold.test/{page.stem}", page.read_bytes(),
                                         compress=compress))
        if broken:
            cut = response_record("https://gold.test/cut", b"<p>cut short</p>" * 40,
                                  compress=compress)
            handle.write(cut[:len(cut) // 2])
    return pages


@pytest.mark.parametrize("compress", [False, True])
def test_html_responses_become_pages_and_the_rest_is_counted(
        tmp_path: Path, gold_dir: Path, compress: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    written = _write(path, gold_dir, compress=compress)
    dataset = load_dataset(f"warc:{path}")
    assert sorted(page.url for page in dataset) == sorted(
        f"https://gold.test/{page.stem}" for page in written)
    counts: dict[str, int] = {}
    for item in dataset.skipped:
        assert item.path == path
        counts[item.kind] = counts.get(item.kind, 0) + item.count
    assert counts["HTTP 404"] == 1
    assert counts["content type image/png"] == 1
    assert counts.get("malformed", 0) >= 1  # the garbage; the cut record is truncated or malformed
    assert counts.get("malformed", 0) + counts.get("truncated", 0) >= 2
    damaged = [item for item in dataset.skipped if item.kind in ("malformed", "truncated")]
    assert all(item.count == 1 and "(at " in item.reason for item in damaged)  # named
    for page in dataset:  # each page reads back exactly its own bytes, from its offset
        assert page.id.startswith("<urn:uuid:") and page.body is None
        source = gold_dir / f"{page.url.rsplit('/', 1)[1]}.html"  # type: ignore[union-attr]
        assert page.read_html() == source.read_bytes()


def test_pages_hold_an_offset_not_their_bytes(tmp_path: Path, gold_dir: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write(path, gold_dir, compress=True, broken=False)
    dataset = load_dataset(f"warc:{path}")
    assert all(page.html is None for page in dataset)
    assert len({page.offset for page in dataset}) == GOOD_PAGES  # type: ignore[attr-defined]
    # the content hash comes from the digests taken at load, equal to the bytes' own
    assert all(page.html_digest() == hashlib.sha256(page.read_html()).digest()
               for page in dataset)


def test_http_charset_is_the_declared_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.warc"
    text = "<html><body><p>Café crème, déjà vu.</p></body></html>"
    path.write_bytes(response_record("https://latin.test/", text.encode("cp1252"),
                                     content_type="text/html; charset=ISO-8859-1"))
    (page,) = load_dataset(f"warc:{path}")
    assert page.encoding == "iso-8859-1"
    assert decode_html(page.read_html(), page.encoding)[0] == text


def test_folder_and_glob_take_every_warc(tmp_path: Path, gold_dir: Path) -> None:
    _write(tmp_path / "a.warc", gold_dir, compress=False, broken=False)
    _write(tmp_path / "b.warc.gz", gold_dir, compress=True, broken=False)
    (tmp_path / "notes.txt").write_text("not a warc")
    assert len(load_dataset(f"warc:{tmp_path}")) == 2 * GOOD_PAGES
    assert len(load_dataset(f"warc:{tmp_path}/*.warc.gz")) == GOOD_PAGES


def test_gold_metrics_are_not_applicable(tmp_path: Path, gold_dir: Path) -> None:
    from bench.scoring.metrics import get_metric
    from bench.scoring.page_scores import score_fields

    path = tmp_path / "crawl.warc"
    _write(path, gold_dir, compress=False, broken=False)
    page = next(iter(load_dataset(f"warc:{path}")))
    scores = score_fields(page.gold, "some output", get_metric("token-f1"))
    assert scores["f1"] is None and scores["stats"] is None


def test_no_html_or_no_warc_is_one_line_error(tmp_path: Path) -> None:
    only_image = tmp_path / "image.warc"
    only_image.write_bytes(response_record("https://x.test/a.png", b"png",
                                           content_type="image/png"))
    with pytest.raises(BenchError, match=r"no HTML response.*1 content type image/png"):
        load_dataset(f"warc:{only_image}")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BenchError, match=r"no \.warc or \.warc\.gz file"):
        load_dataset(f"warc:{tmp_path / 'empty'}")
    with pytest.raises(BenchError, match=r"no \.warc or \.warc\.gz file"):
        load_dataset(f"warc:{tmp_path}/*.warc.gz")


def test_whole_file_gzip_reads_too(tmp_path: Path, gold_dir: Path) -> None:
    """A WARC gzipped as one stream (not one member per record) still loads."""
    plain = tmp_path / "crawl.warc"
    _write(plain, gold_dir, compress=False, broken=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    dataset = load_dataset(f"warc:{whole}")
    assert len(dataset) == GOOD_PAGES
    # Only the first record can be entered (at the stream's start); the others hold bytes.
    assert [page.offset == 0 for page in dataset  # type: ignore[attr-defined]
            ] == [page.html is None for page in dataset]
    assert {page.read_html() for page in dataset} == {
        page.read_html() for page in load_dataset(f"warc:{plain}")}


def test_bundled_gold_pages_round_trip(tmp_path: Path, gold_dir: Path) -> None:
    path = tmp_path / "gold.warc.gz"
    with path.open("wb") as handle:
        for page in load_gold(gold_dir):
            handle.write(response_record(page.url or page.id, page.read_html(), compress=True))
    assert len(load_dataset(f"warc:{path}")) == len(load_gold(gold_dir))


def test_run_on_a_warc_shows_n_a_and_the_skipped_records(
        tmp_path: Path, gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bench.cli import main

    path = tmp_path / "crawl.warc"
    _write(path, gold_dir, compress=False)
    assert main(["run", "--dataset", f"warc:{path}", "-e", "fulltext", "-j", "1",
                 "--reports-dir", str(tmp_path / "reports"), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "n/a" in out
    assert f"not scored, HTTP 404: 1 item(s): {path}" in out
    assert "not scored, malformed: " in out and " (at " in out
