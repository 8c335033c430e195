"""The invisible weight of a real page: style blocks, script bundles, icon sprites, data scripts.

Real pages are heavy because of markup, CSS and JavaScript, not because of text. Everything made
here is invisible to a reader and to `visible_text` (inside `<style>`, `<script>`, `<svg>`), and
holds no prose: identifiers, class names, numbers, URLs. A seeded `random.Random` makes each
page's bytes the same on every render.
"""

from __future__ import annotations

import json
import random
import string

_PROPERTIES = (
    "display:flex", "display:grid", "display:block", "display:inline-flex", "position:relative",
    "position:absolute", "position:sticky", "top:0", "left:0", "right:0", "z-index:{n}",
    "margin:0", "margin:0 auto", "margin-top:{n}px", "margin-bottom:{n}px", "padding:{n}px",
    "padding:{n}px {m}px", "gap:{n}px", "width:100%", "max-width:{w}px", "min-height:{n}px",
    "font-size:{f}rem", "font-weight:{fw}", "line-height:{lh}", "letter-spacing:.0{n}em",
    "color:#{hex}", "background:#{hex}", "background-color:rgba({n},{m},{n},.{n})",
    "border:1px solid #{hex}", "border-bottom:{n}px solid #{hex}", "border-radius:{n}px",
    "box-shadow:0 {n}px {m}px rgba(0,0,0,.{n})", "overflow:hidden", "text-overflow:ellipsis",
    "white-space:nowrap", "transition:opacity .{n}s ease-in-out", "transform:translateY(-{n}px)",
    "align-items:center", "justify-content:space-between", "flex-wrap:wrap", "flex:1 1 auto",
    "grid-template-columns:repeat({n},minmax(0,1fr))", "aspect-ratio:16/9", "object-fit:cover",
    "cursor:pointer", "opacity:.{n}", "text-transform:uppercase", "text-decoration:none",
    "visibility:hidden", "pointer-events:none", "content:\"\"", "inset:0",
)
_PSEUDO = ("", "", "", ":hover", ":focus-visible", ":before", ":after", ":first-child",
           ":not(:last-child)", "[aria-expanded=true]", "[data-theme=dark]", ".is-active")
_BREAKPOINTS = (480, 600, 768, 782, 960, 1024, 1200, 1440)


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        n=rng.randint(1, 9), m=rng.randint(10, 48), w=rng.choice((640, 720, 960, 1140, 1280)),
        f=rng.choice(("0.75", "0.875", "1", "1.125", "1.25", "1.5", "2")),
        fw=rng.choice((400, 500, 600, 700, 800)), lh=rng.choice(("1.2", "1.4", "1.5", "1.65")),
        hex="".join(rng.choice("0123456789abcdef") for _ in range(6)))


def ident(rng: random.Random, length: int = 6) -> str:
    """A short identifier, like a bundler's mangled name or a hashed class suffix."""
    first = rng.choice(string.ascii_letters)
    return first + "".join(rng.choice(string.ascii_letters + string.digits)
                           for _ in range(length - 1))


def stylesheet(rng: random.Random, classes: tuple[str, ...], size: int) -> str:
    """CSS rules for the family's class names (and hashed variants) until about `size` bytes."""
    rules: list[str] = []
    total = 0
    while total < size:
        base = rng.choice(classes)
        selector = f".{base}{rng.choice(_PSEUDO)}"
        if rng.random() < 0.3:
            selector = f".{rng.choice(classes)} {selector}"
        if rng.random() < 0.2:
            selector = f".{base}__{ident(rng, 5).lower()}"
        body = ";".join(_fill(rng, rng.choice(_PROPERTIES)) for _ in range(rng.randint(2, 7)))
        rule = f"{selector}{{{body}}}"
        if rng.random() < 0.25:
            rule = f"@media (min-width:{rng.choice(_BREAKPOINTS)}px){{{rule}}}"
        rules.append(rule)
        total += len(rule) + 1
    return "\n".join(rules)


_STATEMENTS = (
    "var {a}={b}.{c}||function({d}){{return {d}&&{d}.__esModule?{d}.default:{d}}};",
    "{a}.d({b},{{{c}:function(){{return {d}}}}});",
    "function {a}({b},{c}){{if(!({b} instanceof {c}))throw new TypeError(\"{e}\")}}",
    "const {a}=({b},{c})=>{b}.reduce(({d},{e})=>({{...{d},[{e}.id]:{e}}}),{c});",
    "{a}.prototype.{b}=function({c}){{this.{d}=this.{d}||[];this.{d}.push({c});return this}};",
    "if(typeof window!==\"undefined\"&&window.{a}){{window.{a}.{b}(\"{e}\",{n})}}",
    "let {a}=document.querySelectorAll(\"[data-{e}]\");for(let {b}=0;{b}<{a}.length;{b}++)"
    "{{{a}[{b}].setAttribute(\"data-{c}\",\"{n}\")}}",
    "{a}=Object.assign({{}},{b},{{{c}:{n},{d}:!{n}}});",
    "switch({a}.type){{case \"{e}\":return{{...{b},{c}:{a}.payload}};default:return {b}}}",
    "{a}.addEventListener(\"{ev}\",function({b}){{{b}.preventDefault();{c}({b}.target)}},"
    "{{passive:!0}});",
    "return Promise.all([{a}.e({n}),{a}.e({m})]).then({a}.bind({a},{n}{m}));",
    "try{{localStorage.setItem(\"{e}\",JSON.stringify({a}))}}catch({b}){{}}",
    "{a}.exports={{{b}:\"{e}\",{c}:[{n},{m},{n}],{d}:null}};",
)
_EVENTS = ("click", "scroll", "resize", "keydown", "load", "visibilitychange", "focusin")


