"""Article families: a WordPress theme, a Drupal site, a Next.js app, a Nuxt app, an AMP page.

They share one reading order (header and mega-menu, breadcrumbs, headline block, body, tags,
comments, rails, footer) and differ in what real systems emit around it: wrappers, class
names, the data script holding the page's state, the head's plugin output.
"""

from __future__ import annotations

import json
import re

from scripts.gold_pages import bulk
from scripts.gold_pages.builder import Builder, esc
from scripts.gold_pages.document import assemble, head, script_safe


def _masthead(b: Builder, *, cls: str) -> str:
    src = b.src
    return (f'<header id="masthead" class="{cls}">'
            + b.block("navigation", src.text("skip"), cls="skip-link screen-reader-text", tag="a")
            + b.block("navigation", src.text("site"), cls=f"{cls}__brand", tag="p")
            + b.block("navigation", src.text("search"), cls=f"{cls}__search", tag="button")
            + b.megamenu(cls=f"{cls}-menu") + "</header>")


def _headline(b: Builder, *, cls: str) -> str:
    src = b.src
    return (f'<header class="{cls}-header">' + b.breadcrumbs(cls=f"{cls}-breadcrumbs")
            + b.block("title", src.text("headline"), cls=f"{cls}-title", tag="h1")
            + b.block("title", src.text("standfirst"), cls=f"{cls}-standfirst", tag="p")
            + b.block("byline-meta", src.text("byline"), cls=f"{cls}-byline")
            + b.block("byline-meta", src.text("dateline"), cls=f"{cls}-date", tag="time")
            + b.share(cls=f"{cls}-share") + "</header>")


def _entries(b: Builder, *, cls: str) -> str:
    """Live-blog entries: the time stamp is byline-meta, the text body."""
    out = []
    for entry in b.src.tables("entries", ("time", "text")):
        out.append(f'<article class="{cls}-entry"><time class="{cls}-entry__time">'
                   f'{esc(entry["time"])}</time>{b.body_html(entry["text"], cls=cls)}</article>')
        b.label("byline-meta", [entry["time"]])
    return "".join(out)


def _after_body(b: Builder, *, cls: str) -> str:
    src = b.src
    return (b.items("navigation", src.lines("pagination"), cls=f"{cls}-pagination")
            + b.items("byline-meta", src.lines("tags"), cls=f"{cls}-tags")
            + b.share(cls=f"{cls}-share-bottom")
            + b.items("comment-prompt", src.lines("comment_prompt"), cls=f"{cls}-respond",
                      link=False)
            + b.comments(cls=f"{cls}-comments")
            + b.heading_box("related-links", "next_title", "next_article",
                            cls=f"{cls}-next-article"))


def _rail(b: Builder, *, cls: str) -> str:
    return (f'<aside class="{cls}">' + b.advert(cls=f"{cls}-ad")
            + b.heading_box("trending-list", "trending_title", "trending", cls=f"{cls}-popular",
                            numbered=True)
            + b.heading_box("related-links", "related_title", "related", cls=f"{cls}-related")
            + "</aside>")


SCRIPT_ONLY = frozenset({"json-ld-body", "next-data-body", "nuxt-data-body"})
"""Hard cases whose body is only in a script: the article shows skeleton lines instead."""


def _article(b: Builder, *, cls: str) -> tuple[str, str]:
    """Headline block, body (or a skeleton for a client-rendered body), and what follows."""
    src = b.src
    visible_body = not SCRIPT_ONLY & set(src.hard_cases)
    labeled = len(b.snippets)
    body = b.body_html(src.text("body"), cls=cls) + _entries(b, cls=cls)
    if not visible_body:  # the slots and entry times rendered into the body are not shown
        del b.snippets[labeled:]
        b.body_shown = False
    toc = b.toc(cls=f"{cls}-toc") if src.fields.get("toc") and visible_body else ""
    if not visible_body:
        body = "".join('<div class="skeleton skeleton--line" style="width:'
                       f'{b.rng.randint(60, 99)}%"></div>' for _ in range(12))
    return _headline(b, cls=cls) + toc, body + _after_body(b, cls=cls)


_WP_CLASSES = ("site", "site-header", "site-branding", "main-navigation", "menu-item",
               "sub-menu", "entry-header", "entry-title", "entry-meta", "entry-content",
               "entry-footer", "post-thumbnail", "wp-block-image", "wp-block-quote",
               "wp-block-group", "widget", "widget-area", "widget_recent_entries", "comment-list",
               "comment-body", "comment-respond", "site-footer", "sharedaddy", "jp-relatedposts",
               "screen-reader-text", "has-text-align-center", "alignwide", "wp-element-caption")


