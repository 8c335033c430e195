"""The public datasets boilerbench knows: where each comes from, its licence as stated upstream,
its format and official metric, what its gold keeps, the figures published on it, and, for
those `boilerbench fetch` can download, the pinned archive and what it must hold.

Three pins guard a download. `sha256` is the archive's own checksum. `tree_sha256` is the
tree hash of the unpacked archive (`bench.data.tree_hash`: the bytes of every file, whatever
importer reads them; top folder stripped), taken from the pinned commit's archive; GitHub's
archives are not promised to be byte-stable, their files are. `content_sha256` is the content
hash of the dataset as its format loads it (`Dataset.content_hash`), kept for AEB, whose
archive could not be hashed where it was pinned. A fetch needs at least one of them, unless the
user asks for an unchecked download with `--allow-unpinned`, which prints the hashes to pin.

The classic sets (CleanEval, CleanPortalEval, Dragnet, L3S-GN1, Readability's pages) arrive in
one archive, `html-cleaning`; each is its own entry here (`part_of`), so that the suite scores
and ranks them one by one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Published:
    """A figure published for an extractor on a dataset, with what it was measured with."""

    extractor: str
    """boilerbench's name for the extractor."""
    f1: float
    version: str
    """The version or configuration the publication names."""


ARTICLE_BODY = "article body"
"""Gold that keeps an article's body only (no comments, related links, page furniture)."""
ALL_CONTENT = "all content"
"""Gold that keeps every non-boilerplate text of the page (headings, lists, short texts)."""
MAIN_CONTENT_ANY_TYPE = "main content, any page type"
"""Gold that keeps the main content of pages of many types (products, forums, listings...)."""


@dataclass(frozen=True)
class PublicDataset:
    """One public dataset: what it is, how to load and score it, where to get it."""

    name: str
    title: str
    format: str
    pages: str
    gold: str
    source: str
    licence: str
    """The licence as stated upstream (or that none is stated)."""
    metric: str
    """Its official metric (the one its own publications use), by boilerbench's metric name."""
    keeps: str
    """What its gold keeps, one of ARTICLE_BODY, ALL_CONTENT, MAIN_CONTENT_ANY_TYPE."""
    keeps_detail: str
    """What its gold keeps, in words (titles, lists, comments...)."""
    folders: tuple[str, ...] = ()
    """Where `boilerbench suite` looks for it under the data folder (default: its name)."""
    split: str | None = None
    """The split the suite scores (for datasets with splits)."""
    part_of: str | None = None
    """The fetchable archive that holds it, when that is another entry."""
    archive_url: str | None = None
    sha256: str | None = None
    tree_sha256: str | None = None
    tree_files: int | None = None
    content_sha256: str | None = None
    published: tuple[Published, ...] = ()
    published_source: str = ""


_GITHUB = "https://github.com"
_HTML_CLEANING = f"{_GITHUB}/j-szulc/html-cleaning-dataset-merged"
_CLEANEVAL_KEEPS = ("all running text a linguist would keep, headings and list items included "
                    "(marked <h>, <l>), navigation and legal text dropped")


def _classic(name: str, subset: str, title: str, pages: str, keeps: str, keeps_detail: str,
             source: str) -> PublicDataset:
    """One subset of the html-cleaning archive."""
    return PublicDataset(
        name=name, title=title, format="html-cleaning", pages=pages,
        gold=f"{subset}/GoldStandard, its own dialect", source=f"{source}; via {_HTML_CLEANING}",
        licence="none stated (evaluation use only)", metric="lcs", keeps=keeps,
        keeps_detail=keeps_detail,
        folders=(f"html-cleaning/{subset}", f"samples/html-cleaning/{subset}"),
        part_of="html-cleaning")


