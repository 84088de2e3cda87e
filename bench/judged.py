"""The hand-checked sample: SaudiNewsNet articles read at run time, a reproducible draw of quotes and
events, and the judged rows in ``tests/data/judged/`` that record whether each one is right.

Three draws, each from zips the rules had not been tuned on when it was judged:

- ``SEED``/``ZIPS``: the first development sample (first pass);
- ``FRESH_SEED``/``FRESH_ZIPS``: held out in the second pass, then read for the third pass's fixes,
  so now development data too (``quotes-dev-2025.tsv``, ``events-dev-2025.tsv``);
- ``NEW_SEED``/``NEW_ZIPS``: drawn and judged once the third pass's rules were frozen
  (``quotes-2026.tsv``, ``events-2026.tsv``), then read for the fourth pass's fixes, so now
  development data too;
- ``quotes-2027.tsv``, ``events-2027.tsv``: drawn from every zip (seed 2027) once the fourth pass's
  rules were frozen (at 6d890c0), leaving out the development zips and every article of an earlier
  judged file; read since for the error classes of the NER work, so development data too;
- ``quotes-2028.tsv``, ``events-2028.tsv``: drawn the same way (seed 2028) once the NER network and
  the hand-written gazetteer were in (b71b088); read since for the fifth pass's fixes, so
  development data too;
- ``quotes-2029.tsv``, ``events-2029.tsv``: drawn the same way (seed 2029) once the fifth pass's
  quote and event rules were frozen (quotes drawn at 64326a0's parent, events after the events
  merge 2f90fc4); kept out of the confidence models' training and used to check them;
- ``quotes-train-3001.tsv``, ``events-train-3001.tsv``: 200 quotes with a speaker and 300 events
  drawn the same way (seed 3001, 1,500 articles) from the rules' output, judged to train the
  confidence step (``bench/train_confidence.py``);
- ``quotes-2030.tsv``, ``events-2030.tsv``: drawn the same way (seed 2030) from what was emitted
  with the first confidence models (speakers cut, events scored and cut by topic only);
- ``events-fields-3002.tsv``, ``events-fields-3003.tsv``: 600 and 581 events drawn the same way
  (seeds 3002 and 3003, 3,000 articles each) from the rules' output and judged field by field, to
  train the event, factuality and field models;
- ``HELD_SEED``: drawn the same way (seed 2031) from what is emitted once those models were
  trained and frozen (``EMITTED`` steps), the held-out figures (``quotes-2031.tsv``,
  ``events-2031.tsv``).

Articles are built straight from each record's ``content`` (one paragraph per non-empty line) and
only the steps named in ``STEPS`` run, so a judged row changes only when quotes or events change.
"""

from __future__ import annotations

import csv
import hashlib
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
# Every fourth zip keeps the draw quick while spanning the collection period. These are the
# development zips: the rules were tuned while reading events and quotes drawn from them.
ZIPS = ("2015-07-21.zip", "2015-07-25.zip", "2015-07-31.zip", "2015-08-04.zip", "2015-08-09.zip")
# The fresh sample of the second pass (issue 8): other zips, another seed, and no article whose
# URL is in a development zip; drawn once after the rules were frozen, then judged.
FRESH_SEED = 2025
FRESH_ZIPS = ("2015-07-23.zip", "2015-07-27.zip", "2015-08-02.zip", "2015-08-07.zip", "2015-08-11.zip")
# The held-out sample of the third pass: zips used by neither draw above, no URL of theirs.
NEW_SEED = 2026
NEW_ZIPS = (
    "2015-07-22.zip",
    "2015-07-24.zip",
    "2015-07-26.zip",
    "2015-08-01.zip",
    "2015-08-03.zip",
    "2015-08-06.zip",
    "2015-08-08.zip",
    "2015-08-10.zip",
)
# The held-out sample of the fourth pass: any zip, but no article of the development zips (read for
# the fourth pass's error classes) and none an earlier judged file points at.
HELD_SEED = 2031
QUOTES = "quotes-2031.tsv"
EVENTS = "events-2031.tsv"
# The first confidence models' held-out sample: development data now.
DEV_2030_QUOTES = "quotes-2030.tsv"
DEV_2030_EVENTS = "events-2030.tsv"
# The sixth pass's held-out sample, judged on the rules alone: the confidence models' check.
DEV_2029_QUOTES = "quotes-2029.tsv"
DEV_2029_EVENTS = "events-2029.tsv"
# The fifth pass's held-out sample, judged at b71b088: development data now.
DEV_2028_QUOTES = "quotes-2028.tsv"
DEV_2028_EVENTS = "events-2028.tsv"
# The fourth pass's held-out sample, judged at 6d890c0: development data now.
DEV_2027_QUOTES = "quotes-2027.tsv"
DEV_2027_EVENTS = "events-2027.tsv"
DEV_QUOTES = "quotes-dev-2025.tsv"
DEV_EVENTS = "events-dev-2025.tsv"
# The third pass's held-out sample, read while fixing the fourth pass: development data now.
DEV_2026_QUOTES = "quotes-2026.tsv"
DEV_2026_EVENTS = "events-2026.tsv"
# The names the understanding bench reads stand for the held-out files.
_CURRENT = {"quotes.tsv": QUOTES, "events.tsv": EVENTS}


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


