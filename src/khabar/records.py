"""The records that flow through khabar, from a read page to its understood articles.

Every annotation is standoff: a character span ``[start, end)`` into ``Article.text`` (the body,
blocks joined by a blank line), with the covered text kept beside it for convenience. The JSON of
a record uses the same field names in the CLI, the Python API, the store and the HTTP API.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

import msgspec

PARAGRAPH_SEPARATOR = "\n\n"

BlockKind = Literal["paragraph", "subheading"]


@dataclass(slots=True)
class Caption:
    """A photo caption: «الرئيس الروسي فلاديمير بوتين 16 أغسطس 2024 (إ.ب.أ)» →
    text without the credit, credit «إ.ب.أ», agency «EPA», date «2024-08-16»."""

    text: str
    credit: str | None = None
    agency: str | None = None
    date: str | None = None


@dataclass(slots=True)
class Byline:
    """«رائد جبر (موسكو)» or «لندن: رنيم حنوش» → author and dateline city."""

    author: str | None = None
    dateline: str | None = None


@dataclass(slots=True)
class Teaser:
    """A related-article teaser ("مقالات ذات صلة"), kept apart from the article body."""

    title: str
    section: str | None = None
    summary: str | None = None
    caption: Caption | None = None
    byline: Byline | None = None


@dataclass(slots=True)
class Block:
    """A body block with its span in ``Article.text``."""

    kind: BlockKind
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Subheading:
    text: str
    before_paragraph: int


@dataclass(slots=True)
class Published:
    """Publication date (ISO ``YYYY-MM-DD``) and how it was found, in words."""

    date: str | None = None
    how: str = "unknown"


@dataclass(slots=True)
class TemporalExpression:
    """A date or time expression resolved against the publication date.

    ``value`` is ISO-like: ``2024-08-06`` (day), ``2024-11`` (month), ``2018`` (year),
    ``2024-08-18/2024-08-19`` (range), ``2024-08-06/..`` (open range). ``begin``/``end`` are the
    first and last day covered, as ISO dates, when known.
    """

    start: int
    end: int
    text: str
    value: str
    granularity: Literal["day", "week", "month", "year", "range", "open_range", "time"]
    relative: bool = False
    begin: str | None = None
    end_date: str | None = None
    calendar: Literal["gregorian", "hijri"] = "gregorian"


@dataclass(slots=True)
class Mention:
    """A named-entity mention; ``entity`` is the key of an ``Entity`` of the same article."""

    start: int
    end: int
    text: str
    type: Literal["PERS", "LOC", "ORG", "MISC"]
    entity: str | None = None
    role: str | None = None


@dataclass(slots=True)
class Entity:
    """A canonical entity of an article: ``key`` is its Wikidata QID when linked, else a local key."""

    key: str
    type: Literal["PERS", "LOC", "ORG", "MISC"]
    name: str
    name_en: str | None = None
    wikidata: str | None = None
    iso: str | None = None
    geonames: int | None = None
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    """Reported speech with its speaker; ``speaker`` is the key of an ``Entity`` when linked."""

    start: int
    end: int
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    verb: str | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    medium: str | None = None


@dataclass(slots=True)
class Event:
    """A PLOVER event with its participants and evidence span."""

    type: str
    start: int
    end: int
    text: str
    mode: str | None = None
    trigger: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: str | None = None
    begin: str | None = None
    end_date: str | None = None
    factuality: Literal["happened", "planned", "denied", "hypothetical"] = "happened"
    confidence: float = 0.5


@dataclass(slots=True)
class Article:
    headline: str | None = None
    subtitle: str | None = None
    captions: list[Caption] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    published: Published = field(default_factory=Published)
    related: list[Teaser] = field(default_factory=list)
    section: str | None = None
    url: str | None = None
    outlet: str | None = None
    dates: list[TemporalExpression] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body: blocks joined by a blank line; every span points into this string."""
        return PARAGRAPH_SEPARATOR.join(block.text for block in self.blocks)

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if block.kind == "paragraph"]

    @property
    def subheadings(self) -> list[Subheading]:
        result: list[Subheading] = []
        paragraphs_seen = 0
        for block in self.blocks:
            if block.kind == "paragraph":
                paragraphs_seen += 1
            else:
                result.append(Subheading(block.text, paragraphs_seen))
        return result

    def to_dict(self) -> dict[str, Any]:
        data = to_builtins(self)
        data["paragraphs"] = self.paragraphs
        data["subheadings"] = to_builtins(self.subheadings)
        data["text"] = self.text
        return data


def blocks_from_texts(items: list[tuple[BlockKind, str]]) -> list[Block]:
    """Lay blocks end to end, separated by ``PARAGRAPH_SEPARATOR``, with their spans."""
    blocks: list[Block] = []
    offset = 0
    for kind, text in items:
        blocks.append(Block(kind, text, offset, offset + len(text)))
        offset += len(text) + len(PARAGRAPH_SEPARATOR)
    return blocks


def block_spans(blocks: list[Block]) -> list[list[Any]]:
    """Blocks as ``[kind, start, end]`` triples: how the store and Spark keep them beside the text."""
    return [[block.kind, block.start, block.end] for block in blocks]


def blocks_from_spans(text: str, spans: list[list[Any]]) -> list[Block]:
    """Blocks back from ``[kind, start, end]`` triples over the article text they index."""
    return [Block(kind, text[start:end], start, end) for kind, start, end in spans]


@dataclass(slots=True)
class Document:
    """One raw input before structuring, as a reader yields it.

    ``kind`` says how to structure it: ``text`` (a plain-text dump), ``html``, or ``record``
    (a JSONL/JSON record whose fields are already named, in ``fields``: title, author, content,
    url, date, outlet). ``problem`` is set by a reader that could not read it (a truncated WARC
    record, a line that is not JSON): the pipeline turns it into a ``Page`` with that problem.
    """

    source: str
    data: bytes | str = b""
    kind: Literal["text", "html", "record"] = "text"
    url: str | None = None
    outlet: str | None = None
    charset: str | None = None
    fields: dict[str, str] | None = None
    problem: str | None = None


@dataclass(slots=True)
class Page:
    """One input document (a text dump, an HTML page, a WARC record, a JSONL line) and its articles.

    ``problem`` names why nothing usable came out of it ("empty", "binary", "not-arabic", ...);
    a page with a problem still serializes, so a batch never loses track of a bad document.
    """

    source: str | None = None
    articles: list[Article] = field(default_factory=list)
    encoding: str | None = None
    url: str | None = None
    outlet: str | None = None
    content_hash: str | None = None
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = to_builtins(self)
        data["articles"] = [article.to_dict() for article in self.articles]
        return data

    def to_json(self, indent: bool = False) -> str:
        encoded = msgspec.json.encode(self.to_dict())
        if indent:
            encoded = msgspec.json.format(encoded, indent=1)
        return encoded.decode("utf-8")


def to_builtins(value: Any) -> Any:
    """Dataclasses, lists and dicts to plain JSON-ready values (no properties)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_builtins(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [to_builtins(item) for item in value]
    if isinstance(value, dict):
        return {key: to_builtins(item) for key, item in value.items()}
    return value
