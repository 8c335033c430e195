"""Non-article families: Discourse and phpBB forums, a Shopify-style shop, MediaWiki, a
documentation generator, and a legacy table layout.

Forum threads carry their body in `posts` (each post's author and date are byline-meta, its
reply buttons share-bar); shops in `body` (description and specification) with reviews as
`comments`.
"""

from __future__ import annotations

import html
import json

from scripts.gold_pages import bulk
from scripts.gold_pages.articles import _masthead
from scripts.gold_pages.builder import Builder, esc
from scripts.gold_pages.document import assemble, head, script_safe


def _posts(b: Builder, *, cls: str, phpbb: bool) -> str:
    out = []
    posts = b.src.tables("posts", ("author", "date", "text"))
    for number, post in enumerate(posts):
        b.label("byline-meta", [post["author"], post["date"]])
        subject = ""
        if phpbb:
            subject = b.block("title", (b.src.text("reply_prefix", "Re:") + " " if number else "")
                              + b.src.text("headline"), cls="post-subject", tag="h3")
        out.append(
            f'<div id="post_{number + 1}" class="{cls}" itemprop="comment" itemscope>'
            f'<div class="{cls}-meta"><div class="creator" itemprop="author">'
            f'<a href="/u/{bulk.ident(b.rng, 7).lower()}">{esc(post["author"])}</a></div>'
            f'<time itemprop="datePublished">{esc(post["date"])}</time></div>{subject}'
            f'<div class="{cls}-text content" itemprop="text">'
            + b.body_html(post["text"], cls=cls) + "</div>"
            + b.items("share-bar", b.src.lines("reply"), cls=f"{cls}-actions", link=False)
            + "</div>")
    out.append(b.items("navigation", b.src.lines("pagination"), cls="pagination"))
    return "".join(out)


def _thread(b: Builder, *, title: tuple[str, str], posts_cls: str, prompt_cls: str,
            phpbb: bool) -> str:
    """A forum page's content: the thread's title, its posts, the reply buttons below them."""
    return (b.block("title", b.src.text("headline"), cls=title[0], tag=title[1])
            + _posts(b, cls=posts_cls, phpbb=phpbb)
            + b.items("comment-prompt", b.src.lines("comment_prompt"), cls=prompt_cls,
                      link=False))


def discourse(b: Builder) -> str:
    preloaded = {"site": bulk.config_blob(b.rng, 12000),
                 "topic_list": [{"id": b.rng.randint(10**4, 10**6), "slug": bulk.ident(b.rng, 12)}
                                for _ in range(40)]}
    content = (
        '<div id="data-preloaded" data-preloaded="'
        + html.escape(json.dumps(preloaded), quote=True) + '"></div>'
        '<section id="main" class="ember-application"><div id="main-outlet" class="wrap">'
        + _masthead(b, cls="d-header") + b.breadcrumbs(cls="category-breadcrumb")
        + '<div itemscope itemtype="http://schema.org/DiscussionForumPosting" class="topic-area">'
        + _thread(b, title=("fancy-title", "h1"), posts_cls="topic-body crawler-post",
                  prompt_cls="topic-footer-buttons", phpbb=False)
        + b.heading_box("related-links", "related_title", "related", cls="suggested-topics")
        + "</div></div></section>" + b.footer(cls="crawler-footer")
        + b.consent(cls="cookie-notice"))
    return assemble(b, html_attrs='class="desktop-view not-mobile-device"', head_html=head(b),
                    body_attrs='class="crawler"', content=content, chunk="discourseChunk",
                    classes=("d-header", "topic-body", "crawler-post", "topic-list",
                             "category-breadcrumb", "fancy-title", "suggested-topics",
                             "btn-flat", "d-icon", "topic-footer-buttons"))


def phpbb(b: Builder) -> str:
    content = (
        '<div id="wrap" class="wrap"><a id="top" class="top-anchor" accesskey="t"></a>'
        '<div id="page-header"><div class="headerbar" role="banner">'
        + _masthead(b, cls="navbar") + "</div>" + b.breadcrumbs(cls="navlinks")
        + '</div><div id="page-body" class="page-body" role="main">'
        + _thread(b, title=("topic-title", "h2"), posts_cls="post has-profile bg2",
                  prompt_cls="action-bar bar-bottom", phpbb=True)
        + b.heading_box("trending-list", "trending_title", "trending", cls="forum-list")
        + "</div>" + b.footer(cls="page-footer") + "</div>" + b.consent(cls="cookie-notice"))
    return assemble(b, html_attrs='dir="ltr"', head_html=head(b), css_share=0.7,
                    body_attrs='id="phpbb" class="nojs notouch section-viewtopic ltr"',
                    content=content, chunk="phpbbChunk",
                    classes=("wrap", "headerbar", "navbar", "navlinks", "postprofile",
                             "postbody", "content", "bg1", "bg2", "button", "action-bar",
                             "pagination", "topiclist", "forabg"))


