"""``khabar ingest PATH...``: read, parse, dedup and store into an SQLite database."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from khabar.cli.app import app

if TYPE_CHECKING:
    from rich.console import Console

    from khabar.store import IngestSummary


@app.command()
def ingest(
    paths: list[str] = typer.Argument(
        ..., help="Files, folders and globs: text, HTML, WARC, JSONL, JSON, zip."
    ),
    db: Path = typer.Option(Path("khabar.db"), "--db", help="SQLite database (created if missing)."),
    workers: int | None = typer.Option(
        None, "--workers", "-w", min=0, help="Worker processes (default: all cores; 0: in this process)."
    ),
    understand: bool = typer.Option(
        True, "--understand/--no-understand", help="Dates, entities, quotes, events."
    ),
    batch_size: int = typer.Option(256, "--batch-size", min=1, help="Documents per transaction."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
    engine: str = typer.Option(
        "local", "--engine", help="local (process pool) or spark (see docs/spark.md)."
    ),
    master: str | None = typer.Option(
        None, "--master", help="Spark master with --engine spark: local[2], yarn, spark://host:7077."
    ),
    out: str = typer.Option(
        "khabar-parquet", "--out", help="Parquet output folder or URI with --engine spark."
    ),
    load: bool = typer.Option(False, "--load", help="With --engine spark: also load the output into --db."),
) -> None:
    """Ingest pages into the store; rerunning adds nothing already there, even after a crash."""
    if engine != "local":
        from khabar.engine.spark_job import ingest_with_spark

        code = ingest_with_spark(
            paths, engine=engine, master=master, out=out, db=db if load else None,
            understand=understand, as_json=as_json,
        )  # fmt: skip
        raise typer.Exit(code)
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from khabar.store import open_store

    err = Console(stderr=True)
    started = time.perf_counter()
    bar = (
        Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/]"),
            TextColumn("{task.fields[line]}"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        )
        if progress and err.is_terminal
        else None
    )
    task = bar.add_task("ingest", total=None, line="starting…") if bar else None

    def report(summary: IngestSummary) -> None:
        if bar is None or task is None:
            return
        elapsed = max(time.perf_counter() - started, 1e-9)
        bar.update(
            task,
            line=f"{summary.documents:,} pages · {summary.documents / elapsed:,.0f} pages/s · "
            f"{summary.articles:,} articles · {summary.articles / elapsed:,.0f} articles/s · "
            f"{sum(summary.duplicates.values()):,} duplicates · {sum(summary.failures.values()):,} failures",
        )

    try:
        store = open_store(db)
    except Exception as error:  # a file that is not a khabar database, or a newer schema
        err.print(f"[red]error:[/] cannot open {db}: {error}")
        raise typer.Exit(2) from error
    if bar:
        bar.start()
    try:
        with store:
            summary = store.ingest(
                paths, workers=workers, understand=understand, batch_size=batch_size, progress=report
            )
    finally:
        if bar:
            bar.stop()
    elapsed = time.perf_counter() - started
    if as_json:
        typer.echo(json.dumps({**summary.to_dict(), "seconds": round(elapsed, 3)}, ensure_ascii=False))
        return
    _print_summary(err, summary, db, elapsed)


def _print_summary(console: Console, summary: IngestSummary, db: Path, elapsed: float) -> None:
    from rich.table import Table

    table = Table(title=f"ingest → {db}", show_header=False, box=None)
    table.add_row("pages read", f"{summary.documents:,}")
    table.add_row("already stored", f"{summary.skipped:,}")
    table.add_row("new pages", f"{summary.pages:,}")
    table.add_row("new articles", f"{summary.articles:,} ({summary.articles / max(elapsed, 1e-9):,.0f}/s)")
    table.add_row("duplicates", _by_reason(summary.duplicates))
    table.add_row("failures", _by_reason(summary.failures))
    if summary.problems:
        table.add_row("stored with a problem", _by_reason(summary.problems))
    if summary.read_skipped:
        table.add_row("skipped by readers", _by_reason(summary.read_skipped))
    table.add_row("time", f"{elapsed:.1f} s")
    console.print(table)


def _by_reason(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "0"
    detail = ", ".join(
        f"{reason} {count:,}" for reason, count in sorted(counts.items(), key=lambda kv: -kv[1])
    )
    return f"{total:,} ({detail})"
