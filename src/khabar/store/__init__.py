"""The embedded store: an SQLite file of pages, articles and what they say, with Arabic search.

>>> from khabar.store import open_store
>>> with open_store("khabar.db") as store:
...     summary = store.ingest(["../shared/corpora/saudinewsnet"])
...     hits = store.search("بوتين")
"""

from khabar.store.db import IngestSummary, Store, open_store
from khabar.store.search import SearchHit

__all__ = ["IngestSummary", "SearchHit", "Store", "open_store"]
