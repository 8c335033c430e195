import random
import re
import unicodedata

from bench.text.normalize import _INVISIBLE, collapse_whitespace, normalize, shorten

_INVISIBLE_CLASS = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")


def full(text: str) -> str:
    """The normalisation as docs/scoring.md defines it, step by step."""
    return unicodedata.normalize("NFKC", _INVISIBLE_CLASS.sub("", text).casefold())


def test_zero_width_and_bidi_controls_are_removed() -> None:
    assert normalize("র\u200d্যাব") == "র্যাব"
    assert normalize("\u200fשלום\u200e") == "שלום"
    assert normalize("co\u00adoperate\u200b") == "cooperate"


def test_case_fold_and_nfkc() -> None:
    assert normalize("Straße ＡＢＣ ﬁle") == "strasse abc file"


def test_collapse_whitespace() -> None:
    assert collapse_whitespace("  a \n\t b  ") == "a b"


def test_shorten_never_cuts_inside_a_grapheme() -> None:
    # "মূল্য" is two clusters, the second a conjunct (ল + virama + য).
    assert shorten("মূল্য দিই", 2) == "মূল্য…"
    assert shorten("মূল্য দিই", 1) == "মূ…"
    assert shorten("short", 10) == "short"


def test_the_normalisation_is_the_definition_on_every_code_point_and_in_context() -> None:
    # normalize puts in the ASCII forms of common compatibility characters (no-break space,
    # ellipsis, full-width ASCII) before NFKC, and removes the controls before case folding:
    # neither may change a result, whatever stands around those characters.
    points = [chr(point) for point in range(0x80, 0x30000) if not 0xD800 <= point < 0xE000]
    assert [normalize(char) for char in points] == [full(char) for char in points]
    compat = [char for char in points[:0xFFFF] if unicodedata.normalize("NFKD", char) != char]
    marks = ["\u0301", "\u0308", "\u0338", "\u09cd", "\u093c", "\u3099", "\u200d", "\u00ad"]
    context = [*"aAsSıİΣσß ", "\u1100", "\u1161", "\u11a8", "\uac00", "ﬁ", "\u00a0", "…", "Ａ",
               *marks]
    rng = random.Random(11)
    texts = ["ÉCOLE ǅ ﬁ\u200b", "1\u00a0000 \u2026\u0301 ™ ＡＢＣ　ｘ ①",
             *("".join(rng.choices(compat + context, k=rng.randrange(1, 12)))
               for _ in range(30000))]
    for text in texts:
        assert normalize(text) == full(text), ascii(text)
