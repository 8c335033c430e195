from bench.text.normalize import collapse_whitespace, normalize, shorten


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
