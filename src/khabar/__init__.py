"""khabar: Arabic news pages to structured, searchable knowledge."""

from khabar.pipeline import parse, parse_document
from khabar.records import Article, Byline, Caption, Document, Page, Teaser

__version__ = "0.1.0"

__all__ = ["Article", "Byline", "Caption", "Document", "Page", "Teaser", "parse", "parse_document"]
