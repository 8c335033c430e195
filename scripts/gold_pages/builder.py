"""Rendering one page: the body in source syntax to HTML and gold, and the labeled template
slots (menus, share bars, consent frames...) that every family places in its own wrappers.

Every visible string goes through `Builder.label` (boilerplate, with its category) or the body
renderer (gold body, block by block with the markup it has), so the record written beside the
page is exactly what the page shows.
Each labeled line is its own block element, so no two labels are glued into one line.
"""

from __future__ import annotations

import datetime
import html
import math
import random
from collections.abc import Callable
from urllib.parse import urlparse

from scripts.gold_pages import bulk
from scripts.gold_pages.block import Block
from scripts.gold_pages.source import Source, SourceError

SLOTS = ("figure", "advert", "teaser", "related", "pullquote", "paywall", "trending",
         "newsletter")


def esc(text: str) -> str:
    """Text escaped for an HTML text node or a double-quoted attribute."""
    return html.escape(text, quote=True)


class Builder:
    """Collects the gold body and the labeled boilerplate while a family renders its page."""

    def __init__(self, source: Source) -> None:
        self.src = source
        self.rng = random.Random(source.fields["id"])
        self.domain = urlparse(source.text("url")).netloc or "example.invalid"
        self.blocks: list[Block] = []
        self.body_shown = True
        """False when the page shows only a skeleton and holds its body in a script."""
        self.snippets: list[tuple[str, list[str]]] = []
        self.headings: list[str] = []
        self.features: list[str] = []
        """Hard cases the rendering itself produced (a mega-menu, a consent frame)."""

    # -- labeled boilerplate ------------------------------------------------------------
    def label(self, category: str, lines: list[str]) -> None:
        lines = [line for line in lines if line.strip()]
        if lines:
            self.snippets.append((category, lines))

    def items(self, category: str, lines: list[str], *, cls: str, tag: str = "ul",
              link: bool = True) -> str:
        """A labeled list: one `<li>` per line, linked like menu entries."""
        self.label(category, lines)
        return self._list(lines, cls=cls, tag=tag, link=link)

    def _list(self, lines: list[str], *, cls: str, tag: str, link: bool) -> str:
        if not lines:
            return ""
        inner = "".join(
            f'<li class="{cls}__item"><a href="/{bulk.ident(self.rng, 8).lower()}/" '
            f'class="{cls}__link">{esc(line)}</a></li>' if link else
            f'<li class="{cls}__item">{esc(line)}</li>' for line in lines)
        return f'<{tag} class="{cls}">{inner}</{tag}>'

    def block(self, category: str, text: str, *, cls: str, tag: str = "div") -> str:
        if not text.strip():
            return ""
        self.label(category, [text])
        return f'<{tag} class="{cls}">{esc(text)}</{tag}>'

    # -- the template slots ---------------------------------------------------------------
    def megamenu(self, *, cls: str) -> str:
        """Top menu; with a kit `megamenu` table, each entry opens a panel of sub-sections
        (hidden by CSS only, so visible to extractors, as on real sites)."""
        panels = self.src.fields.get("megamenu", {})
        if isinstance(panels, dict) and any(panels.get(e) for e in self.src.lines("menu")):
            self.features.append("mega-menu")
        parts, labels = [], []
        for entry in self.src.lines("menu"):
            subs = panels.get(entry, []) if isinstance(panels, dict) else []
            labels += [entry, *subs]
            sub_html = "".join(f'<li><a href="/{bulk.ident(self.rng, 7).lower()}/">{esc(s)}</a>'
                               "</li>" for s in subs)
            panel = (f'<div class="{cls}-panel" aria-hidden="true"><ul class="{cls}-sub">'
                     f"{sub_html}</ul></div>") if subs else ""
            parts.append(f'<li class="{cls}-item menu-item-has-children"><a href="/'
                         f'{bulk.ident(self.rng, 6).lower()}/" class="{cls}-link">{esc(entry)}'
                         f"</a>{panel}</li>")
        self.label("navigation", labels)  # one snippet: a flattened menu leaks as a whole
        return (f'<nav class="{cls}" aria-label="main"><ul class="{cls}-list">'
                f'{"".join(parts)}</ul></nav>')

    def breadcrumbs(self, *, cls: str) -> str:
        trail = [self.src.text("breadcrumb_home", "Home"), *self.src.lines("breadcrumbs")]
        return self.items("navigation", trail, cls=cls, tag="ol")

    def consent(self, *, cls: str) -> str:
        """The cookie banner and its preference centre, and the CMP's invisible frame."""
        lines = self.src.lines("cookie")
        if not lines:
            return ""
        *text, accept, reject = lines
        purposes = self.src.lines("consent_purposes")
        self.features.append("consent-frame")
        self.label("cookie-banner", [*text, accept, reject, *purposes])
        paragraphs = "".join(f'<p class="{cls}__text">{esc(t)}</p>' for t in text)
        toggles = "".join(
            f'<li class="{cls}__purpose"><label><input type="checkbox" name="p{n}">'
            f"{esc(p)}</label></li>" for n, p in enumerate(purposes))
        return (f'<div id="onetrust-consent-sdk" class="{cls}" role="dialog" aria-modal="true">'
                f'<div class="{cls}__banner">{paragraphs}<div class="{cls}__buttons">'
                f'<button class="{cls}__accept">{esc(accept)}</button>'
                f'<button class="{cls}__reject">{esc(reject)}</button></div></div>'
                f'<div class="{cls}__pc"><ul>{toggles}</ul></div></div>'
                '<iframe name="__tcfapiLocator" style="display:none" title="cmp"></iframe>')

    def share(self, *, cls: str) -> str:
        return self.items("share-bar", self.src.lines("share"), cls=cls)

    def heading_box(self, category: str, title_key: str, lines_key: str, *, cls: str,
                    numbered: bool = False) -> str:
        """A titled box of headlines: related links, trending lists, next-article teasers."""
        lines = self.src.lines(lines_key)
        if not lines:
            return ""
        title = self.src.text(title_key)
        shown = [f"{n}. {line}" if numbered else line for n, line in enumerate(lines, 1)]
        self.label(category, [title, *shown])
        return (f'<section class="{cls}"><h3 class="{cls}__title">{esc(title)}</h3>'
                + self._list(shown, cls=f"{cls}__list", tag="ul", link=True) + "</section>")

    def comments(self, *, cls: str) -> str:
        entries = self.src.tables("comments", ("author", "date", "text"))
        if not entries:
            return ""
        title = self.src.text("comments_title")
        out = [f'<section id="comments" class="{cls}"><h2>{esc(title)}</h2><ol>']
        self.label("comments", [title])
        for entry in entries:
            self.label("comments", [entry["author"], entry["date"], *_paragraphs(entry["text"])])
            paras = "".join(f"<p>{esc(p)}</p>" for p in _paragraphs(entry["text"]))
            out.append(f'<li class="{cls}__comment" id="comment-{self.rng.randint(10**4, 10**6)}">'
                       f'<div class="{cls}__author">{esc(entry["author"])}</div>'
                       f'<time class="{cls}__date">{esc(entry["date"])}</time>'
                       f'<div class="{cls}__content">{paras}</div></li>')
        out.append("</ol></section>")
        return "".join(out)

    def newsletter(self, *, cls: str) -> str:
        lines = self.src.lines("newsletter")
        if not lines:
            return ""
        *text, button = lines
        self.label("newsletter", lines)
        return (f'<form class="{cls}" action="/newsletter" method="post">'
                + "".join(f'<p class="{cls}__text">{esc(t)}</p>' for t in text)
                + f'<input type="email" name="email" aria-label="email"><button>{esc(button)}'
                "</button></form>")

    def footer(self, *, cls: str) -> str:
        links = self.items("footer", self.src.lines("footer"), cls=f"{cls}__links")
        notice = self.src.text("copyright").format(site=self.src.text("site"),
                                                   year=datetime.date(2025, 1, 1).year)
        return (f'<footer class="{cls}">{links}'
                + self.block("footer", notice, cls=f"{cls}__copyright", tag="p") + "</footer>")

    def figure(self, caption: str, *, cls: str) -> str:
        image = bulk.lazy_image(self.rng, self.domain, alt=caption, cls=f"{cls}__img")
        cap = self.block("caption-duplicate", caption, cls=f"{cls}__caption", tag="figcaption")
        return f'<figure class="{cls}">{image}{cap}</figure>'

    def advert(self, *, cls: str) -> str:
        slot = self.rng.randint(0, 5)
        return (f'<div class="{cls}">' + self.block("advert", self.src.text("advert"),
                                                    cls=f"{cls}__label")
                + f'<div id="div-gpt-ad-{slot}" data-ad-slot="{slot}"></div></div>')

    def slot(self, name: str, *, cls: str) -> str:
        """A template element the source placed between body paragraphs (`[name]`)."""
        if name == "figure":
            return self.figure(self._next_caption(), cls=f"{cls}-figure")
        if name == "advert":
            return self.advert(cls=f"{cls}-ad")
        if name == "teaser":
            return self.items("related-links", self.src.lines("teaser"),
                              cls=f"{cls}-inline-related")
        if name == "related":
            return self.heading_box("related-links", "related_title", "related", cls=f"{cls}-rel")
        if name == "trending":
            return self.heading_box("trending-list", "trending_title", "trending",
                                    cls=f"{cls}-trend", numbered=True)
        if name == "pullquote":
            quote = self.src.text("pullquote")
            if not quote:
                raise SourceError(self.src.path, "pullquote", "[pullquote] needs the sentence")
            return self.block("repeats-body", quote, cls=f"{cls}-pullquote", tag="blockquote")
        if name == "paywall":
            return (f'<div class="{cls}-paywall" data-paywall="metered">'
                    + self.items("promo", self.src.lines("paywall"), cls=f"{cls}-pw", link=False)
                    + "</div>")
        if name == "newsletter":
            return self.newsletter(cls=f"{cls}-nl")
        raise SourceError(self.src.path, "body", f"unknown slot [{name}]; one of {SLOTS}")

    def _next_caption(self) -> str:
        captions = self.src.lines("captions")
        used = sum(1 for category, _ in self.snippets if category == "caption-duplicate")
        if used >= len(captions):
            raise SourceError(self.src.path, "captions", "fewer captions than [figure] slots")
        return captions[used]

    def toc(self, *, cls: str) -> str:
        """A table of contents: its headings repeat the body's sub-headings word for word."""
        if not self.headings:
            return ""
        self.label("navigation", self.src.lines("toc_title"))
        self.label("repeats-body", self.headings)
        title = "".join(esc(t) for t in self.src.lines("toc_title"))
        links = "".join(f'<li><a href="#s{n}">{esc(h)}</a></li>'
                        for n, h in enumerate(self.headings))
        return (f'<nav class="{cls}" id="toc"><div class="{cls}__title">{title}</div>'
                f"<ol>{links}</ol></nav>")

    # -- the body -------------------------------------------------------------------------
    def body_html(self, text: str, *, cls: str, slot: Callable[[str], str] | None = None) -> str:
        """The body in source syntax as HTML; each block, as the markup emitted, goes to
        `self.blocks` (the gold body and its Markdown)."""
        out = []
        for block in _blocks(text):
            first = block[0]
            if first.startswith("[") and first.endswith("]") and len(block) == 1:
                out.append((slot or (lambda name: self.slot(name, cls=cls)))(first[1:-1]))
            elif first.startswith("## "):
                heading = first[3:].strip()
                self.blocks.append(Block("heading", (heading,), level=2))
                out.append(f'<h2 id="s{len(self.headings)}" class="{cls}-h2">{esc(heading)}</h2>')
                self.headings.append(heading)
            elif first.startswith("### "):
                self.blocks.append(Block("heading", (first[4:].strip(),), level=3))
                out.append(f"<h3>{esc(first[4:].strip())}</h3>")
            elif all(line.startswith(("- ", "1. ", "# ")) for line in block):
                ordered = block[0].startswith(("1. ", "# "))
                items = [line.split(" ", 1)[1].strip() for line in block]
                self.blocks.append(Block("list", tuple(items), ordered=ordered))
                tag = "ol" if ordered else "ul"
                out.append(f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>")
            elif all(line.startswith("|") for line in block):
                rows = [[c.strip() for c in line.strip("|").split("|")] for line in block]
                self.blocks.append(Block("table", cells=tuple(tuple(row) for row in rows)))
                out.append('<table class="' + cls + '-table"><tbody>' + "".join(
                    "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
                    + "</tbody></table>")
            elif first.startswith("```"):
                code = block[1:-1] if block[-1].startswith("```") else block[1:]
                self.blocks.append(Block("code", tuple(code)))
                out.append('<pre class="' + cls + '-code"><code>' + esc("\n".join(code))
                           + "</code></pre>")
            elif first.startswith("> "):
                quote = " ".join(line[2:].strip() for line in block)
                self.blocks.append(Block("quote", (quote,)))
                out.append(f"<blockquote><p>{esc(quote)}</p></blockquote>")
            else:
                paragraph = " ".join(line.strip() for line in block)
                self.blocks.append(Block("paragraph", (paragraph,)))
                out.append(f"<p>{esc(paragraph)}</p>")
        return "".join(out)

    @property
    def body(self) -> list[str]:
        """The gold body's blocks, as plain text."""
        return [block.plain for block in self.blocks]

    def target_size(self) -> int:
        """Bytes this page should weigh: `size_kb` from the source, else a draw around 95 KB
        with the spread of real pages (lognormal, clipped to 66..340 KB)."""
        size_kb = self.src.fields.get("size_kb")
        if isinstance(size_kb, int):
            return size_kb * 1024
        draw = self.rng.lognormvariate(math.log(95), 0.5)
        return int(min(max(draw, 66), 340) * 1024)


def _blocks(text: str) -> list[list[str]]:
    """Source body blocks: runs of non-blank lines; a fenced code block keeps its blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    fenced = False
    for line in text.strip("\n").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line.rstrip())
    if current:
        blocks.append(current)
    return blocks


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block) for block in _blocks(text)]
