"""Store benchmark: ingest throughput, search latency and dedup against peers, in one run.

    .venv/bin/python bench/bench_store.py                  # full SaudiNewsNet, understanding on
    .venv/bin/python bench/bench_store.py --no-understand  # structure + dedup + store only
    .venv/bin/python bench/bench_store.py --db /tmp/full.db --skip-ingest   # reuse a database

1. Ingest all of SaudiNewsNet into a fresh database with ``Store.ingest`` (process pool), then
   again (must add nothing): articles/s, and articles/s per worker process.
2. Search: ``Store.search`` (FTS5 BM25 + snippets, top 10) against the peer a user would otherwise
   run, ``LIKE '%word%'`` over ``articles.text`` collecting every match (unranked, and blind to
   spelling variants); p50/p95 in ms over repeated queries.
3. Dedup, single process over the same texts: khabar's rule (exact hash, then MinHash of word
   5-grams, 20×6 LSH bands, exact Jaccard ≥ 0.8) against datasketch ``MinHashLSH`` and, when
   installed, rensa ``RMinHashLSH`` (threshold 0.8, 128 permutations): articles/s and how many
   copies each finds.
Figures are printed and written to ``bench/out/store.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import ROOT, SAUDINEWSNET, saudinewsnet_records  # noqa: E402
from khabar.dedup.exact import normalized_hash, normalized_text  # noqa: E402
from khabar.dedup.near import (  # noqa: E402
    NUM_PERM,
    THRESHOLD,
    band_keys,
    jaccard,
    shingles_signature,
    word_shingles,
)
from khabar.engine.local import default_workers  # noqa: E402
from khabar.store import open_store  # noqa: E402

QUERIES = ["بوتين", "السعودية", "احمد", "القاهرة", "وزير الخارجية", "النفط", "الرياض", "اليمن الحوثيين"]


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_ingest(db: Path, workers: int, understand: bool, inputs: list[Path]) -> dict:
    with open_store(db) as store:
        cpu = _cpu_seconds()
        started = time.perf_counter()
        first = store.ingest(inputs, workers=workers, understand=understand)
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu
        started = time.perf_counter()
        second = store.ingest(inputs, workers=workers, understand=understand)
        again = time.perf_counter() - started
        counts = store.counts()
    return {
        "workers": workers,
        "understand": understand,
        "seconds": round(seconds, 1),
        "documents": first.documents,
        "articles": first.articles,
        "duplicates": dict(first.duplicates),
        "failures": dict(first.failures),
        "articles_per_s": round(first.articles / seconds, 1),
        "documents_per_s": round(first.documents / seconds, 1),
        "articles_per_s_per_worker": round(first.articles / seconds / max(1, workers), 1),
        # Per core by CPU time: fair on a shared machine where wall time depends on the neighbours.
        "cpu_seconds": round(cpu, 1),
        "documents_per_cpu_s": round(first.documents / cpu, 1),
        "second_run": {
            "added_articles": second.articles,
            "skipped": second.skipped,
            "seconds": round(again, 2),
        },
        "rows": counts,
    }


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 2),
    }


def bench_search(db: Path, repeats: int) -> dict:
    result: dict = {}
    with open_store(db) as store:
        store.search("تسخين")  # warm the page cache once
        for query in QUERIES:
            ours: list[float] = []
            for _ in range(repeats):
                started = time.perf_counter()
                hits = store.search(query, limit=10)
                ours.append(time.perf_counter() - started)
            peer: list[float] = []
            like = " AND ".join("text LIKE ?" for _ in query.split())
            for _ in range(max(3, repeats // 10)):
                started = time.perf_counter()
                # Every match, as ranking needs them all (BM25 scores every matching row too).
                store.connection.execute(
                    f"SELECT id, headline FROM articles WHERE {like}", [f"%{w}%" for w in query.split()]
                ).fetchall()
                peer.append(time.perf_counter() - started)
            mine, theirs = _percentiles(ours), _percentiles(peer)
            result[query] = {
                "khabar": {**mine, "hits": len(hits)},
                "like_scan": theirs,
                "p95_ratio_like_over_khabar": round(theirs["p95_ms"] / max(mine["p95_ms"], 1e-6), 1),
            }
        all_p95 = max(entry["khabar"]["p95_ms"] for entry in result.values())
        result["max_p95_ms"] = all_p95
        result["articles"] = store.counts()["articles"]
    return result


def bench_dedup(limit: int) -> dict:
    texts = [r.get("content") or r.get("title") or "" for r in saudinewsnet_records(limit)]
    prepared = []
    started = time.perf_counter()
    for text in texts:  # shared by every method: normalization and shingling
        folded = normalized_text(text)
        prepared.append((folded, word_shingles(folded.split())))
    shingle_s = time.perf_counter() - started
    out: dict = {"articles": len(texts), "shared_normalize_and_shingle_s": round(shingle_s, 2)}

    # khabar: exact hash, then band buckets, then exact Jaccard against the earliest candidates.
    started = time.perf_counter()
    by_hash: dict[str, int] = {}
    buckets: dict[int, list[int]] = {}
    found = 0
    keep: list[set[str]] = []
    for index, (folded, items) in enumerate(prepared):
        keep.append(items)
        digest = normalized_hash(folded)
        if digest and digest in by_hash:
            found += 1
            continue
        keys = band_keys(shingles_signature(items)) if items else []
        candidates = sorted({i for key in keys for i in buckets.get(key, ())})
        if any(jaccard(items, keep[c]) >= THRESHOLD for c in candidates[:32]):
            found += 1
            continue
        if digest:
            by_hash[digest] = index
        for key in keys:
            buckets.setdefault(key, []).append(index)
    seconds = time.perf_counter() - started
    out["khabar"] = {
        "copies": found,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / seconds),
    }

    from datasketch import MinHash, MinHashLSH

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    found = 0
    for index, (_, items) in enumerate(prepared):
        if not items:
            continue
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch([item.encode("utf-8") for item in items])
        if lsh.query(minhash):
            found += 1
            continue
        lsh.insert(str(index), minhash)
    seconds = time.perf_counter() - started
    out["datasketch"] = {
        "copies": found,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / seconds),
        "note": "MinHashLSH estimate only, no exact Jaccard check",
    }
    try:
        import rensa
    except ImportError:
        out["rensa"] = "not installed (pip install rensa)"
        return out
    started = time.perf_counter()
    rlsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=16)
    found = 0
    for index, (_, items) in enumerate(prepared):
        if not items:
            continue
        minhash = rensa.RMinHash(num_perm=NUM_PERM, seed=1)
        minhash.update(list(items))
        if rlsh.query(minhash):
            found += 1
            continue
        rlsh.insert(index, minhash)
    seconds = time.perf_counter() - started
    out["rensa"] = {
        "copies": found,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / seconds),
        "note": "RMinHashLSH candidates (16 bands), no exact Jaccard check",
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="database to write (default: a temporary file)")
    parser.add_argument("--skip-ingest", action="store_true", help="reuse --db as it is")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--no-understand", action="store_true")
    parser.add_argument(
        "--inputs",
        type=Path,
        nargs="*",
        default=[SAUDINEWSNET],
        help="what to ingest (default: all SaudiNewsNet)",
    )
    parser.add_argument("--skip-dedup", action="store_true", help="leave out the dedup comparison")
    parser.add_argument("--repeats", type=int, default=50, help="runs of each search query")
    parser.add_argument("--dedup-limit", type=int, default=None, help="records for the dedup comparison")
    args = parser.parse_args()

    figures: dict = {"cores": os.cpu_count(), "workers": args.workers}
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "khabar.db"
        if not args.skip_ingest:
            if db.exists():
                sys.exit(f"{db} exists; remove it or pass --skip-ingest")
            figures["ingest"] = bench_ingest(db, args.workers, not args.no_understand, args.inputs)
            print(json.dumps({"ingest": figures["ingest"]}, ensure_ascii=False, indent=1), flush=True)
        figures["search"] = bench_search(db, args.repeats)
        print(json.dumps({"search": figures["search"]}, ensure_ascii=False, indent=1), flush=True)
    if not args.skip_dedup:
        figures["dedup"] = bench_dedup(args.dedup_limit)
        print(json.dumps({"dedup": figures["dedup"]}, ensure_ascii=False, indent=1))
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    name = (
        "store"
        + ("-no-understand" if args.no_understand else "")
        + ("" if args.inputs == [SAUDINEWSNET] else "-slice")
    )
    (out / f"{name}.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
