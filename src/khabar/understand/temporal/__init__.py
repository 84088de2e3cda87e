"""Arabic temporal expressions: data tables, one scanning pattern, calendar arithmetic, the tagger."""

from khabar.understand.temporal.tagger import tag

__all__ = ["tag"]