PUBLIC: dict[str, PublicDataset] = {dataset.name: dataset for dataset in (
    PublicDataset(
        name="aeb", title="Article Extraction Benchmark (Zyte)", format="aeb", pages="181",
        gold="article body", source=f"{_GITHUB}/scrapinghub/article-extraction-benchmark",
        licence="MIT", metric="aeb", keeps=ARTICLE_BODY,
        keeps_detail="the article body without its headline; no comments, no captions",
        archive_url=f"{_GITHUB}/scrapinghub/article-extraction-benchmark/archive/"
                    "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010.tar.gz",
        content_sha256="69d8fd53936b9c68bd32331763ef950b9342047879409f5e9762e4d1c5599441",
        published=(Published("trafilatura", 0.958, "2.0.0"),
                   Published("readability", 0.922, "readability-lxml 0.8.4.1"),
                   Published("justext", 0.804, "3.0.2"),
                   Published("goose3", 0.896, "3.1.20"),
                   Published("newspaper4k", 0.949, "0.9.3.1"),
                   Published("news-please", 0.948, "1.6.16"),
                   Published("inscriptis", 0.679, "2.6.0"),
                   Published("html-text", 0.665, "0.7.0"),
                   Published("html2text", 0.662, "2025.4.15")),
        published_source="AEB's README (its evaluate.py on output/)"),
    PublicDataset(
        name="wcxb", title="WCXB, Web Content eXtraction Benchmark (2026)", format="wcxb",
        pages="2008 (dev 1497, test 511)", gold="main content, with/without snippets, page type",
        source=f"{_GITHUB}/Murrough-Foley/web-content-extraction-benchmark "
               "(also doi:10.5281/zenodo.19316874)",
        licence="CC-BY-4.0", metric="wcxb", keeps=MAIN_CONTENT_ANY_TYPE,
        keeps_detail="the main content of 7 page types (articles, products, forums, listings, "
                     "documentation, services, collections), titles kept",
        folders=("wcxb", "wcxb-dev"), split="dev",
        archive_url=f"{_GITHUB}/Murrough-Foley/web-content-extraction-benchmark/archive/"
                    "c039d5ee9f5a3a984a0e167e63aacd04e76e78a9.tar.gz",
        tree_sha256="6b6b30f8d6b95d357fa3c02a92f547b37d68ab5f9cb2c76cdce71f95b9968022",
        tree_files=4022,
        published=(Published("trafilatura", 0.791, "WCXB's harness"),
                   Published("newspaper4k", 0.720, "WCXB's harness"),
                   Published("magic-html", 0.719, "WCXB's harness"),
                   Published("justext", 0.707, "WCXB's harness"),
                   Published("boilerpy3", 0.687, "BoilerPy3, WCXB's harness"),
                   Published("readability", 0.675, "'Readability', WCXB's harness"),
                   Published("goose3", 0.652, "WCXB's harness")),
        published_source="WCXB's README, dev split"),
    PublicDataset(
        name="trafilatura", title="trafilatura evaluation set", format="trafilatura",
        pages="990", gold="with/without snippets", source=f"{_GITHUB}/adbar/trafilatura (tests/)",
        licence="Apache-2.0 (some pages state their own)", metric="snippets",
        keeps=ARTICLE_BODY,
        keeps_detail="snippets: 1-6 chunks of the main text that must appear, 1-6 of "
                     "boilerplate that must not",
        folders=("trafilatura", "trafilatura-eval"),
        archive_url=f"{_GITHUB}/adbar/trafilatura/archive/"
                    "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5.tar.gz",
        tree_sha256="55ee2b431434ca8b9549e7955a32888431559ef774f9e2cc949dc8aeb0721ee7",
        tree_files=1167,
        content_sha256="24e176c135adbcc148ff91e186c4b3b7aef73d82e41863ee8ce8ea77ef47c484",
        published=(Published("trafilatura", 0.924, "2.2.0, standard"),
                   Published("magic-html", 0.889, "version not stated"),
                   Published("justext", 0.862, "version not stated"),
                   Published("news-please", 0.836, "version not stated"),
                   Published("readability", 0.826, "readability-lxml 0.8.4.1"),
                   Published("resiliparse", 0.811, "version not stated"),
                   Published("goose3", 0.810, "version not stated")),
        published_source="trafilatura's documentation (evaluation page)"),
    PublicDataset(
        name="zh-cwce", title="Chinese Web Content Extraction dataset", format="cwce",
        pages="69", gold="article body (Chinese)",
        source=f"{_GITHUB}/immortal-autumn/Chinese-Web-Content-Extraction-Dataset",
        licence="MIT", metric="token-f1", keeps=ARTICLE_BODY,
        keeps_detail="the article body, hand-copied; Chinese, scored on segmented tokens"),
    PublicDataset(
        name="html-cleaning", title="CleanEval, CleanPortalEval, Dragnet, L3S-GN1, Readability "
                                    "(merged by j-szulc)", format="html-cleaning",
        pages="2987 inputs in 6 subsets", gold="each subset's own dialect",
        source=_HTML_CLEANING, licence="none stated (evaluation use only)", metric="lcs",
        keeps=ALL_CONTENT, keeps_detail="see the subsets",
        folders=("html-cleaning", "samples/html-cleaning"),
        archive_url=f"{_HTML_CLEANING}/archive/46e01a04b47051838a228bf23631430b2c9de375.tar.gz",
        tree_sha256="3b73e5de1520c3b9f234e9a9d64f059f0ce1e94020c75c38e80ec200514ca52a",
        tree_files=5927),
    _classic("cleaneval-dev", "cleaneval-dev", "CleanEval 2007, development set", "58",
             ALL_CONTENT, _CLEANEVAL_KEEPS, "https://cleaneval.sigwac.org.uk/devset.html"),
    _classic("cleaneval-final", "cleaneval-final", "CleanEval 2007, final set",
             "740 inputs, 681 with gold", ALL_CONTENT, _CLEANEVAL_KEEPS,
             "https://cleaneval.sigwac.org.uk/"),
    _classic("cleanportaleval", "CleanPortalEval-master", "CleanPortalEval (news portals)", "71",
             ALL_CONTENT, "CleanEval-style: the article's text with its title and headings",
             f"{_GITHUB}/ppke-nlpg/CleanPortalEval"),
    _classic("dragnet", "dragnet_data", "Dragnet", "1381", ARTICLE_BODY,
             "the article's main text as plain text (comments are a separate gold upstream)",
             f"{_GITHUB}/seomoz/dragnet_data"),
    _classic("l3s-gn1", "page-signal-master", "L3S-GN1 (Google News, boilerpipe)", "621",
             ARTICLE_BODY, "headline and full text (x-nc-sel1, x-nc-sel2); supplemental, related "
             "content and user comments kept as labeled boilerplate",
             f"{_GITHUB}/geodrome/page-signal"),
    _classic("readability", "readability", "Readability.js test pages (as merged)", "116",
             ARTICLE_BODY, "Readability.js's own output: the article, as HTML",
             f"{_GITHUB}/mozilla/readability"),
    PublicDataset(
        name="readability-tests", title="Readability.js test pages", format="readability-tests",
        pages="130", gold="expected.html (Readability.js's output) + metadata",
        source=f"{_GITHUB}/mozilla/readability (test/test-pages/)", licence="Apache-2.0",
        metric="lcs", keeps=ARTICLE_BODY,
        keeps_detail="Readability.js's own output: the article as HTML, title in metadata",
        folders=("readability-tests", "samples/readability-test-pages"),
        archive_url=f"{_GITHUB}/mozilla/readability/archive/"
                    "ab4027a8b37669745016869a37a504727992b2ba.tar.gz",
        tree_sha256="1012654821278792700bb055fc9d9bf5b13b918e78ea0c8c088494fb85420877",
        tree_files=417),
)}

FETCHABLE = tuple(name for name, dataset in PUBLIC.items() if dataset.archive_url)
"""The datasets `boilerbench fetch` can download: those with a pinned archive."""

KEEPS = (ARTICLE_BODY, ALL_CONTENT, MAIN_CONTENT_ANY_TYPE)
"""The groups of what gold keeps, in the order the suite shows them."""
