"""One module per `boilerbench` command: `add_arguments(parser)` and `execute(args, console)`.

The list below is the whole command set; a module imports its heavy dependencies inside
`execute`, so that `boilerbench --help` stays fast.
"""

COMMANDS: dict[str, str] = {
    "run": "run extractors on a dataset and print the scores",
    "score": "score one output text file against a gold text file",
    "list": "show the extractors, their versions, and how to install missing ones",
    "validate": "check gold records against their pages",
    "cache": "manage the cache of extractor outputs (clear)",
}
