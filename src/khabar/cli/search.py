"""``khabar search QUERY``: ranked, highlighted articles from the store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from khabar.cli.app import app


@app.command()
def search(
    query: str = typer.Argument(..., help="Arabic words; every word must match («احمد» finds «أحمد»)."),
    db: Path = typer.Option(Path("khabar.db"), "--db", help="SQLite database written by `khabar ingest`."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="How many results."),
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet."),
    date_from: str | None = typer.Option(None, "--from", help="Published on or after (YYYY-MM-DD)."),
    date_to: str | None = typer.Option(None, "--to", help="Published on or before (YYYY-MM-DD)."),
    entity: str | None = typer.Option(None, "--entity", help="Mentions this entity (key, QID or name)."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines, one result each."),
) -> None:
    """Search the store: BM25-ranked articles with the matching words highlighted."""
    from rich.console import Console
    from rich.text import Text

    from khabar.store import open_store

    err = Console(stderr=True)
    if not db.exists():
        err.print(f"[red]error:[/] no database at {db}; run `khabar ingest PATH --db {db}` first")
        raise typer.Exit(2)
    with open_store(db) as store:
        hits = store.search(
            query, limit=limit, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity
        )
    if as_json:
        for hit in hits:
            typer.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    out = Console()
    if not hits:
        err.print("no results")
        return
    for rank, hit in enumerate(hits, start=1):
        title = Text(f"{rank}. ")
        title.append(_marked(hit.headline or "(بلا عنوان)", hit.headline_marks, "bold"))
        out.print(title)
        meta = " · ".join(part for part in (hit.outlet, hit.published, hit.url) if part)
        out.print(Text(f"   {meta}  [bm25 {hit.score:.2f}]", style="dim"))
        out.print(Text("   ").append(_marked(hit.snippet, hit.marks, "")))
        out.print()


def _marked(text: str, spans: list[tuple[int, int]], base: str) -> object:
    from rich.text import Text

    rendered = Text(text, style=base)
    for start, end in spans:
        rendered.stylize("bold black on yellow", start, end)
    return rendered
