"""Stage 5, running: extractors on pages, records to disk.

A `job` is one extractor on one page; an executor turns jobs into extractions (`executor`:
the interface and the inline one, `workers`: the process pool with limits); the `runner`
scores each extraction and appends its record to the run's `store`, using the output `cache`;
`finished` reads a finished run directory back; `predictions` scores prediction files made
elsewhere as a run would. May import text, data, scoring and `extractors.base`; workers never
import the runner, and reading a finished run does not pull in numpy.
"""