def wordpress(b: Builder) -> str:
    header, rest = _article(b, cls="entry")
    post = b.rng.randint(1000, 99999)
    emoji = json.dumps({"baseUrl": "https://s.w.org/images/core/emoji/15.0.3/72x72/",
                        "ext": ".png", "source": {"concatemoji": f"https://{b.domain}/wp-includes"
                                                  "/js/wp-emoji-release.min.js?ver=6.5.3"}})
    extra = ("<!-- This site is optimized with the Yoast SEO plugin v22.7 -->"
             f"<script>window._wpemojiSettings = {emoji};</script>"
             "<link rel='stylesheet' id='wp-block-library-css' href='/wp-includes/css/dist/"
             "block-library/style.min.css?ver=6.5.3' media='all'>")
    content = (
        f'<div id="page" class="site">{b.consent(cls="cmplz-cookiebanner")}'
        + _masthead(b, cls="site-header")
        + '<div id="content" class="site-content"><div class="ast-container">'
        f'<main id="main" class="site-main"><article id="post-{post}" class="post-{post} post '
        'type-post status-publish format-standard has-post-thumbnail hentry">'
        f'{header}<div class="entry-content">{rest}</div></article></main>'
        + _rail(b, cls="widget-area") + "</div></div>" + b.newsletter(cls="mc4wp-form")
        + b.footer(cls="site-footer") + "</div>")
    return assemble(b, html_attrs='class="no-js"', head_html=head(b, extra=extra),
                    body_attrs=f'class="post-template-default single single-post postid-{post} '
                    'single-format-standard wp-embed-responsive"', content=content,
                    classes=_WP_CLASSES, chunk="wpJsonpElementor")


_DRUPAL_CLASSES = ("layout-container", "region", "region-header", "region-content", "block",
                   "block-system-branding-block", "block-menu", "menu--main", "node",
                   "node--type-article", "node--view-mode-full", "field", "field--name-body",
                   "field--type-text-with-summary", "field__item", "views-row", "views-field",
                   "pager", "visually-hidden", "contextual", "tabs", "messages")


def drupal(b: Builder) -> str:
    header, rest = _article(b, cls="node")
    settings = {"path": {"baseUrl": "/", "currentPath": f"node/{b.rng.randint(1000, 99999)}",
                         "currentLanguage": b.src.text("language")},
                "ajaxPageState": {"libraries": bulk.ident(b.rng, 400), "theme": "olivero"},
                "config": bulk.config_blob(b.rng, 6000)}
    data = ('<script type="application/json" data-drupal-selector="drupal-settings-json">'
            + script_safe(json.dumps(settings)) + "</script>")
    content = (
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>'
        '<div class="layout-container">' + _masthead(b, cls="region region-header")
        + '<main role="main"><div class="region region-content">'
        '<article role="article" class="node node--type-article node--promoted '
        f'node--view-mode-full">{header}<div class="node__content"><div class="clearfix '
        'text-formatted field field--name-body field--type-text-with-summary '
        f'field--label-hidden field__item">{rest}</div></div></article></div></main>'
        + _rail(b, cls="region region-sidebar") + b.newsletter(cls="simplenews-subscriber-form")
        + b.footer(cls="site-footer") + "</div></div>" + b.consent(cls="eu-cookie-compliance"))
    return assemble(b, html_attrs='dir="ltr" prefix="og: https://ogp.me/ns#"',
                    head_html=head(b), body_attrs='class="path-node page-node-type-article"',
                    content=content, classes=_DRUPAL_CLASSES, data_scripts=data)


def _hashed(rng_b: Builder, names: tuple[str, ...]) -> dict[str, str]:
    """CSS-module class names as Next.js builds them: `Module_name__hash`."""
    return {name: f"{name}__{bulk.ident(rng_b.rng, 5)}" for name in names}


def _blocks_data(b: Builder) -> list[dict[str, str]]:
    return [{"type": "paragraph", "html": esc(p), "text": p} for p in b.body]


