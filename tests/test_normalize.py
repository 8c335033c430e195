import random
import unicodedata

from bench.text.normalize import _replacements, collapse_whitespace, normalize, shorten
from tests.helpers import full_normalization as full


def test_zero_width_and_bidi_controls_are_removed() -> None:
    assert normalize("র\u200d্যাব") == "র্যাব"
    assert normalize("\u200fשלום\u200e") == "שלום"
    assert normalize("co\u00adoperate\u200b") == "cooperate"


def test_case_fold_and_nfkc() -> None:
    assert normalize("Straße ＡＢＣ ﬁle") == "strasse abc file"
    assert normalize("ÉCOLE ǅ ﬁ\u200b 1\u00a0000…") == "école dž fi 1 000..."


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
    points = [chr(point) for point in range(0x80, 0x110000) if not 0xD800 <= point < 0xE000]
    assert [normalize(char) for char in points] == [full(char) for char in points]
    pattern, _table = _replacements()
    replaced = [char for char in points if pattern.fullmatch(char)]
    assert "\u00a0" in replaced and "\u2026" in replaced and "\u200b" in replaced
    # Every replaced character beside every character that takes part in reordering or
    # composition (nonzero combining class, or part of a canonical decomposition).
    canonical = {char: unicodedata.decomposition(char) for char in points
                 if unicodedata.decomposition(char)[:1] not in ("", "<")}
    neighbours = sorted({char for char in points if unicodedata.combining(char)} | set(canonical)
                        | {chr(int(code, 16)) for parts in canonical.values()
                           for code in parts.split()})
    for char in replaced:
        for text in (char + neighbour for neighbour in neighbours):
            assert normalize(text) == full(text), ascii(text)
        for text in (neighbour + char for neighbour in neighbours):
            assert normalize(text) == full(text), ascii(text)
    rng = random.Random(11)
    context = [*"aAsSıİΣσß ", "\u1100", "\u1161", "\u11a8", "\uac00", "ﬁ", "\u0301", "\u0345"]
    for _ in range(20000):
        text = "".join(rng.choices(replaced + context + neighbours[:400], k=rng.randrange(1, 10)))
        assert normalize(text) == full(text), ascii(text)
