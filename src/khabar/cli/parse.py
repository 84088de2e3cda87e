"""``khabar parse FILE...``: structure and understand pages, print them."""

from __future__ import annotations

import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path

import typer

from khabar.cli.app import app


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    text = "text"


@app.command()
def parse(
    files: list[Path] = typer.Argument(
        ..., help="Text dumps, HTML, WARC(.gz), JSONL, JSON or zip; folders and globs."
    ),
    format: Format = typer.Option(Format.json, "--format", "-f", help="Output format."),
    understand: bool = typer.Option(
        True, "--understand/--no-understand", help="Dates, entities, quotes, events."
    ),
    progress: bool = typer.Option(
        True, "--progress/--no-progress", help="Progress bar on stderr for many pages."
    ),
) -> None:
    """Parse pages into articles and print them (JSON by default)."""
    from rich.console import Console

    from khabar.pipeline import parse_document
    from khabar.read import ReadStats, iter_documents
    from khabar.render import page_markdown, page_text

    err = Console(stderr=True)
    stats = ReadStats()
    problems: Counter[str] = Counter()
    pages = articles = 0
    documents = iter_documents([str(f) for f in files], stats=stats)
    single = len(files) == 1 and files[0].is_file() and _is_single_page(files[0])
    bar = _progress(err) if progress and not single and err.is_terminal else None
    task = bar.add_task("parsing", total=None) if bar else None
    if bar:
        bar.start()
    try:
        for document in documents:
            page = parse_document(document, understand=understand)
            pages += 1
            articles += len(page.articles)
            if page.problem:
                problems[page.problem.split(":")[0]] += 1
            if format is Format.json:
                sys.stdout.write(page.to_json(indent=True) + "\n")
            elif format is Format.jsonl:
                sys.stdout.write(page.to_json() + "\n")
            elif format is Format.markdown:
                sys.stdout.write(page_markdown(page) + "\n\n")
            else:
                sys.stdout.write(page_text(page) + "\n\n")
            if bar and task is not None:
                bar.update(task, advance=1, articles=articles)
    finally:
        if bar:
            bar.stop()
    skipped = stats.skipped_total
    if pages == 0:
        reasons = (
            ", ".join(f"{name} {count}" for name, count in stats.skipped.most_common()) or "nothing to read"
        )
        err.print(f"[red]khabar: no page read ({reasons})[/red]")
        raise typer.Exit(2)
    if not single or problems:
        summary = f"{pages} pages, {articles} articles"
        if problems:
            summary += ", problems: " + ", ".join(f"{name} {count}" for name, count in problems.most_common())
        if skipped:
            summary += ", skipped: " + ", ".join(
                f"{name} {count}" for name, count in stats.skipped.most_common()
            )
        err.print(summary)


def _is_single_page(path: Path) -> bool:
    from khabar.read import input_format

    return input_format(path) == "page"


def _progress(console):  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} pages · {task.fields[articles]} articles"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
