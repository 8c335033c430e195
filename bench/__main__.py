"""`python -m bench` is the same as the `boilerbench` command."""

from bench.cli import main

raise SystemExit(main())
