"""The hand-checked sample: SaudiNewsNet articles read at run time, a reproducible draw of quotes and
events, and the judged rows in ``tests/data/judged/`` that record whether each one is right.

Articles are built straight from each record's ``content`` (one paragraph per non-empty line) and
only the steps named in ``STEPS`` run, so a judged row changes only when quotes or events change.
"""

from __future__ import annotations

import csv
import json
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from khabar.records import Article, Published, blocks_from_texts

ROOT = Path(__file__).resolve().parents[1]
SAUDINEWSNET = (ROOT / ".." / "shared" / "corpora" / "saudinewsnet").resolve()
JUDGED = ROOT / "tests" / "data" / "judged"
SEED = 8
SAMPLE_SIZE = 50
# Every fourth zip keeps the draw quick while spanning the collection period.
ZIPS = ("2015-07-21.zip", "2015-07-25.zip", "2015-07-31.zip", "2015-08-04.zip", "2015-08-09.zip")


@dataclass(slots=True)
class CorpusArticle:
    zip: str
    url: str
    article: Article


def corpus_articles(zips: tuple[str, ...] = ZIPS, folder: Path = SAUDINEWSNET) -> Iterator[CorpusArticle]:
    """SaudiNewsNet records as Articles, first occurrence of each URL only (some records repeat)."""
    seen: set[str] = set()
    for name in zips:
        with zipfile.ZipFile(folder / name) as archive:
            records = json.loads(archive.read(archive.namelist()[0]))
        for record in records:
            url = record.get("url") or ""
            if url in seen:
                continue
            seen.add(url)
            paragraphs = [line.strip() for line in (record.get("content") or "").split("\n") if line.strip()]
            if not paragraphs:
                continue
            article = Article(
                headline=record.get("title"),
                blocks=blocks_from_texts([("paragraph", text) for text in paragraphs]),
                published=Published(
                    date=(record.get("date_extracted") or "")[:10] or None, how="date_extracted"
                ),
                url=url,
                outlet=record.get("source"),
            )
            yield CorpusArticle(name, url, article)


QUOTE_FIELDS = ("zip", "url", "start", "end", "kind", "verb", "speaker_text", "medium", "verdict", "note")
EVENT_FIELDS = (
    "zip",
    "url",
    "start",
    "end",
    "type",
    "mode",
    "trigger",
    "factuality",
    "begin",
    "verdict",
    "note",
)


def predicted_quotes(items: list[CorpusArticle]) -> list[dict[str, str]]:
    from khabar.understand import quotes

    rows = []
    for item in items:
        quotes.annotate(item.article)
        for quote in item.article.quotes:
            rows.append(
                {
                    "zip": item.zip,
                    "url": item.url,
                    "start": str(quote.start),
                    "end": str(quote.end),
                    "kind": quote.kind,
                    "verb": quote.verb or "",
                    "speaker_text": quote.speaker_text or "",
                    "medium": quote.medium or "",
                }
            )
    return rows


def predicted_events(items: list[CorpusArticle]) -> list[dict[str, str]]:
    from khabar.understand import events, quotes

    rows = []
    for item in items:
        quotes.annotate(item.article)
        events.annotate(item.article)
        for event in item.article.events:
            rows.append(
                {
                    "zip": item.zip,
                    "url": item.url,
                    "start": str(event.start),
                    "end": str(event.end),
                    "type": event.type,
                    "mode": event.mode or "",
                    "trigger": event.trigger or "",
                    "factuality": event.factuality,
                    "begin": event.begin or "",
                }
            )
    return rows


def draw(rows: list[dict[str, str]], size: int = SAMPLE_SIZE, seed: int = SEED) -> list[dict[str, str]]:
    return random.Random(seed).sample(rows, min(size, len(rows)))


def read_judged(name: str) -> list[dict[str, str]]:
    with open(JUDGED / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def write_rows(name: str, rows: list[dict[str, str]], fields: tuple[str, ...]) -> None:
    JUDGED.mkdir(parents=True, exist_ok=True)
    with open(JUDGED / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, delimiter="\t", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in fields})


def precision(rows: list[dict[str, str]]) -> float:
    judged = [row for row in rows if row.get("verdict") in {"correct", "wrong"}]
    return sum(row["verdict"] == "correct" for row in judged) / len(judged) if judged else 0.0
