"""Stage 3, gold: the bundled, hand-labeled gold set and its tooling.

The gold format (`format`: `<id>.html` + `<id>.toml`), what text of a page gold may quote
(`page_text`), how hard a page is (`difficulty`), `validate`, the datasheet and drafting a
new record (`draft`). May import `bench.text` and `bench.data` (and, for drafts, extractor
outputs it is given); scoring, running and reporting never need it except to load the set.
"""
