"""Stage 4, scoring: pure functions from texts and statistics to numbers.

Metrics (`metrics`, chosen by name) turn a gold and an output into per-page statistics and
corpus scores with bootstrap intervals (`stats`) and a `signature`; `leakage` finds labeled
boilerplate in outputs; `page_scores` scores one output; `summary` and `breakdown` aggregate
per-page records. May import `bench.text` and the plain types of `bench.data.page`; never
reads files, runs extractors or renders.
"""
