"""Stage 1, text: from a page's bytes to the tokens scores count.

Decoding raw HTML strictly (`encoding`), the text of an HTML tree (`html`), the normalisation
every score applies (`normalize`) and the Unicode-correct tokenizers (`tokenizers`). Imports
nothing of boilerbench but `bench.errors`; every later stage may import it.
"""