QUOTE_FIELDS = (
    "zip",
    "url",
    "start",
    "end",
    "kind",
    "verb",
    "speaker_text",
    "speaker",
    "medium",
    "verdict",
    "note",
)
EVENT_FIELDS = (
    "zip",
    "url",
    "start",
    "end",
    "type",
    "mode",
    "trigger",
    "actors",
    "recipients",
    "factuality",
    "begin",
    "verdict",
    "note",
)
# What a judged row is matched on: the parts the quote and event steps decide by themselves.
QUOTE_KEY = ("zip", "url", "start", "end", "kind", "verb")
EVENT_KEY = ("zip", "url", "start", "end", "type", "mode", "trigger")
STEPS = ("dates", "entities", "quotes", "events")
# What the product emits: the rules' quotes and events, then the confidence step's cuts.
EMITTED = (*STEPS, "confidence")
ARTICLES = 300
# The confidence step emits about one event in eight articles: the 2031 draw reads 600 of them.
HELD_ARTICLES = 600


def sample_articles(seed: int = SEED, size: int = ARTICLES) -> list[CorpusArticle]:
    items = list(corpus_articles())
    return random.Random(seed).sample(items, min(size, len(items)))


def fresh_articles(seed: int = FRESH_SEED, size: int = ARTICLES) -> list[CorpusArticle]:
    """Articles of the fresh zips that no development zip holds."""
    seen = {item.url for item in corpus_articles(ZIPS)}
    items = [item for item in corpus_articles(FRESH_ZIPS) if item.url not in seen]
    return random.Random(seed).sample(items, min(size, len(items)))


def new_articles(seed: int = NEW_SEED, size: int = ARTICLES) -> list[CorpusArticle]:
    """Articles of the third pass's zips whose URL no earlier draw's zips hold."""
    seen = {item.url for item in corpus_articles(ZIPS + FRESH_ZIPS)}
    items = [item for item in corpus_articles(NEW_ZIPS) if item.url not in seen]
    return random.Random(seed).sample(items, min(size, len(items)))


def judged_urls() -> set[str]:
    """Every article a judged file older than the held-out one points at."""
    urls: set[str] = set()
    for path in sorted(JUDGED.glob("*.tsv")):
        if path.name in (QUOTES, EVENTS):
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            urls |= {row["url"] for row in csv.DictReader(handle, delimiter="\t") if row.get("url")}
    return urls


def held_articles(seed: int = HELD_SEED, size: int = ARTICLES) -> list[CorpusArticle]:
    """Articles of any zip that no development zip holds and no judged file names."""
    every = tuple(sorted(path.name for path in SAUDINEWSNET.glob("*.zip")))
    seen = {item.url for item in corpus_articles(ZIPS + FRESH_ZIPS)} | judged_urls()
    items = [item for item in corpus_articles(every) if item.url not in seen]
    return random.Random(seed).sample(items, min(size, len(items)))


