"""Search latency at the product's target size: 100,000 articles.

SaudiNewsNet holds about 29,000 distinct articles, so this script builds a larger index from a
store that holds them: it copies each article row (same text, new id) and indexes the copy with
the store's own ``index_terms`` until the store holds ``--target`` articles. Posting lists grow as
they would with more articles on the same topics, which is the hard case for BM25 ranking.
Then it times ``Store.search`` (top 10, BM25, snippets) against the ``LIKE '%word%'`` scan a
user would otherwise run.

    .venv/bin/python bench/bench_store.py --no-understand --db /tmp/bench.db --skip-dedup  # once
    .venv/bin/python bench/bench_search_scale.py --from-db /tmp/bench.db --target 100000
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from khabar.store import open_store  # noqa: E402
from khabar.store.prepare import index_terms  # noqa: E402

QUERIES = ["بوتين", "السعودية", "احمد", "القاهرة", "وزير الخارجية", "النفط", "الرياض", "اليمن الحوثيين"]


def grow(db: Path, target: int) -> int:
    connection = sqlite3.connect(db)
    (count,) = connection.execute("SELECT count(*) FROM articles").fetchone()
    columns = [row[1] for row in connection.execute("PRAGMA table_info(articles)") if row[1] != "id"]
    names = ", ".join(f'"{c}"' for c in columns)
    # A copy sits at a new position of the same page, so (page_id, position) stays unique.
    values = ", ".join('"position" + ?' if c == "position" else f'"{c}"' for c in columns)
    originals = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id")]
    copy = 0
    while count < target:
        source = originals[copy % len(originals)]
        copy += 1
        cursor = connection.execute(
            f"INSERT INTO articles ({names}) SELECT {values} FROM articles WHERE id = ?",
            (1000 * (1 + copy // len(originals)), source),
        )
        new_id = cursor.lastrowid
        headline, text = connection.execute(
            "SELECT headline, text FROM articles WHERE id = ?", (new_id,)
        ).fetchone()
        connection.execute(
            "INSERT INTO articles_fts (rowid, headline, body) VALUES (?, ?, ?)",
            (new_id, index_terms(headline or ""), index_terms(text or "")),
        )
        count += 1
        if count % 10000 == 0:
            connection.commit()
    connection.commit()
    connection.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    connection.commit()
    connection.close()
    return count


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--from-db", type=Path, required=True, help="a store built from SaudiNewsNet")
    parser.add_argument("--target", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="keep the grown store at this path (reused if it exists)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp()) / "scale.db"
    if not work.exists():
        shutil.copy(args.from_db, work)
    started = time.perf_counter()
    total = grow(work, args.target)
    print(f"articles in the store: {total:,} (grown in {time.perf_counter() - started:.0f} s)")
    worst = 0.0
    with open_store(work) as store:
        connection = sqlite3.connect(work)
        for query in QUERIES:
            store.search(query)
            times = []
            for _ in range(args.repeats):
                begin = time.perf_counter()
                hits = store.search(query, limit=10)
                times.append((time.perf_counter() - begin) * 1000)
            p50, p95 = percentiles(times)
            word = query.split()[0]
            begin = time.perf_counter()
            like = connection.execute(
                "SELECT count(*) FROM articles WHERE text LIKE ?", (f"%{word}%",)
            ).fetchone()[0]
            like_ms = (time.perf_counter() - begin) * 1000
            worst = max(worst, p95)
            print(
                f"{query:>16}: {len(hits)} hits shown, p50 {p50:6.1f} ms, p95 {p95:6.1f} ms | LIKE scan {like_ms:7.0f} ms ({like:,} rows)"
            )
    print(f"worst p95 over {len(QUERIES)} queries: {worst:.1f} ms (target: under 50 ms)")
    if not args.keep:
        shutil.rmtree(work.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
