"""``khabar export --format jsonl|parquet|csv``: the store's articles as files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from khabar.cli.app import app


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"
    csv = "csv"


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="jsonl (nested), parquet or csv (flat)."),
    db: Path = typer.Option(Path("khabar.db"), "--db", help="SQLite database written by `khabar ingest`."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file (default: articles.<format>)."),
    with_: str | None = typer.Option(
        None, "--with", help="Also export: entities,dates,quotes,events (comma-separated)."
    ),
) -> None:
    """Export articles; relations asked with --with nest in JSONL or go to sibling files."""
    from rich.console import Console

    from khabar.store import open_store
    from khabar.store.export import ExportError, parse_with

    err = Console(stderr=True)
    if not db.exists():
        err.print(f"[red]error:[/] no database at {db}")
        raise typer.Exit(2)
    try:
        relations = parse_with(with_)
    except ExportError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from error
    target = out or Path(f"articles.{format.value}")
    with open_store(db) as store:
        written = store.export(format.value, target, relations)
    for name, path in written.items():
        err.print(f"{name}: {path}")
