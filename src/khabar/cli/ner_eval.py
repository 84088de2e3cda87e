"""``khabar ner-eval FILE``: entity-level precision, recall and F1 of the NER model on a CoNLL file."""

from __future__ import annotations

from pathlib import Path

import typer

from khabar.cli.app import app


@app.command("ner-eval")
def ner_eval(
    file: Path = typer.Argument(
        ..., help="CoNLL-style file: «token TAG» a line, blank line between sentences."
    ),
) -> None:
    """Tag FILE's tokens and score against its tags (exact span and type, micro-averaged, as seqeval)."""
    from khabar.understand.ner.conll import evaluate, read_conll
    from khabar.understand.ner.document import chunk
    from khabar.understand.ner.model import load_two_pass, tag_document

    try:
        sentences = read_conll(file)
    except OSError as error:
        typer.echo(f"error: cannot read {file}: {error.strerror}", err=True)
        raise typer.Exit(2) from error
    if not sentences:
        typer.echo(f"error: no tokens in {file}", err=True)
        raise typer.Exit(2)
    if load_two_pass() is None:
        typer.echo("error: the NER model is missing; run python -m khabar.understand.ner.train", err=True)
        raise typer.Exit(2)
    # Blocks of sentences stand in for documents (CoNLL files rarely mark them), as in training.
    predicted = [tags for block in chunk(sentences) for tags in tag_document([t for t, _ in block])]
    scores = evaluate([tags for _, tags in sentences], predicted)
    typer.echo(f"{'type':8} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}")
    for kind, score in scores.items():
        typer.echo(f"{kind:8} {score.precision:9.4f} {score.recall:9.4f} {score.f1:9.4f} {score.support:8d}")
