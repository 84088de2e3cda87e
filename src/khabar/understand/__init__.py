"""Understanding: per-article annotators, each adding standoff spans over ``Article.text``.

Each step is a module exposing ``annotate(article: Article) -> None``; they run in this order
because later steps read earlier ones (quotes and events read dates and entities; the confidence
step scores the speakers and events the rules found and drops the doubtful ones).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from khabar.records import Article

STEPS: tuple[str, ...] = ("dates", "entities", "quotes", "events", "confidence")

_loaded: dict[str, Callable[[Article], None]] = {}


def _step(name: str) -> Callable[[Article], None]:
    if name not in _loaded:
        module = importlib.import_module(f"khabar.understand.{name}")
        _loaded[name] = module.annotate
    return _loaded[name]


def understand(article: Article, steps: Iterable[str] = STEPS) -> Article:
    """Run the named annotators over one article, in pipeline order."""
    for name in steps:
        _step(name)(article)
    return article
