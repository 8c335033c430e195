"""The gold-page renderer: page sources (plain TOML, gold/README.md "Page sources") in,
heavy site-template HTML and its gold record out.

A development tool, never imported at run time: `python -m scripts.gold_pages.render` writes
`gold/<id>.html` and `gold/<id>.toml` for each source in `scripts/gold_pages/sources/`.
"""
