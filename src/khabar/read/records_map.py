"""Record fields: map a source's field names (SaudiNewsNet's ``date_extracted``, ``source``) onto
khabar's (``title, author, content, url, date, outlet``) for JSONL, JSON and zip readers.
"""

from __future__ import annotations

from typing import Any

from khabar.records import Document

FIELDS = ("title", "author", "content", "url", "date", "outlet")

# khabar field -> source key; fits SaudiNewsNet records (source, url, date_extracted, title, author, content).
DEFAULT_FIELD_MAP: dict[str, str] = {
    "title": "title",
    "author": "author",
    "content": "content",
    "url": "url",
    "date": "date_extracted",
    "outlet": "source",
}


def merged_field_map(field_map: dict[str, str] | None) -> dict[str, str]:
    """The default mapping overridden by ``field_map`` (khabar field → source key); unknown khabar
    fields are kept too, so a caller can carry e.g. ``section`` through."""
    merged = dict(DEFAULT_FIELD_MAP)
    if field_map:
        merged.update(field_map)
    return merged


def map_fields(record: Any, field_map: dict[str, str]) -> dict[str, str]:
    """Pick khabar's fields out of one record; a missing mapped key falls back to khabar's own name
    (a record that already says ``date``). Non-string values are turned into text, ``None`` dropped."""
    if not isinstance(record, dict):
        return {}
    fields: dict[str, str] = {}
    for name, key in field_map.items():
        value = record.get(key)
        if value is None and key != name:
            value = record.get(name)
        if value is None:
            continue
        if isinstance(value, list):
            value = "\n".join(str(item) for item in value if item is not None)
        text = value if isinstance(value, str) else str(value)
        if text.strip():
            fields[name] = text
    return fields


def record_document(source: str, record: Any, field_map: dict[str, str]) -> Document:
    """One decoded JSON value to a ``record`` Document; a value that is not an object gets a problem."""
    if not isinstance(record, dict):
        return Document(source=source, kind="record", problem=f"not-a-json-object: {type(record).__name__}")
    fields = map_fields(record, field_map)
    if not fields:
        return Document(source=source, kind="record", fields={}, problem="empty-record")
    return Document(
        source=source,
        kind="record",
        fields=fields,
        url=fields.get("url"),
        outlet=fields.get("outlet"),
    )
