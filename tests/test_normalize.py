from bench.normalize import collapse_whitespace, normalize


def test_zero_width_and_bidi_controls_are_removed() -> None:
    assert normalize("র\u200d্যাব") == "র্যাব"
    assert normalize("\u200fשלום\u200e") == "שלום"
    assert normalize("co\u00adoperate\u200b") == "cooperate"


def test_case_fold_and_nfkc() -> None:
    assert normalize("Straße ＡＢＣ ﬁle") == "strasse abc file"


def test_collapse_whitespace() -> None:
    assert collapse_whitespace("  a \n\t b  ") == "a b"
