"""The Typer application that every command module registers itself on."""

import typer

app = typer.Typer(
    name="khabar",
    help="Arabic news pages to structured, searchable knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
