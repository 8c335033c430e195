"""The leak rule and the duplication score."""

from __future__ import annotations

import pytest

from bench.data.page import Snippet
from bench.scoring.leakage import (
    duplication,
    leak_summary,
    leaked_line_categories,
    leaks,
    snippet_coverage,
)

BODY = "অন্য দেশকে পরোয়া না করে রাশিয়া উত্তর কোরিয়ার সঙ্গে সম্পর্ক জোরদার করবে"
CAPTION = "রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের মুখপাত্র দিমিত্রি পেসকভ। ছবি : সংগৃহীত"


def test_long_line_found_anywhere_despite_punctuation_and_breaks() -> None:
    output = f"{BODY}\nরুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের\nমুখপাত্র দিমিত্রি পেসকভ - ছবি: সংগৃহীত"
    assert snippet_coverage(CAPTION, output) == 1.0


def test_short_line_only_as_a_whole_output_line() -> None:
    # "X" inside a sentence is not the share bar's "X" button.
    assert snippet_coverage("X", "Company X announced") == 0.0
    assert snippet_coverage("X", "Share on\nX\n") == 1.0


def test_multi_line_snippet_coverage_and_flattened_lists() -> None:
    share_bar = "Facebook\nX\nWhatsApp\nপ্রিন্ট\nলিংক কপি করুন"  # 7 tokens
    assert snippet_coverage(share_bar, "Facebook\nWhatsApp") == pytest.approx(2 / 7)
    assert snippet_coverage(share_bar, "Facebook X WhatsApp প্রিন্ট লিংক কপি করুন") == 1.0


def test_leaks_by_category() -> None:
    snippets = (Snippet("caption-duplicate", CAPTION), Snippet("advert", "বিজ্ঞাপন"),
                Snippet("trending-list", "first headline here\nsecond headline here"),
                Snippet("trending-list", "third headline here"))
    output = f"{CAPTION}\n{BODY}\nবিজ্ঞাপন বন্ধ\nsecond headline here"
    assert leaks(snippets, output) == {"caption-duplicate": [1, 1], "advert": [0, 1],
                                       "trending-list": [1, 2]}


def test_leak_summary_counts_pages_and_snippets() -> None:
    pages = [{"trending-list": [1, 2]}, {"trending-list": [0, 1], "advert": [1, 1]}, None]
    assert leak_summary(pages) == {
        "advert": {"pages": 1, "leaked_pages": 1, "snippets": 1, "leaked_snippets": 1},
        "trending-list": {"pages": 2, "leaked_pages": 1, "snippets": 3, "leaked_snippets": 1},
    }


def test_duplicated_caption() -> None:
    assert duplication(f"{CAPTION}\n{BODY}") == 0.0
    # Caption (9 tokens) twice with a 12-token body: the second copy is 9 of 30 tokens.
    assert duplication(f"{CAPTION}\n{CAPTION}\n{BODY}") == pytest.approx(9 / 30)
    # A copy that is part of an earlier, longer line counts too.
    assert duplication(f"{BODY}\nসম্পর্ক জোরদার করবে") == pytest.approx(3 / 15)


def test_short_repeats_and_empty_output_are_not_duplication() -> None:
    assert duplication("Share\nShare\nবিজ্ঞাপন\nবিজ্ঞাপন") == 0.0
    assert duplication("") == 0.0


def test_leaked_lines_are_labeled_with_their_category() -> None:
    snippets = [Snippet("share-bar", "Share this story on Facebook"),
                Snippet("footer", "Contact us\nAbout the paper\nAll rights reserved")]
    output = ("Body sentence one.\nShare this story\non Facebook\nAll rights reserved\n"
              "Contact us\nnow on Facebook again")
    # The share bar leaked whole (split over two lines); of the footer, the three-token line
    # and the whole short line "Contact us" hold 5 of 7 tokens. A line with words of its own
    # is not labeled.
    assert leaked_line_categories(snippets, output) == [
        None, "share-bar", "share-bar", "footer", "footer", None]
    assert leaked_line_categories(snippets, "Body sentence one.\nContact us") == [None, None]


def test_the_leak_rule_on_the_whole_gold_set() -> None:
    """No snippet leaks from an output that is exactly the gold body (no false alarm) except
    `repeats-body` ones, which repeat the body by definition and all leak; the full-text
    baseline, which keeps every visible line, leaks nearly every snippet."""
    from bench.gold.format import REPEATS_BODY, load_gold
    from bench.text.encoding import decode_html
    from extractors.fulltext import fulltext

    labeled = leaked_from_body = leaked_from_fulltext = repeats = repeats_leaked = 0
    for page in load_gold():
        html, _ = decode_html(page.read_html(), page.encoding)
        for category, counts in leaks(page.boilerplate, page.body or "").items():
            if category == REPEATS_BODY:
                repeats_leaked += counts[0]
                repeats += counts[1]
                continue
            leaked_from_body += counts[0]
            labeled += counts[1]
        output = fulltext.apply(html, url=page.url, language=page.language)
        leaked_from_fulltext += sum(n for category, (n, _) in
                                    leaks(page.boilerplate, output).items()
                                    if category != REPEATS_BODY)
    assert labeled > 600
    assert leaked_from_body == 0
    assert repeats_leaked == repeats > 0
    assert leaked_from_fulltext >= 0.99 * labeled  # 688 of 691 on 2026-11-28


def _reference_duplication(lines: list[list[str]]) -> float:
    """The duplication rule written out as a growing string of the lines seen so far."""
    seen, total, repeated = "\x00", 0, 0
    for line in lines:
        key = "\x00" + "\x00".join(line) + "\x00"
        total += len(line)
        if len(line) >= 3 and key in seen:
            repeated += len(line)
        seen += key[1:]
    return repeated / total if total else 0.0


def test_duplication_equals_the_rule_written_out() -> None:
    import random

    rng = random.Random(7)
    words = ["a", "b", "c", "ab", "ba", "বিজ্ঞাপন"]
    for _ in range(3000):
        lines = [rng.choices(words, k=rng.randrange(1, 6)) for _ in range(rng.randrange(0, 9))]
        text = "\n".join(" ".join(line) for line in lines)
        assert duplication(text) == _reference_duplication(lines), lines
