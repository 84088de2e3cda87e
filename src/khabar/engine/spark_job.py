"""The ``spark-submit`` entry point of the Spark engine, and the ``khabar ingest --engine spark`` face.

On a cluster (YARN, Kubernetes, EMR, Dataproc), ship khabar to the executors and submit this file::

    spark-submit --master yarn --py-files khabar.zip \\
        "$(python -c 'import khabar.engine.spark_job as j; print(j.__file__)')" \\
        --out s3a://bucket/khabar/2024-08 's3a://commoncrawl/crawl-data/CC-NEWS/2024/08/*.warc.gz'

The master comes from ``spark-submit``; ``--master`` here is only for running the file directly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from khabar.engine.spark import SparkUnavailable


def ingest_with_spark(
    paths: Sequence[str],
    *,
    out: str,
    engine: str = "spark",
    master: str | None = None,
    db: str | Path | None = None,
    understand: bool = True,
    as_json: bool = False,
) -> int:
    """Run the Spark engine, print its summary; an exit code, never a traceback for a missing
    dependency or an unknown engine."""
    from rich.console import Console
    from rich.markup import escape

    err = Console(stderr=True)
    if engine != "spark":
        err.print(f"[red]error:[/] unknown engine {engine!r} (local, spark)")
        return 2
    try:
        from khabar.engine.spark import SparkEngine

        runner = SparkEngine(master)
    except SparkUnavailable as error:
        err.print(f"[red]error:[/] {escape(str(error))}")  # escaped: «[spark]» is not markup
        return 2
    try:
        runner.spark.sparkContext.setLogLevel("WARN")  # spark-submit's INFO lines drown the summary
        summary = runner.run(list(paths), out, understand=understand)
        report = summary.to_dict()
        if db is not None:
            loaded = runner.load(out, db)
            report["loaded"] = {"db": str(db), **loaded.to_dict()}
    finally:
        runner.stop()
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        _print(err, report)
    return 0


def _print(console: object, report: dict) -> None:
    from rich.table import Table

    table = Table(title=f"ingest (spark) → {report['out']}", show_header=False, box=None)
    for key in ("files", "documents", "skipped", "pages", "articles"):
        table.add_row(key, f"{report[key]:,}")
    for key in ("duplicates", "failures"):
        counts = report[key]
        detail = ", ".join(f"{reason} {count:,}" for reason, count in sorted(counts.items()))
        table.add_row(key, f"{sum(counts.values()):,}" + (f" ({detail})" if detail else ""))
    if "loaded" in report:
        table.add_row("loaded into", f"{report['loaded']['db']} ({report['loaded']['articles']:,} articles)")
    console.print(table)  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit spark_job.py --out OUT PATH...``"""
    parser = argparse.ArgumentParser(prog="khabar-spark", description="khabar ingest on Apache Spark")
    parser.add_argument("paths", nargs="+", help="files, folders, globs or URIs (hdfs://, s3a://, gs://)")
    parser.add_argument("--out", required=True, help="folder or URI for the Parquet tables")
    parser.add_argument("--master", default=None, help="Spark master (spark-submit sets it)")
    parser.add_argument("--db", default=None, help="also load the tables into this SQLite store")
    parser.add_argument("--no-understand", action="store_true", help="skip dates, entities, quotes, events")
    args = parser.parse_args(argv)
    return ingest_with_spark(
        args.paths,
        out=args.out,
        master=args.master,
        db=args.db,
        understand=not args.no_understand,
        as_json=True,
    )


if __name__ == "__main__":
    sys.exit(main())
