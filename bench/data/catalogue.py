"""The public datasets boilerbench knows: where each comes from, its format, and, for those
`boilerbench fetch` can download, the pinned archive and what it must hold.

Two pins guard a download. `sha256` is the archive's own checksum. `content_sha256` is the
content hash of the dataset as its format loads it (`Dataset.content_hash`: page ids, HTML
bytes, gold), taken from a copy known to be the pinned commit's; it holds whatever the archive's
bytes (GitHub's generated archives are not promised to be byte-stable) and for any mirror. A
fetch needs at least one of them, unless the user asks for an unchecked download with
`--allow-unpinned`, which prints both hashes so that they can be pinned here.

WCXB's archive is pinned to a commit but has no hash yet: its files were never at hand where
boilerbench was written (no copy in ../shared, no network), so nothing could be hashed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicDataset:
    """One public dataset: what it is, how to load it, where to get it."""

    name: str
    title: str
    format: str
    pages: str
    gold: str
    source: str
    archive_url: str | None = None
    sha256: str | None = None
    content_sha256: str | None = None


_GITHUB = "https://github.com"

PUBLIC: dict[str, PublicDataset] = {dataset.name: dataset for dataset in (
    PublicDataset(
        name="aeb", title="Article Extraction Benchmark (Zyte)", format="aeb", pages="181",
        gold="article body",
        source=f"{_GITHUB}/scrapinghub/article-extraction-benchmark",
        archive_url=f"{_GITHUB}/scrapinghub/article-extraction-benchmark/archive/"
                    "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010.tar.gz",
        content_sha256="69d8fd53936b9c68bd32331763ef950b9342047879409f5e9762e4d1c5599441"),
    PublicDataset(
        name="wcxb", title="WCXB, Web Content eXtraction Benchmark (2026)", format="wcxb",
        pages="2008 (dev 1497, test 511)", gold="main content, with/without snippets, page type",
        source=f"{_GITHUB}/Murrough-Foley/web-content-extraction-benchmark "
               "(CC-BY-4.0; also doi:10.5281/zenodo.19316874)",
        archive_url=f"{_GITHUB}/Murrough-Foley/web-content-extraction-benchmark/archive/"
                    "62ff86d12ea72c80c31fb810ff1a724fad687bea.tar.gz"),
    PublicDataset(
        name="trafilatura", title="trafilatura evaluation set", format="trafilatura",
        pages="990", gold="with/without snippets",
        source=f"{_GITHUB}/adbar/trafilatura (tests/)",
        archive_url=f"{_GITHUB}/adbar/trafilatura/archive/"
                    "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5.tar.gz",
        content_sha256="24e176c135adbcc148ff91e186c4b3b7aef73d82e41863ee8ce8ea77ef47c484"),
    PublicDataset(
        name="cleaneval", title="CleanEval (ACL SIGWAC, 2007)", format="cleaneval",
        pages="?", gold="cleaned text with <p>/<h>/<l> markers",
        source="https://cleaneval.sigwac.org.uk/ (arrange as html/ + gold/)"),
    PublicDataset(
        name="zh-cwce", title="Chinese Web Content Extraction dataset", format="cwce",
        pages="69", gold="article body (Chinese)",
        source=f"{_GITHUB}/immortal-autumn/Chinese-Web-Content-Extraction-Dataset"),
)}

FETCHABLE = tuple(name for name, dataset in PUBLIC.items() if dataset.archive_url)
"""The datasets `boilerbench fetch` can download: those with a pinned archive."""