def shop(b: Builder) -> str:
    src = b.src
    product = {"id": b.rng.randint(10**12, 10**13), "handle": src.text("id"),
               "variants": [{"id": b.rng.randint(10**12, 10**13), "sku": bulk.ident(b.rng, 9),
                             "price": b.rng.randint(900, 90000), "available": True}
                            for _ in range(8)],
               "images": [f"//{b.domain}/cdn/shop/files/{bulk.ident(b.rng, 16)}.jpg"
                          for _ in range(10)]}
    data = ('<script type="application/json" id="ProductJson-main">'
            + script_safe(json.dumps(product)) + "</script><script>var meta = "
            + script_safe(json.dumps({"product": product, "page": {"pageType": "product"}}))
            + ";window.ShopifyAnalytics=window.ShopifyAnalytics||{};"
            "window.ShopifyAnalytics.meta=meta;</script>")
    content = (
        '<div id="shopify-section-header" class="shopify-section section-header">'
        + _masthead(b, cls="header") + "</div>" + b.breadcrumbs(cls="breadcrumbs")
        + '<main id="MainContent" class="content-for-layout"><section id="shopify-section-main"'
        ' class="shopify-section section"><div class="product product--large grid">'
        '<div class="product__media-wrapper">'
        + "".join(b.figure(caption, cls="product__media") for caption in src.lines("gallery"))
        + '</div><div class="product__info-wrapper">'
        + b.block("title", src.text("headline"), cls="product__title", tag="h1")
        + b.items("other", src.lines("price"), cls="price__container", link=False)
        + b.items("other", src.lines("cart"), cls="product-form__buttons", link=False)
        + '<div class="product__description rte">' + b.body_html(src.text("body"), cls="rte")
        + "</div>" + b.share(cls="share-button") + "</div></div></section>"
        + b.comments(cls="spr-reviews")
        + b.heading_box("related-links", "related_title", "related", cls="product-recommendations")
        + "</main>" + b.newsletter(cls="newsletter-form") + b.footer(cls="footer")
        + b.consent(cls="shopify-pc__banner"))
    return assemble(b, html_attrs='class="no-js"', head_html=head(b), data_scripts=data,
                    body_attrs='class="gradient template-product"', content=content,
                    chunk="shopifyChunk",
                    classes=("shopify-section", "header", "product", "product__info-wrapper",
                             "price", "product-form", "rte", "spr-reviews", "card-wrapper",
                             "grid__item", "footer", "button--primary"))


def mediawiki(b: Builder) -> str:
    src = b.src
    body = b.body_html(src.text("body"), cls="mw")
    rlconf = {"wgPageName": src.text("headline"), "wgArticleId": b.rng.randint(10**4, 10**7),
              "wgContentLanguage": src.text("language"), "wgServer": f"//{b.domain}",
              "wgModules": [f"ext.{bulk.ident(b.rng, 8).lower()}" for _ in range(60)],
              "config": bulk.config_blob(b.rng, 5000)}
    data = ("<script>(RLQ=window.RLQ||[]).push(function(){mw.config.set("
            + script_safe(json.dumps(rlconf, ensure_ascii=False)) + ");});</script>")
    content = (
        '<div id="mw-page-base" class="noprint"></div><div id="content" class="mw-body" '
        'role="main">' + b.block("title", src.text("headline"), cls="firstHeading", tag="h1")
        + '<div id="bodyContent" class="vector-body">'
        + b.block("byline-meta", src.text("byline"), cls="siteSub")
        + '<div id="mw-content-text" class="mw-body-content"><div class="mw-parser-output">'
        + b.toc(cls="toc") + body + "</div></div>"
        + b.items("byline-meta", src.lines("tags"), cls="catlinks") + "</div></div>"
        '<div id="mw-navigation"><div id="mw-panel" class="vector-legacy-sidebar">'
        + _masthead(b, cls="mw-portlet") + "</div></div>" + b.footer(cls="mw-footer"))
    return assemble(b, html_attrs='class="client-nojs vector-feature-toc-pinned-enabled"',
                    head_html=head(b), data_scripts=data, content=content, chunk="mwChunk",
                    body_attrs='class="mediawiki ltr sitedir-ltr mw-hide-empty-elt ns-0 '
                    'page-Main skin-vector action-view"',
                    classes=("mw-body", "mw-parser-output", "toc", "tocnumber", "mw-headline",
                             "mw-editsection", "infobox", "thumb", "thumbinner", "catlinks",
                             "vector-menu", "mw-portlet", "reference", "navbox"))


