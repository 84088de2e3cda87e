"""``khabar serve``: browse a store in the browser (Arabic UI) with a JSON API beside it."""

from __future__ import annotations

from pathlib import Path

import typer

from khabar.cli.app import app

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@app.command()
def serve(
    db: Path = typer.Option(Path("khabar.db"), "--db", help="SQLite database written by `khabar ingest`."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; loopback unless you mean it."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the store read-only: search, articles, entities, outlets, events; JSON under /api."""
    import uvicorn
    from rich.console import Console

    from khabar.serve import StoreMissing, create_app

    err = Console(stderr=True)
    try:
        web = create_app(db, read_only=True)
    except StoreMissing as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    if host not in LOOPBACK:
        err.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach it can read this store")
    err.print(f"khabar: serving {db} read-only at http://{host}:{port}/ (JSON: /api, schema: /openapi.json)")
    uvicorn.run(web, host=host, port=port, log_level="warning")
