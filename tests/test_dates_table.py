"""Exact-value accuracy of the tagger over gold tables of real and hard expressions.

``saudinewsnet.tsv`` points at expressions inside SaudiNewsNet articles (read from ../shared at
test time): each is found in its article, the tagger runs on the sentence around it anchored on
``date_extracted``, and the value of the expression overlapping it is compared with the label.
Rows labelled NONE are words that look like dates and are not («أحد الجنود», «خطب الجمعة»).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest

from khabar.understand.temporal import tag

HERE = Path(__file__).resolve().parent
SAUDINEWSNET = HERE.parents[1] / "shared" / "corpora" / "saudinewsnet"
TABLE = HERE / "data" / "dates" / "saudinewsnet.tsv"
CASES = HERE / "data" / "dates" / "cases.tsv"
_SENTENCE_END = re.compile(r"[.!؟\n]")


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@cache
def _contents(zip_name: str) -> dict[str, str]:
    with zipfile.ZipFile(SAUDINEWSNET / zip_name) as archive:
        records = json.loads(archive.read(archive.namelist()[0]))
    contents: dict[str, str] = {}
    for record in records:
        contents.setdefault(record["url"], record["content"])
    return contents


def _sentence(text: str, start: int, end: int) -> tuple[str, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    left = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    return text[left : after.start() if after else len(text)], left


def _predicted(text: str, start: int, end: int, anchor: dt.date) -> str:
    sentence, offset = _sentence(text, start, end)
    for expression in tag(sentence, anchor):
        if expression.start + offset < end and start < expression.end + offset:
            return expression.value
    return "NONE"


def corpus_results() -> list[tuple[list[str], str]]:
    """(row, predicted value) for every row of the SaudiNewsNet table; shared with bench/."""
    results = []
    for row in _rows(TABLE):
        zip_name, url, occurrence, expression, anchor, _expected = row
        content = _contents(zip_name)[url]
        position = -1
        for _ in range(int(occurrence) + 1):
            position = content.find(expression, position + 1)
        assert position >= 0, f"{expression!r} not found in {url}"
        predicted = _predicted(content, position, position + len(expression), dt.date.fromisoformat(anchor))
        results.append((row, predicted))
    return results


def test_table_has_at_least_150_real_expressions() -> None:
    assert sum(row[5] != "NONE" for row in _rows(TABLE)) >= 150


def test_every_expression_is_found_in_its_article() -> None:
    for zip_name, url, occurrence, expression, _anchor, _expected in _rows(TABLE):
        assert _contents(zip_name)[url].count(expression) > int(occurrence), (url, expression)


def test_saudinewsnet_exact_value_accuracy_at_least_097() -> None:
    results = corpus_results()
    positives = [(row, got) for row, got in results if row[5] != "NONE"]
    correct = sum(got == row[5] for row, got in positives)
    wrong = [(row[3], row[5], got) for row, got in positives if got != row[5]]
    accuracy = correct / len(positives)
    print(f"saudinewsnet accuracy {correct}/{len(positives)} = {accuracy:.3f}; wrong: {wrong}")
    assert accuracy >= 0.97, wrong


def test_saudinewsnet_look_alikes_are_not_dates() -> None:
    negatives = [(row[3], got) for row, got in corpus_results() if row[5] == "NONE"]
    rejected = sum(got == "NONE" for _, got in negatives)
    assert rejected / len(negatives) >= 0.9, negatives


@pytest.mark.parametrize("row", _rows(CASES), ids=lambda row: row[1])
def test_hard_case(row: list[str]) -> None:
    sentence, expression, anchor, expected = row
    start = sentence.index(expression)
    assert _predicted(sentence, start, start + len(expression), dt.date.fromisoformat(anchor)) == expected
