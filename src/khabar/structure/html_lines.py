"""Reduce an HTML element to the lines a reader sees: one line per block element or ``<br>``.

Once reduced to lines, an HTML page can go through the same line classification as a text dump
(``structure.text_page.classify``): one structurer's logic for captions, bylines, boilerplate and
related-article blocks, not two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from khabar.structure.html_hints import tag_set

_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class HtmlLine:
    """A line of visible text; ``tag`` is the block element it closes (``p``, ``h2``, ``figcaption``),
    ``link_chars`` how much of it is link text (menus and tag lists are mostly links)."""

    text: str
    tag: str
    link_chars: int = 0

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


class _Collector:
    __slots__ = ("lines", "parts", "link_chars", "block_tags", "drop_tags")

    def __init__(self) -> None:
        self.lines: list[HtmlLine] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.block_tags = tag_set("block_tags")
        self.drop_tags = tag_set("drop_tags")

    def flush(self, tag: str) -> None:
        if self.parts:
            text = _SPACES.sub(" ", "".join(self.parts)).strip()
            if text:
                self.lines.append(HtmlLine(text, tag, min(self.link_chars, len(text))))
        self.parts = []
        self.link_chars = 0

    def walk(self, node: LexborNode, tag: str, in_link: bool) -> None:
        for child in node.iter(include_text=True):
            child_tag = child.tag
            if child_tag == "-text":
                text = child.text_content or ""
                self.parts.append(text)
                if in_link:
                    self.link_chars += len(text.strip())
            elif child_tag in ("-comment", "-doctype") or child_tag in self.drop_tags:
                continue
            elif child_tag == "br":
                self.flush(tag)
            elif child_tag in self.block_tags:
                self.flush(tag)
                self.walk(child, child_tag, in_link)
                self.flush(child_tag)
            elif child_tag == "img":
                continue
            else:
                self.walk(child, tag, in_link or child_tag == "a")


def html_lines(node: LexborNode) -> list[HtmlLine]:
    """The lines of an element in document order, whitespace collapsed, empty lines left out."""
    collector = _Collector()
    collector.walk(node, node.tag or "div", False)
    collector.flush(node.tag or "div")
    return collector.lines