def understood(items: list[CorpusArticle], steps: tuple[str, ...] = STEPS) -> list[CorpusArticle]:
    from khabar.understand import understand

    for item in items:
        understand(item.article, steps)
    return items


def quote_rows(items: list[CorpusArticle]) -> list[dict[str, str]]:
    return [
        {
            "zip": item.zip,
            "url": item.url,
            "start": str(q.start),
            "end": str(q.end),
            "kind": q.kind,
            "verb": q.verb or "",
            "speaker_text": q.speaker_text or "",
            "speaker": q.speaker or "",
            "medium": q.medium or "",
        }
        for item in items
        for q in item.article.quotes
    ]


def event_rows(items: list[CorpusArticle]) -> list[dict[str, str]]:
    return [
        {
            "zip": item.zip,
            "url": item.url,
            "start": str(e.start),
            "end": str(e.end),
            "type": e.type,
            "mode": e.mode or "",
            "trigger": e.trigger or "",
            "actors": "|".join(e.actors),
            "recipients": "|".join(e.recipients),
            "factuality": e.factuality,
            "begin": e.begin or "",
        }
        for item in items
        for e in item.article.events
    ]


def articles_of(rows: list[dict[str, str]]) -> list[CorpusArticle]:
    """Only the articles the judged rows point at, read again from their zips."""
    wanted = {(row["zip"], row["url"]) for row in rows}
    zips = tuple(sorted({name for name, _ in wanted}))
    return [item for item in corpus_articles(zips) if (item.zip, item.url) in wanted]


def draw(rows: list[dict[str, str]], size: int = SAMPLE_SIZE, seed: int = SEED) -> list[dict[str, str]]:
    """The rows with the smallest seeded hashes of their place: a fix elsewhere in the extractor
    swaps only the rows it changes, so earlier judgments stay usable."""

    def rank(row: dict[str, str]) -> str:
        place = f"{seed}|{row['zip']}|{row['url']}|{row['start']}|{row['end']}|{row.get('trigger', '')}"
        return hashlib.blake2b(place.encode("utf-8"), digest_size=8).hexdigest()

    return sorted(rows, key=rank)[:size]


def read_judged(name: str) -> list[dict[str, str]]:
    with open(JUDGED / _CURRENT.get(name, name), encoding="utf-8", newline="") as handle:
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


def main() -> None:
    """``python bench/judged.py held`` prints the held-out draw (``new``, ``fresh`` and ``dev`` the
    earlier ones) as TSV rows, verdicts left empty, with each sentence beside it for a person to judge;
    no text is written to the repository. Quotes are drawn among those with a speaker."""
    import sys

    which = sys.argv[1] if len(sys.argv) > 1 else "held"
    articles = {
        "held": lambda: held_articles(size=HELD_ARTICLES),
        "new": new_articles,
        "fresh": fresh_articles,
        "dev": sample_articles,
    }[which]
    seed = {"held": HELD_SEED, "new": NEW_SEED, "fresh": FRESH_SEED, "dev": SEED}[which]
    items = understood(articles(), EMITTED if which == "held" else STEPS)
    texts = {(item.zip, item.url): item.article.text for item in items}
    quotes = quote_rows(items)
    if which in ("new", "held"):
        quotes = [row for row in quotes if row["speaker_text"]]
    for name, rows, fields in (
        ("quotes", quotes, QUOTE_FIELDS),
        ("events", event_rows(items), EVENT_FIELDS),
    ):
        print(f"# {name}: {len(rows)} found, {SAMPLE_SIZE} drawn")
        for index, row in enumerate(draw(rows, seed=seed)):
            text = texts[(row["zip"], row["url"])]
            print(index, "\t".join(row.get(field, "") for field in fields[:-2]))
            print("    ", text[int(row["start"]) : int(row["end"])][:500].replace("\n", " "))


if __name__ == "__main__":
    main()
