"""The document around a family's visible markup: `<head>` metadata, JSON-LD, and the invisible
bulk (styles, bundles, data scripts) sized so the page weighs what the source asks for."""

from __future__ import annotations

import json

from scripts.gold_pages import bulk
from scripts.gold_pages.builder import Builder, esc

_SCHEMA_TYPES = {"news": "NewsArticle", "blog": "BlogPosting", "opinion": "OpinionNewsArticle",
                 "forum": "DiscussionForumPosting", "product": "Product", "recipe": "Recipe",
                 "documentation": "TechArticle", "encyclopedia": "Article",
                 "listing": "CollectionPage", "live-blog": "LiveBlogPosting",
                 "press-release": "NewsArticle"}


def json_ld(b: Builder, *, with_body: bool) -> str:
    """The page's JSON-LD graph; `articleBody` only for a `json-ld-body` page."""
    src = b.src
    url = src.text("url")
    article: dict[str, object] = {
        "@type": _SCHEMA_TYPES[src.text("page_type")], "@id": f"{url}#article",
        "headline": src.text("headline"), "inLanguage": src.text("language"),
        "datePublished": src.text("published", "2025-03-14T08:30:00+00:00"),
        "author": {"@type": "Person", "name": src.text("author", src.text("byline"))},
        "publisher": {"@id": f"https://{b.domain}/#organization"},
        "image": {"@type": "ImageObject", "url": f"https://{b.domain}/media/"
                  f"{bulk.ident(b.rng, 14).lower()}.jpg", "width": 1200, "height": 675},
        "mainEntityOfPage": url}
    if with_body:
        article["articleBody"] = "\n\n".join(b.body)
    graph = [article,
             {"@type": "Organization", "@id": f"https://{b.domain}/#organization",
              "name": src.text("site"), "url": f"https://{b.domain}/",
              "logo": {"@type": "ImageObject", "url": f"https://{b.domain}/logo.png"},
              "sameAs": [f"https://www.facebook.com/{bulk.ident(b.rng, 9)}",
                         f"https://x.com/{bulk.ident(b.rng, 9)}"]},
             {"@type": "BreadcrumbList", "itemListElement": [
                 {"@type": "ListItem", "position": n, "name": name, "item": f"https://{b.domain}/"}
                 for n, name in enumerate(src.lines("breadcrumbs"), start=1)]},
             {"@type": "WebSite", "@id": f"https://{b.domain}/#website", "url": f"https://{b.domain}/",
              "potentialAction": {"@type": "SearchAction",
                                  "target": f"https://{b.domain}/?s={{search_term_string}}",
                                  "query-input": "required name=search_term_string"}}]
    payload = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    return '<script type="application/ld+json">' + script_safe(payload) + "</script>"


def script_safe(payload: str) -> str:
    """JSON that cannot end its `<script>` element early."""
    return payload.replace("</", "<\\/")


def head(b: Builder, *, extra: str = "") -> str:
    """Head metadata as CMSs print it: charset, SEO tags, Open Graph, preloads, JSON-LD (with
    the body only on a `json-ld-body` page)."""
    src = b.src
    charset = src.text("meta_charset", src.text("charset", "utf-8"))
    description = src.text("standfirst") or src.text("headline")
    preloads = "".join(f'<link rel="preload" as="script" href="https://{b.domain}/_static/'
                       f'{bulk.ident(b.rng, 12).lower()}.js">' for _ in range(6))
    return (
        f'<meta charset="{esc(charset)}"><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><title>{esc(src.text("title"))}</title>'
        f'<meta name="description" content="{esc(description)}">'
        f'<link rel="canonical" href="{esc(src.text("url"))}">'
        f'<meta property="og:title" content="{esc(src.text("headline"))}">'
        f'<meta property="og:description" content="{esc(description)}">'
        f'<meta property="og:url" content="{esc(src.text("url"))}">'
        f'<meta property="og:site_name" content="{esc(src.text("site"))}">'
        '<meta name="twitter:card" content="summary_large_image">'
        f'<meta name="robots" content="index, follow, max-image-preview:large">{preloads}'
        f'<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>'
        + json_ld(b, with_body="json-ld-body" in src.hard_cases) + extra)


def assemble(b: Builder, *, html_attrs: str, head_html: str, body_attrs: str, content: str,
             classes: tuple[str, ...], data_scripts: str = "", chunk: str = "webpackChunk",
             css_share: float = 0.45) -> str:
    """The full document: head with style blocks and inline analytics, body with the family's
    markup followed by bundle chunks, padded with invisible bulk to the target size."""
    src = b.src
    direction = ' dir="rtl"' if src.rtl else ""
    fixed = (len(head_html.encode()) + len(content.encode()) + len(data_scripts.encode()) + 4000)
    spare = max(b.target_size() - fixed, 8000)
    css_size = int(spare * css_share)
    script_size = spare - css_size
    styles = "".join(f'<style id="{bulk.ident(b.rng, 8).lower()}-css">'
                     f"{bulk.stylesheet(b.rng, classes, css_size // 3)}</style>" for _ in range(3))
    sprite = bulk.icon_sprite(b.rng, ("search", "menu", "close", "facebook", "x", "whatsapp",
                                      "mail", "print", "chevron", "user", "play", "clock"))
    chunks = "".join(f'<script id="chunk-{n}">'
                     f"{bulk.script_bundle(b.rng, script_size // 3, chunk=chunk)}</script>"
                     for n in range(3))
    return (f'<!DOCTYPE html>\n<html lang="{esc(src.text("language"))}"{direction} {html_attrs}>'
            f"<head>{head_html}{styles}<script>{bulk.analytics(b.rng, b.domain)}</script>"
            f"<script>{bulk.ad_config(b.rng, 6)}</script></head>\n"
            f"<body {body_attrs}>{sprite}\n{content}\n{data_scripts}{chunks}</body></html>\n")
