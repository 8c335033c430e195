"""Pages and datasets: what the runner, scorer and reports see, whatever format a page came from.

A dataset yields pages; each page knows where its raw HTML is and carries the gold it has: a
full body, and/or `with`/`without` snippets, and/or labeled boilerplate. Metrics that a page's
gold cannot support are reported as not applicable, never as zero.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bench.data.digests import file_digest
from bench.errors import BenchError


@dataclass(frozen=True)
class Snippet:
    """A labeled piece of boilerplate text on a page."""

    category: str
    text: str


@dataclass(frozen=True)
class Gold:
    """What a page's gold holds, as scoring sees it: plain texts, no file."""

    body: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    boilerplate: tuple[Snippet, ...] = ()
    markdown: str | None = None
    """The body with its structure (headings, lists, tables, code, links, quotes) as Markdown,
    when the gold has it; its plain text is the body."""
    url: str | None = None
    """The page's address, against which relative link targets are resolved."""


@dataclass(frozen=True)
class Page:
    """One page of a dataset: where its HTML is, and its gold."""

    id: str
    html_path: Path
    url: str | None = None
    encoding: str | None = None
    language: str | None = None
    page_type: str | None = None
    body: str | None = None
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    boilerplate: tuple[Snippet, ...] = ()
    markdown: str | None = None
    """The body as Markdown, with its structure (`Gold.markdown`)."""
    meta: Mapping[str, str] = field(default_factory=dict)
    """Other fields of the gold record (title, headline, hard cases, ...) for breakdowns."""
    html: bytes | None = None
    """The raw HTML when the dataset carries it inline (then `html_path` is the file holding it)."""

    @property
    def gold(self) -> Gold:
        """The page's gold, for scoring."""
        return Gold(body=self.body, with_snippets=self.with_snippets,
                    without_snippets=self.without_snippets, boilerplate=self.boilerplate,
                    markdown=self.markdown, url=self.url)

    def read_html(self) -> bytes:
        """Return the raw HTML bytes as served (gzip files are decompressed)."""
        if self.html is not None:
            return self.html
        data = self.html_path.read_bytes()
        return gzip.decompress(data) if self.html_path.suffix == ".gz" else data

    def html_digest(self) -> bytes:
        """The SHA-256 of `read_html()`, as the dataset's content hash takes it (of a file,
        remembered with the file's identity: `bench.data.digests`)."""
        if self.html is not None:
            return hashlib.sha256(self.html).digest()
        return file_digest(self.html_path, self.read_html)


@dataclass(frozen=True)
class Skipped:
    """A file of a dataset that is not one of its pages, and why (an input without gold); or
    `count` records of one file skipped for one reason (a crawl's images, its 404s). A reason
    may end with details in brackets (which record, where), left out when reasons are
    grouped."""

    path: Path
    reason: str
    count: int = 1

    @property
    def kind(self) -> str:
        """The reason without its details: what skipped items are grouped by."""
        return self.reason.split(" (")[0]


@dataclass(frozen=True)
class Dataset:
    """A named, hashed collection of pages (and the files its format could not make pages of,
    each with its reason: nothing is dropped silently)."""

    name: str
    pages: Sequence[Page]
    """A tuple, or a sequence that reads pages as they are asked for (a large JSON Lines
    file: bench.data.formats.jsonl)."""
    content_hash: str
    skipped: tuple[Skipped, ...] = ()

    @property
    def label(self) -> str:
        """The dataset as named in signatures: name, page count and content hash prefix."""
        return f"{self.name}-{len(self.pages)}p-{self.content_hash[:12]}"

    def __iter__(self) -> Iterator[Page]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)

    def select(self, *, page_ids: Sequence[str] = (), languages: Sequence[str] = (),
               page_types: Sequence[str] = ()) -> Dataset:
        """Return the subset of pages matching every given filter (glob patterns for ids);
        without filters, the dataset itself (a lazily read one is not read)."""
        from fnmatch import fnmatchcase

        if not page_ids and not languages and not page_types:
            return self

        def keep(page: Page) -> bool:
            return ((not page_ids or any(fnmatchcase(page.id, pat) for pat in page_ids))
                    and (not languages or page.language in languages)
                    and (not page_types or page.page_type in page_types))

        chosen = tuple(page for page in self.pages if keep(page))
        if len(chosen) == len(self.pages):
            return self
        return Dataset(self.name, chosen, hash_pages(chosen), self.skipped)


def skipped_lines(dataset: Dataset, *, limit: int = 10) -> list[str]:
    """One line per reason: how many files (or records) of the dataset are not pages, and
    which (the first `limit`; a file once per reason)."""
    by_reason: dict[str, dict[str, None]] = {}
    counts: dict[str, int] = {}
    for item in dataset.skipped:
        details = item.reason[len(item.kind):]
        by_reason.setdefault(item.kind, {})[f"{item.path}{details}"] = None
        counts[item.kind] = counts.get(item.kind, 0) + item.count
    lines = []
    for reason, names in by_reason.items():
        more = f", and {len(names) - limit} more" if len(names) > limit else ""
        lines.append(f"not scored, {reason}: {counts[reason]} item(s): "
                     f"{', '.join(list(names)[:limit])}{more}")
    return lines


def gold_key(page: Page) -> str:
    """A SHA-256 of a page's gold (body, snippets, labeled boilerplate, Markdown body), not of
    its HTML."""
    gold = [page.body or "", *page.with_snippets, "\x00", *page.without_snippets, "\x00",
            *(f"{s.category}\x01{s.text}" for s in page.boilerplate)]
    if page.markdown is not None:  # pages without one keep the key they had before
        gold += ["\x03", page.markdown]
    return hashlib.sha256("\x02".join(gold).encode()).hexdigest()


def hash_pages(pages: Sequence[Page]) -> str:
    """A SHA-256 over every page's id, HTML bytes and gold, so any change shows in signatures."""
    digest = hashlib.sha256()
    for page in sorted(pages, key=lambda p: p.id):
        digest.update(page.id.encode())
        digest.update(page.html_digest())
        digest.update(bytes.fromhex(gold_key(page)))
    return digest.hexdigest()


def dataset_of(name: str, pages: Sequence[Page], *, source: Path,
               skipped: Sequence[Skipped] = ()) -> Dataset:
    """A Dataset of `pages` sorted by id; two pages with one id raise, naming `source`."""
    ordered = tuple(sorted(pages, key=lambda page: page.id))
    for before, after in pairwise(ordered):
        if before.id == after.id:
            raise BenchError(f"{source}: two pages have the id {after.id!r}")
    return Dataset(name=name, pages=ordered, content_hash=hash_pages(ordered),
                   skipped=tuple(skipped))