def nextjs(b: Builder) -> str:
    c = _hashed(b, ("Layout_root", "Header_bar", "Article_main", "ArticleBody_body",
                    "Rail_rail", "Footer_footer", "Consent_box"))
    header, rest = _article(b, cls=c["Article_main"])
    props = {"props": {"pageProps": {"article": {
        "id": bulk.ident(b.rng, 24), "headline": b.src.text("headline"),
        "blocks": _blocks_data(b), "section": b.src.lines("breadcrumbs")}},
        "__N_SSP": True}, "page": "/[section]/[slug]",
        "query": {"slug": b.src.text("id")}, "isFallback": False,
        "runtimeConfig": bulk.config_blob(b.rng, 9000)}
    data = ('<script id="__NEXT_DATA__" type="application/json">'
            + script_safe(json.dumps(props, ensure_ascii=False)) + "</script>")
    content = (
        f'<div id="__next"><div class="{c["Layout_root"]}">'
        + _masthead(b, cls=c["Header_bar"])
        + f'<main><article class="{c["Article_main"]}">{header}'
        f'<div class="{c["ArticleBody_body"]}">{rest}</div></article>'
        + _rail(b, cls=c["Rail_rail"]) + "</main>" + b.newsletter(cls="newsletter-signup")
        + b.footer(cls=c["Footer_footer"]) + b.consent(cls=c["Consent_box"]) + "</div></div>")
    return assemble(b, html_attrs="", head_html=head(b), body_attrs="", content=content,
                    classes=tuple(c.values()), data_scripts=data, chunk="webpackChunk_N_E")


def nuxt(b: Builder) -> str:
    scope = f"data-v-{bulk.ident(b.rng, 8).lower()}"
    header, rest = _article(b, cls="article-page")
    payload: list[object] = [["ShallowReactive", 1], {"data": 2, "state": 3}, {"article": 4},
                             {"config": bulk.config_blob(b.rng, 7000)},
                             {"title": 5, "paragraphs": 6}, b.src.text("headline"),
                             list(range(7, 7 + len(b.body))), *b.body]
    data = ('<script type="application/json" id="__NUXT_DATA__" data-ssr="true">'
            + script_safe(json.dumps(payload, ensure_ascii=False)) + "</script>"
            '<script>window.__NUXT__={};window.__NUXT__.config={public:{apiBase:"/api"},'
            'app:{baseURL:"/",buildAssetsDir:"/_nuxt/",cdnURL:""}}</script>')
    content = (
        f'<div id="__nuxt"><div id="__layout"><div {scope} class="app-shell">'
        + _masthead(b, cls="app-header")
        + f'<main {scope} class="page-main"><article {scope} class="article-page">{header}'
        f'<div {scope} class="article-page__body">{rest}</div></article>'
        + _rail(b, cls="page-rail") + "</main>" + b.newsletter(cls="nl-box")
        + b.footer(cls="app-footer") + b.consent(cls="cookie-consent") + "</div></div></div>")
    return assemble(b, html_attrs='data-n-head-ssr=""', head_html=head(b), body_attrs="",
                    content=content, data_scripts=data, chunk="nuxtChunk",
                    classes=("app-shell", "app-header", "page-main", "article-page",
                             "page-rail", "app-footer", "cookie-consent", "nl-box", "nuxt-link"))


def amp(b: Builder) -> str:
    header, rest = _article(b, cls="amp-article")
    analytics = json.dumps({"vars": {"account": f"UA-{b.rng.randint(10**6, 10**7)}-1"},
                            "triggers": {"trackPageview": {"on": "visible",
                                                           "request": "pageview"}}})
    consent = b.consent(cls="amp-consent-ui").replace(
        '<iframe name="__tcfapiLocator" style="display:none" title="cmp"></iframe>', "")
    content = (
        '<amp-analytics type="gtag" data-credentials="include"><script type="application/json">'
        f"{analytics}</script></amp-analytics>"
        '<amp-consent id="consent" layout="nodisplay">' + consent + "</amp-consent>"
        + _masthead(b, cls="amp-header") + f'<main id="content"><article class="amp-article">'
        f"{header}{rest}</article>" + _rail(b, cls="amp-rail") + "</main>"
        + b.footer(cls="amp-footer"))
    content = re.sub(r"<img ([^>]*)>(?!</noscript>)", r'<amp-img layout="responsive" \1></amp-img>',
                     content)
    extra = ('<script async src="https://cdn.ampproject.org/v0.js"></script>'
             '<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/'
             'amp-ad-0.1.js"></script><style amp-boilerplate>body{-webkit-animation:'
             "-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) "
             "0s 1 normal both}@keyframes -amp-start{from{visibility:hidden}to{visibility:"
             "visible}}</style>")
    return assemble(b, html_attrs="amp", head_html=head(b, extra=extra), body_attrs="",
                    content=content, css_share=0.7,
                    classes=("amp-header", "amp-article", "amp-rail", "amp-footer",
                             "amp-consent-ui", "i-amphtml-sizer", "amp-carousel-button"))
