"""States as event participants when the text names them indirectly.

- a state body with a nationality adjective: «القوات الأوكرانية» → Ukraine (Q212),
  «الجيش الروسي» → Russia (Q159);
- an attack noun with one: «هجوماً أوكرانياً» → Ukraine;
- a capital acting as an agent (metonymy of political news): «دعت كييف موسكو» → Ukraine, Russia.

The nisba table is ``data/events/states.json``; countries and capitals come from the entity tables
(``data/entities/30-countries.tsv``, ``40-capitals.tsv``) through their ISO codes.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from khabar.records import Mention
from khabar.understand.sentences import WORD, alternation

_ENDINGS = "(?:ة|ا|اً|ين|ون)?"


@dataclass(frozen=True, slots=True)
class States:
    body_phrase: re.Pattern[str]
    gentilic: re.Pattern[str]
    country_of_stem: dict[str, str]
    country_of_capital: dict[str, str]


def _table(name: str) -> list[dict[str, str]]:
    text = resources.files("khabar").joinpath("data", "entities", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _fold(word: str) -> str:
    return word.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"}))


@cache
def states() -> States:
    data = json.loads(resources.files("khabar.data.events").joinpath("states.json").read_text("utf-8"))
    country_of_iso = {row["iso"]: row["wikidata"] for row in _table("30-countries.tsv") if row["wikidata"]}
    country_of_capital = {
        row["wikidata"]: country_of_iso[row["iso"]]
        for row in _table("40-capitals.tsv")
        if row["wikidata"] and row["iso"] in country_of_iso
    }
    country_of_stem = {
        _fold(stem): country_of_iso[iso]
        for iso, stems in data["gentilics"].items()
        if iso in country_of_iso
        for stem in stems
    }
    stems = alternation([stem for stems in data["gentilics"].values() for stem in stems])
    gentilic = rf"(?:ال)?(?P<stem>{stems}){_ENDINGS}(?!{WORD})"
    # The pattern opens on the body word itself so the engine can skip ahead by its first letters;
    # the proclitics and the word edge before it are checked by hand (``_opens_word``).
    body_phrase = re.compile(rf"(?P<body>(?:{alternation(data['state_bodies'])})\s+{gentilic})")
    return States(body_phrase, re.compile(gentilic), country_of_stem, country_of_capital)


def _country(match: re.Match[str]) -> str | None:
    stem = re.sub("[\u064b-\u0652]", "", match.group("stem"))
    return states().country_of_stem.get(_fold(stem))


def state_mentions(text: str, start: int, end: int) -> list[Mention]:
    """«القوات الأوكرانية» in ``text[start:end]`` as an ORG mention linked to the country's QID."""
    found = []
    for match in states().body_phrase.finditer(text, start, end):
        if not _opens_word(text, start, match.start()):
            continue
        country = _country(match)
        if country:
            # The span leaves the proclitics out, so «للجيش التركي» still reads as after a preposition.
            begin = match.start("body")
            found.append(Mention(begin, match.end(), text[begin : match.end()], "ORG", country))
    return found


def with_state_phrases(text: str, mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """``mentions`` plus the states named by a body and an adjective in ``text[start:end]``
    («القوات الأوكرانية»), by start; a mention inside such a phrase gives way to it."""
    phrases = state_mentions(text, start, end)
    if not phrases:
        return mentions
    kept = [m for m in mentions if not any(p.start <= m.start < p.end for p in phrases)]
    return sorted(kept + phrases, key=lambda m: m.start)


_WORD_CHAR = re.compile(WORD)


def _opens_word(text: str, start: int, position: int) -> bool:
    """The body word starts a word, after the proclitics و ف and ب ل (before ال) or ل (before ل)."""
    index = position
    if index > start and (
        (text[index - 1] in "بل" and text.startswith("ال", position))
        or (text[index - 1] == "ل" and text.startswith("ل", position))
    ):
        index -= 1
    if index > start and text[index - 1] in "وف":
        index -= 1
    return index == 0 or not _WORD_CHAR.match(text, index - 1)


def gentilic_after(text: str, position: int, end: int) -> Mention | None:
    """«هجوماً أوكرانياً»: a nationality adjective right after a noun trigger names its actor."""
    space = re.compile(r"\s+").match(text, position, end)
    if not space:
        return None
    match = states().gentilic.match(text, space.end(), end)
    # «غزو أوكرانيا» is the country itself, not an adjective: a bare ا ending is not read here;
    # «تظاهرات العراقيين» are the people, not the state.
    if match is None or match.group().endswith(("ا", "ين", "ون")):
        return None
    country = _country(match)
    if country is None:
        return None
    return Mention(match.start(), match.end(), match.group(), "ORG", country)


def as_state(entity: str) -> str:
    """A capital acting as an agent stands for its country: Kyiv (Q1899) → Ukraine (Q212)."""
    return states().country_of_capital.get(entity, entity)