def _statement(rng: random.Random) -> str:
    names = {key: ident(rng, rng.randint(1, 3)) for key in "abcd"}
    return rng.choice(_STATEMENTS).format(
        **names, e=f"{ident(rng, 4).lower()}-{ident(rng, 3).lower()}", n=rng.randint(0, 999),
        m=rng.randint(1000, 9999), ev=rng.choice(_EVENTS))


def script_bundle(rng: random.Random, size: int, *, chunk: str = "webpackChunk") -> str:
    """A minified bundler chunk of about `size` bytes: modules of mangled statements."""
    modules: list[str] = []
    total = 0
    while total < size:
        statements = "".join(_statement(rng) for _ in range(rng.randint(4, 14)))
        module = f"{rng.randint(100, 99999)}:function(e,t,n){{\"use strict\";{statements}}}"
        modules.append(module)
        total += len(module) + 1
    return (f"(self.{chunk}=self.{chunk}||[]).push([[{rng.randint(100, 999)}],"
            f"{{{','.join(modules)}}}]);")


def icon_sprite(rng: random.Random, names: tuple[str, ...]) -> str:
    """An inline SVG sprite (hidden), one symbol per icon name, with path data."""
    symbols = []
    for name in names:
        points = " ".join(f"{rng.choice('MLCQ')}{rng.uniform(0, 24):.2f} {rng.uniform(0, 24):.2f}"
                          for _ in range(rng.randint(12, 40)))
        symbols.append(f'<symbol id="icon-{name}" viewBox="0 0 24 24"><path d="{points}Z"/>'
                       "</symbol>")
    return ('<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">'
            + "".join(symbols) + "</svg>")


def config_blob(rng: random.Random, size: int) -> dict[str, object]:
    """A build/runtime configuration object of about `size` bytes of JSON: chunk maps,
    feature flags, experiment buckets; ids and numbers only."""
    blob: dict[str, object] = {"buildId": ident(rng, 21), "assetPrefix": "/_static",
                               "features": {}, "chunks": {}, "experiments": []}
    features, chunks = blob["features"], blob["chunks"]
    assert isinstance(features, dict) and isinstance(chunks, dict)
    experiments = blob["experiments"]
    assert isinstance(experiments, list)
    while len(json.dumps(blob)) < size:
        features[f"ff_{ident(rng, 8).lower()}"] = rng.random() < 0.5
        chunks[str(rng.randint(100, 99999))] = f"static/chunks/{ident(rng, 16).lower()}.js"
        experiments.append({"id": ident(rng, 10), "bucket": rng.randint(0, 99),
                            "variant": rng.choice(("a", "b", "control"))})
    return blob


def ad_config(rng: random.Random, slots: int) -> str:
    """The inline advertising bootstrap: a GPT-style command queue defining slots."""
    lines = ["window.googletag=window.googletag||{cmd:[]};googletag.cmd.push(function(){"]
    for number in range(slots):
        size = rng.choice(("[[300,250],[336,280]]", "[[728,90],[970,250]]", "[[320,100]]"))
        lines.append(f"googletag.defineSlot(\"/{rng.randint(10**7, 10**8)}/{ident(rng, 8)}/"
                     f"slot{number}\",{size},\"div-gpt-ad-{number}\")"
                     ".addService(googletag.pubads());")
    lines.append("googletag.pubads().enableSingleRequest();googletag.pubads().collapseEmptyDivs();"
                 "googletag.enableServices()});")
    return "".join(lines)


def analytics(rng: random.Random, site: str) -> str:
    """Tag manager, consent stub and measurement snippets, as sites paste them in the head."""
    tag = f"G-{ident(rng, 10).upper()}"
    return (
        "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        "gtag('consent','default',{ad_storage:'denied',analytics_storage:'denied',"
        "wait_for_update:500});gtag('js',new Date());"
        f"gtag('config','{tag}',{{send_page_view:!0,cookie_domain:'{site}'}});"
        "!function(){var e=[],t=function(){e.push(arguments)};window.__tcfapi=window.__tcfapi"
        "||function(){t.apply(null,arguments)};window.__tcfapi.queue=e}();"
        f"(function(w,d,s,l,i){{w[l]=w[l]||[];w[l].push({{'gtm.start':new Date().getTime(),"
        f"event:'gtm.js'}});var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=!0;"
        f"j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f)"
        f"}})(window,document,'script','dataLayer','GTM-{ident(rng, 7).upper()}');")


def lazy_image(rng: random.Random, domain: str, *, alt: str, cls: str) -> str:
    """A lazy-loaded image: a placeholder `src`, the real one in `data-src` and `data-srcset`,
    and the `<noscript>` fallback real sites add."""
    name = f"{ident(rng, 12).lower()}.jpg"
    base = f"https://{domain}/wp-content/uploads/{rng.randint(2019, 2025)}/{rng.randint(1, 12):02d}"
    srcset = ", ".join(f"{base}/{name.replace('.jpg', f'-{w}x{w * 9 // 16}.jpg')} {w}w"
                       for w in (320, 640, 768, 1024, 1536, 2048))
    alt_attr = alt.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    placeholder = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    return (f'<img class="{cls} lazyload" src="{placeholder}" data-src="{base}/{name}" '
            f'data-srcset="{srcset}" data-sizes="auto" width="1200" height="675" '
            f'alt="{alt_attr}" decoding="async">'
            f'<noscript><img src="{base}/{name}" alt="{alt_attr}"></noscript>')
