"""The web UI and JSON API over a khabar store: ``create_app(db_path)`` for uvicorn or tests."""

from khabar.serve.app import create_app
from khabar.serve.reader import StoreMissing

__all__ = ["StoreMissing", "create_app"]
