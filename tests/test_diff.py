"""The gold-versus-output diff: token-level, normalised, leaks labeled by category."""

from __future__ import annotations

from typing import Any

import pytest

from bench.data.page import Snippet
from bench.report.diff import Segment
from bench.report.diff import diff as annotated


def diff(gold: str, output: str, **options: Any) -> list[Segment]:
    """The segments of a word-level diff (checked to be one)."""
    compared = annotated(gold, output, **options)
    assert compared.coarse is None
    return compared.segments


def test_missing_extra_and_same_runs() -> None:
    gold = "The cat sat on the mat.\n\nIt was warm."
    output = "The cat sat on the mat!\nIt was very warm.\nShare this story on Facebook"
    share = Snippet("share-bar", "Share this story on Facebook")
    assert diff(gold, output, snippets=[share]) == [
        Segment("The cat sat on the mat!\nIt was ", "same"),
        Segment("very ", "extra"),
        Segment("warm.\n", "same"),
        Segment("Share this story on Facebook", "extra", "share-bar")]


def test_case_and_punctuation_are_not_changes_but_words_are() -> None:
    assert diff("Hello, World", "hello world") == [Segment("hello world", "same")]
    assert diff("one two three four", "one three four five") == [
        Segment("one ", "same"), Segment("two ", "missing"), Segment("three four ", "same"),
        Segment("five", "extra")]


def test_joined_segments_read_as_the_output_plus_what_is_missing() -> None:
    gold = "First paragraph here.\n\nSecond one, dropped.\n\nThird stays."
    output = "First paragraph here.\nThird stays."
    segments = diff(gold, output)
    assert "".join(s.text for s in segments if s.kind != "missing") == output
    assert [s.text for s in segments if s.kind == "missing"] == [
        "Second one, dropped.\n\n"]


def test_unspaced_scripts_diff_by_character() -> None:
    assert diff("猫が座った。", "猫が立った。") == [
        Segment("猫が", "same"), Segment("座", "missing"), Segment("立", "extra"),
        Segment("った。", "same")]


def test_bengali_words_stay_whole_and_spaced_where_the_texts_meet() -> None:
    assert diff("রুশ প্রেসিডেন্ট পুতিন", "রুশ প্রেসিডেন্ট") == [
        Segment("রুশ প্রেসিডেন্ট", "same"), Segment(" পুতিন", "missing")]
    assert diff("এক দুই।\n\nতিন চার", "তিন চার") == [
        Segment("এক দুই।\n\n", "missing"), Segment("তিন চার", "same")]


def test_empty_sides() -> None:
    assert diff("", "x y") == [Segment("x y", "extra")]
    assert diff("a b", "") == [Segment("a b", "missing")]
    assert diff("", "") == []


def test_only_snippets_that_leak_label_lines() -> None:
    # Two short lines are not a leak under the leak rule (they only count as whole lines).
    navigation = Snippet("navigation", "Home\nNews")
    assert diff("Body text here.", "Home | News\nBody text here.", snippets=[navigation]) == [
        Segment("Home | News\n", "extra"), Segment("Body text here.", "same")]
    assert diff("Body text here.", "Home\nNews\nBody text here.", snippets=[navigation]) == [
        Segment("Home\nNews\n", "extra", "navigation"), Segment("Body text here.", "same")]


def test_a_long_changed_passage_is_shown_whole_and_said_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bench.report.diff.WORD_LIMIT", 4)
    compared = annotated("one two three\nkeep", "one two four five\nkeep")
    assert compared.segments == [Segment("one two three\n", "missing"),
                                 Segment("one two four five\n", "extra"),
                                 Segment("keep", "same")]
    assert compared.coarse == ("a changed passage of 7 words, too long to compare word by "
                               "word (more than 4), is shown whole")


def test_texts_of_many_lines_are_not_aligned_and_said_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bench.report.diff.LINE_LIMIT", 2)
    compared = annotated("a\nb\nc", "c\nx\na\n")
    assert compared.segments == [Segment("c\n", "same"), Segment("x\n", "extra"),
                                 Segment("a\n", "same"), Segment("b\n", "missing")]
    assert compared.coarse is not None and compared.coarse.startswith(
        "3 lines, too many to align: each output line is marked as in the gold or not")
