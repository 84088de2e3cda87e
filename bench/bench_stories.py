"""Story clustering on a whole store, side by side with "near-dup as story" (datasketch MinHashLSH).

    .venv/bin/python bench/bench_stories.py [--db /tmp/bench.db] [--sample 20] [--json bench/out/stories.json]

Both run in this one process on the same articles (read once from the store, which is opened read-only
and never modified): khabar's ``build_stories`` (TF-IDF over headline + lead, ±2-day window,
average-link union-find) and a MinHashLSH at Jaccard 0.3 over word 3-grams of the normalized headline +
lead, whose connected components are taken as stories. Printed: articles per second per core (single
process), stories and their size distribution, multi-outlet stories, and a random sample of linked
cross-outlet pairs of each (URLs and headlines) to judge by hand; verdicts are kept in
``tests/data/judged/stories.tsv`` (URLs and verdict only, never the text).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
from collections import Counter
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from khabar.dedup.exact import normalized_text
from khabar.dedup.stories import LEAD_CHARS, build_stories
from khabar.store.stories import story_inputs

JUDGED = Path(__file__).resolve().parents[1] / "tests" / "data" / "judged" / "stories.tsv"


def lsh_stories(items, threshold: float = 0.3, num_perm: int = 128) -> list[list[int]]:
    """Connected components of MinHashLSH candidates at ``threshold`` on word 3-grams."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for index, item in enumerate(items):
        words = normalized_text(f"{item.headline or ''} {item.text[:LEAD_CHARS]}").split()
        grams = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
        minhash = MinHash(num_perm=num_perm, seed=1)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        for other in lsh.query(minhash):
            a, b = find(index), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        lsh.insert(index, minhash)
    groups: dict[int, list[int]] = {}
    for index in range(len(items)):
        groups.setdefault(find(index), []).append(index)
    return [group for group in groups.values() if len(group) > 1]


def describe(name: str, groups: list[list[int]], items, seconds: float) -> dict:
    sizes = Counter(min(len(g), 10) for g in groups)
    multi = [g for g in groups if len({items[i].outlet for i in g}) > 1]
    stats = {
        "articles": len(items),
        "seconds": round(seconds, 2),
        "articles_per_s_per_core": round(len(items) / seconds),
        "stories": len(groups),
        "multi_outlet_stories": len(multi),
        "articles_in_stories": sum(len(g) for g in groups),
        "largest": max((len(g) for g in groups), default=0),
        "sizes (10 = 10+)": dict(sorted(sizes.items())),
    }
    print(f"{name:>18}: " + json.dumps(stats, ensure_ascii=False))
    return stats


def sample_pairs(groups: list[list[int]], items, count: int, seed: int) -> list[tuple[int, int]]:
    """Random cross-outlet pairs of articles put in one story."""
    rng = random.Random(seed)
    pairs = [(i, j) for g in groups for i in g for j in g if i < j and items[i].outlet != items[j].outlet]
    return rng.sample(pairs, min(count, len(pairs)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/bench.db")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    connection = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    urls = dict(connection.execute("SELECT id, url FROM articles"))
    items = story_inputs(connection)
    connection.close()

    start = time.process_time()
    stories = build_stories(items)
    khabar_seconds = time.process_time() - start
    index = {item.id: i for i, item in enumerate(items)}
    khabar_groups = [[index[a] for a in story.article_ids] for story in stories]

    start = time.process_time()
    lsh_groups = lsh_stories(items)
    lsh_seconds = time.process_time() - start

    results = {
        "khabar": describe("khabar stories", khabar_groups, items, khabar_seconds),
        "minhashlsh": describe("MinHashLSH 0.3", lsh_groups, items, lsh_seconds),
    }
    results["speed_ratio_khabar_over_lsh"] = round(lsh_seconds / khabar_seconds, 2)
    print(
        f"speed ratio (khabar / MinHashLSH, articles per CPU-second): {results['speed_ratio_khabar_over_lsh']}"
    )
    print(
        "multi-outlet stories ratio (khabar / MinHashLSH): "
        f"{results['khabar']['multi_outlet_stories'] / max(1, results['minhashlsh']['multi_outlet_stories']):.2f}"
    )

    judged = {}
    if JUDGED.exists():
        for line in JUDGED.read_text(encoding="utf-8").splitlines()[1:]:
            method, url_a, url_b, verdict = line.split("\t")
            judged[(method, url_a, url_b)] = verdict
    for method, groups in (("khabar", khabar_groups), ("minhashlsh", lsh_groups)):
        print(f"\n== sample of {method} cross-outlet pairs (method, url_a, url_b, verdict?, headlines)")
        verdicts = Counter()
        for i, j in sample_pairs(groups, items, args.sample, seed=11):
            key = (method, urls[items[i].id], urls[items[j].id])
            verdict = judged.get(key, "?")
            verdicts[verdict] += 1
            print("\t".join((*key, verdict, items[i].headline or "", items[j].headline or "")))
        if verdicts.get("same", 0) + verdicts.get("different", 0):
            precision = verdicts["same"] / (verdicts["same"] + verdicts["different"])
            results[method]["judged_precision"] = round(precision, 2)
            results[method]["judged"] = dict(verdicts)
            print(f"{method}: hand-judged precision {precision:.2f} {dict(verdicts)}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
