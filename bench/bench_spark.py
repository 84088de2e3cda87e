"""Spark engine benchmark: Spark in local mode against the local process pool, same inputs, one run.

    .venv/bin/python bench/bench_spark.py               # 2 SaudiNewsNet days, 2 cores
    .venv/bin/python bench/bench_spark.py --zips 4 --cores 4

Inputs are SaudiNewsNet daily zips read from ../shared (one file = one Spark task). Measured:

1. one process (``LocalEngine(0)``): parse + understand + dedup keys of every document — the
   per-core baseline;
2. the local process pool with ``--cores`` workers, same work;
3. Spark ``local[cores]``: the whole engine (parse, corpus-wide dedup, Parquet tables), and its
   parse stage alone. Session start-up is timed apart (paid once per cluster job, not per file);
4. CPU seconds, which a busy shared machine distorts far less than wall time: of the one-process
   run, of the engine's per-file task inside Spark's Python workers, and of reading and
   structuring an HTML page without understanding (the cost of a page later dropped as not Arabic).

Articles/s and articles/s per core are printed and written to ``bench/out/spark.json``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import SAUDINEWSNET  # noqa: E402
from khabar.engine.local import LocalEngine  # noqa: E402
from khabar.read import iter_documents  # noqa: E402
from khabar.store.prepare import prepare, prepare_crashed  # noqa: E402


def pick_inputs(count: int) -> list[str]:
    """The ``count`` smallest daily zips, so a quick run still has one task per file."""
    zips = sorted(SAUDINEWSNET.glob("*.zip"), key=lambda path: path.stat().st_size)[:count]
    return sorted(str(path) for path in zips)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (pool workers are joined)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def local_run(inputs: list[str], workers: int) -> tuple[int, int, float, float]:
    """Documents, articles, seconds and CPU seconds for the local engine's per-document work."""
    started, cpu = time.perf_counter(), _cpu()
    documents = articles = 0
    engine = LocalEngine(workers)
    for prepared in engine.map(iter_documents(inputs), partial(prepare, understand=True), prepare_crashed):
        documents += 1
        articles += len(prepared.page.articles)
    return documents, articles, time.perf_counter() - started, _cpu() - cpu


def _task_cpu(items: Any) -> Any:
    """The engine's per-file task, timed in CPU seconds inside the executor's Python worker."""
    from khabar.engine.spark import process_file

    for index, path in items:
        cpu = time.process_time()
        articles = sum(len(row["articles"]) for row in process_file(index, path, True))
        yield articles, time.process_time() - cpu


def html_structure_cpu(rounds: int = 30) -> float:
    """CPU seconds per page to read and structure the real HTML pages without understanding: what
    a page costs before the pipeline drops it as not Arabic (the fate of most CC-NEWS pages)."""
    from khabar.pipeline import parse

    pages = [path.read_bytes() for path in sorted((SAUDINEWSNET.parent.parent / "html").glob("*.html"))]
    cpu = time.process_time()
    for _ in range(rounds):
        for page in pages:
            parse(page, understand=False)
    return (time.process_time() - cpu) / (rounds * len(pages))


def spark_runs(inputs: list[str], cores: int) -> dict:
    from pyspark import StorageLevel

    from khabar.engine.spark import SparkEngine
    from khabar.engine.spark_tables import DOCS_SCHEMA

    started = time.perf_counter()
    engine = SparkEngine(f"local[{cores}]")
    engine.spark.sparkContext.parallelize(range(cores), cores).count()  # JVM and Python workers up
    startup = time.perf_counter() - started
    try:
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            summary = engine.run(inputs, out)
            full = time.perf_counter() - started
        started = time.perf_counter()
        frame = engine.spark.createDataFrame(engine._parse(engine.list_inputs(inputs), True), DOCS_SCHEMA)
        frame = frame.persist(StorageLevel.MEMORY_AND_DISK)
        parsed = frame.count()
        parse_only = time.perf_counter() - started
        frame.unpersist()
        files = list(enumerate(engine.list_inputs(inputs)))
        timed = engine.spark.sparkContext.parallelize(files, len(files)).mapPartitions(_task_cpu).collect()
    finally:
        engine.stop()
    stored = summary.articles + sum(summary.duplicates.values())
    return {
        "startup_s": round(startup, 1),
        "documents": parsed,
        "articles": summary.articles,
        "articles_parsed": stored,
        "full_s": round(full, 1),
        "parse_s": round(parse_only, 1),
        "task_cpu_s": round(sum(cpu for _, cpu in timed), 1),
        "duplicates": dict(summary.duplicates),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zips", type=int, default=2, help="SaudiNewsNet daily zips to read")
    parser.add_argument("--cores", type=int, default=2, help="pool workers and Spark local[N]")
    args = parser.parse_args()
    inputs = pick_inputs(args.zips)
    print(f"inputs: {', '.join(Path(p).name for p in inputs)}; cores: {args.cores}")

    docs1, arts1, secs1, cpu1 = local_run(inputs, 0)
    docsn, artsn, secsn, _ = local_run(inputs, args.cores)
    spark = spark_runs(inputs, args.cores)
    parsed = spark["articles_parsed"]

    def line(name: str, articles: int, seconds: float, cores: int) -> dict:
        rate = articles / seconds
        print(
            f"{name:<34} {articles:>6} articles {seconds:>7.1f} s {rate:>8.1f}/s {rate / cores:>8.1f}/s/core"
        )
        return {
            "articles": articles,
            "seconds": round(seconds, 2),
            "per_s": round(rate, 1),
            "per_core": round(rate / cores, 1),
        }

    results = {
        "inputs": [Path(p).name for p in inputs],
        "cores": args.cores,
        "one_process": line("local, 1 process (parse+keys)", arts1, secs1, 1),
        "local_pool": line(f"local pool, {args.cores} workers (parse+keys)", artsn, secsn, args.cores),
        "spark_parse": line(f"spark local[{args.cores}], parse stage", parsed, spark["parse_s"], args.cores),
        "spark_full": line(f"spark local[{args.cores}], whole job", parsed, spark["full_s"], args.cores),
        "spark": spark,
    }
    per_cpu_local = arts1 / cpu1
    per_cpu_spark = parsed / spark["task_cpu_s"]
    html_cpu = html_structure_cpu()
    print(
        f"CPU-bound rates: local 1 process {per_cpu_local:.1f} articles/CPU-s; spark task {per_cpu_spark:.1f}"
    )
    print(f"HTML page read+structure (no understanding): {html_cpu * 1000:.1f} ms CPU per page")
    results["cpu"] = {
        "local_articles_per_cpu_s": round(per_cpu_local, 1),
        "spark_task_articles_per_cpu_s": round(per_cpu_spark, 1),
        "html_structure_ms_per_page": round(html_cpu * 1000, 2),
    }
    print(f"spark session start-up: {spark['startup_s']} s (once per job)")
    print(
        f"ratios: spark whole job / local pool = {secsn / spark['full_s']:.2f}x throughput; "
        f"spark parse stage / local pool = {secsn / spark['parse_s']:.2f}x"
    )
    assert docs1 == docsn == spark["documents"], "engines read different documents"
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "spark.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
