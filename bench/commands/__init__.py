"""One module per `boilerbench` command: `add_arguments(parser)` and `execute(args, console)`.

The list below is the whole command set; a module imports its heavy dependencies inside
`execute`, so that `boilerbench --help` stays fast.
"""

COMMANDS: dict[str, str] = {
    "run": "run extractors on a dataset and print the scores",
    "score": "score one output text file against a gold text file",
    "score-predictions": "score prediction files against a dataset without running extractors",
    "list": "show the extractors, their versions, and how to install missing ones",
    "validate": "check gold records against their pages",
    "add": "draft a gold record for a new page, for a person to correct",
    "datasheet": "print (or --write) the gold set's datasheet counts",
    "datasets": "list the dataset formats and the public datasets, with where to get them",
    "fetch": "download a public dataset's pinned archive, check it and unpack it",
    "cache": "manage the cache of extractor outputs (clear)",
    "baseline": "write the regression gate's baseline (reports/baseline.json) from a run",
    "gate": "compare a run with the baseline; exit 1 on a real regression",
    "compare": "show what changed between two runs (paired test per extractor, pages)",
    "report": "render a run as one self-contained HTML file, or as Markdown, CSV or JSON",
    "show": "print one page's gold-versus-output diff for one extractor",
}
