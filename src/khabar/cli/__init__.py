"""The ``khabar`` command line: a face on the Python API, one module per command."""

from khabar.cli import export as _export  # noqa: F401  (registers the command)
from khabar.cli import ingest as _ingest  # noqa: F401  (registers the command)
from khabar.cli import ner_eval as _ner_eval  # noqa: F401  (registers the command)
from khabar.cli import parse as _parse  # noqa: F401  (registers the command)
from khabar.cli import search as _search  # noqa: F401  (registers the command)
from khabar.cli import serve as _serve  # noqa: F401  (registers the command)
from khabar.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
