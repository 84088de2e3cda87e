"""Dates: khabar's tagger beside dateparser, on the same gold table, in one run.

Accuracy: exact value on tests/data/dates/saudinewsnet.tsv (expressions from SaudiNewsNet, anchored
on date_extracted). dateparser gets the same sentence through ``search_dates(languages=['ar'],
RELATIVE_BASE=anchor)``; its hit overlapping the expression is compared at the label's granularity
(a day label needs the same day, a month label the same month, a year label the same year).
Throughput: whole SaudiNewsNet articles through the tagger alone, one process.

    .venv/bin/python bench/bench_dates.py [--articles 3000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from khabar.understand.temporal import tag  # noqa: E402
from test_dates_table import SAUDINEWSNET, TABLE, _rows, _sentence, corpus_results  # noqa: E402


def _dateparser_value(sentence: str, offset: int, start: int, end: int, anchor: dt.date, label: str) -> str:
    from dateparser.search import search_dates

    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    try:
        hits = search_dates(sentence, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
    except Exception:
        return "ERROR"
    cursor = 0
    for found, value in hits:
        at = sentence.find(found, cursor)
        cursor = max(cursor, at + 1)
        if at < 0 or not (at + offset < end and start < at + offset + len(found)):
            continue
        if "W" in label:
            year, week, _ = value.isocalendar()
            return f"{year}-W{week:02d}"
        if len(label) == 4:
            return str(value.year)
        if len(label) == 7:
            return f"{value.year}-{value.month:02d}"
        return value.date().isoformat()
    return "NONE"


def accuracy() -> None:
    started = time.perf_counter()
    ours = corpus_results()
    ours_s = time.perf_counter() - started
    positives = [(row, got) for row, got in ours if row[5] != "NONE"]
    contents: dict[str, dict[str, str]] = {}
    theirs_ok = 0
    started = time.perf_counter()
    for row, _got in positives:
        zip_name, url, occurrence, expression, anchor, label = row
        if zip_name not in contents:
            with zipfile.ZipFile(SAUDINEWSNET / zip_name) as archive:
                contents[zip_name] = {}
                for record in json.loads(archive.read(archive.namelist()[0])):
                    contents[zip_name].setdefault(record["url"], record["content"])
        text = contents[zip_name][url]
        position = -1
        for _ in range(int(occurrence) + 1):
            position = text.find(expression, position + 1)
        sentence, offset = _sentence(text, position, position + len(expression))
        got = _dateparser_value(
            sentence, offset, position, position + len(expression), dt.date.fromisoformat(anchor), label
        )
        theirs_ok += got == label
    theirs_s = time.perf_counter() - started
    ours_ok = sum(got == row[5] for row, got in positives)
    n = len(positives)
    print(f"table: {TABLE.name}, {n} expressions")
    print(f"khabar     exact value {ours_ok}/{n} = {ours_ok / n:.3f}   ({ours_s:.2f} s incl. reading zips)")
    print(f"dateparser exact value {theirs_ok}/{n} = {theirs_ok / n:.3f}   ({theirs_s:.2f} s)")
    print(f"ratio khabar/dateparser accuracy: {ours_ok / max(theirs_ok, 1):.2f}x")


def throughput(limit: int) -> None:
    articles: list[tuple[str, dt.date]] = []
    for path in sorted(SAUDINEWSNET.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for record in json.loads(archive.read(archive.namelist()[0])):
                articles.append((record["content"], dt.date.fromisoformat(record["date_extracted"][:10])))
        if len(articles) >= limit:
            break
    articles = articles[:limit]
    tag("", None)  # compile the pattern outside the timing
    started = time.perf_counter()
    found = sum(len(tag(text, anchor)) for text, anchor in articles)
    ours = time.perf_counter() - started
    sample = articles[:100]
    from dateparser.search import search_dates

    started = time.perf_counter()
    for text, anchor in sample:
        try:
            search_dates(
                text,
                languages=["ar"],
                settings={"RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day)},
            )
        except Exception:
            pass
    theirs = time.perf_counter() - started
    mean = sum(len(t) for t, _ in articles) / len(articles)
    print(f"throughput on {len(articles)} SaudiNewsNet articles (mean {mean:.0f} chars), one process:")
    print(f"khabar tagger          {len(articles) / ours:8.0f} articles/s/core ({found} expressions)")
    print(
        f"dateparser search_dates {len(sample) / theirs:7.1f} articles/s/core (first {len(sample)} articles)"
    )
    print(f"ratio: {(len(articles) / ours) / (len(sample) / theirs):.0f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    accuracy()
    throughput(args.articles)


if __name__ == "__main__":
    _ = _rows
    main()