def docs(b: Builder) -> str:
    src = b.src
    body = b.body_html(src.text("body"), cls="markdown")
    content = (
        '<div id="__docusaurus"><div role="region" aria-label="skip">'
        + _masthead(b, cls="navbar") + '</div><div class="main-wrapper docs-wrapper">'
        '<aside class="theme-doc-sidebar-container"><nav class="menu thin-scrollbar">'
        + b.items("navigation", src.lines("sidebar"), cls="menu__list")
        + '</nav></aside><main class="docMainContainer"><div class="row"><div class="col">'
        + b.breadcrumbs(cls="breadcrumbs")
        + '<article><div class="theme-doc-markdown markdown">'
        + b.block("title", src.text("headline"), cls="docTitle", tag="h1") + body
        + "</div></article>" + b.share(cls="theme-edit-this-page")
        + b.heading_box("navigation", "next_title", "next_article", cls="pagination-nav")
        + '</div><div class="col col--3">' + b.toc(cls="table-of-contents")
        + "</div></div></main></div>" + b.footer(cls="footer") + "</div>")
    return assemble(b, html_attrs='data-theme="light" data-has-hydrated="false"',
                    head_html=head(b), body_attrs='class="navigation-with-keyboard"',
                    content=content, chunk="webpackChunkdocs",
                    classes=("navbar", "menu__list", "menu__link", "theme-doc-markdown",
                             "markdown", "table-of-contents", "pagination-nav", "breadcrumbs",
                             "docMainContainer", "codeBlockContainer", "token", "admonition"))


def table(b: Builder) -> str:
    """A 2000s portal: nested layout tables, font tags, spacer images, inline handlers."""
    src = b.src
    spacer = '<img src="/img/spacer.gif" width="1" height="1" border="0" alt="">'
    menu = "".join(
        f'<tr><td class="menu" onmouseover="this.className=\'menuover\'" '
        f'onmouseout="this.className=\'menu\'">{spacer}<a href="/{bulk.ident(b.rng, 6)}.asp">'
        f'<font face="Verdana" size="2">{esc(entry)}</font></a></td></tr>'
        for entry in src.lines("menu"))
    b.label("navigation", src.lines("menu"))
    content = (
        '<table width="100%" border="0" cellpadding="0" cellspacing="0" bgcolor="#FFFFFF"><tr>'
        '<td colspan="3" height="90">' + b.block("navigation", src.text("site"), cls="logo")
        + '</td></tr><tr><td width="160" valign="top"><table width="160" border="0" '
        f'cellpadding="2" cellspacing="0">{menu}</table>'
        + b.advert(cls="banner") + '</td><td width="10">' + spacer + '</td><td valign="top">'
        '<table width="100%" border="0" cellpadding="4"><tr><td class="text">'
        + b.block("title", src.text("headline"), cls="titulo", tag="h1")
        + b.block("byline-meta", src.text("dateline"), cls="fecha")
        + b.body_html(src.text("body"), cls="text")
        + b.share(cls="herramientas") + b.comments(cls="opiniones")
        + "</td></tr></table></td></tr></table>"
        + b.heading_box("related-links", "related_title", "related", cls="masnoticias")
        + b.footer(cls="pie"))
    return assemble(b, html_attrs="", head_html=head(b), body_attrs='leftmargin="0" '
                    'topmargin="0" marginwidth="0" marginheight="0"', content=content,
                    css_share=0.3, chunk="portalChunk",
                    classes=("menu", "menuover", "text", "titulo", "fecha", "banner", "pie",
                             "masnoticias", "herramientas"))
