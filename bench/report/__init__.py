"""Stage 6, reporting: runs and gate results for people.

Terminal tables (`terminal`), the cells and rows every format shares with the Markdown, CSV
and JSON exports (`plain`), the self-contained HTML report (`html`, with `svg` charts and the
gold-versus-output `diff`), Markdown tables (`markdown`) and the gate's tables (`gate`). May
import every stage below it and `bench.gate`; renders, never computes a score.
"""
