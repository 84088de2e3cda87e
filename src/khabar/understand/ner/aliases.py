"""The alias table of canonical entities: countries, capitals, organizations, leaders.

Data lives in ``khabar/data/entities/*.tsv`` (columns: key, type, name, name_en, wikidata, iso,
geonames, aliases separated by «|»). Aliases are matched after ``normalize``, so «إيران» and
«ايران» are one alias; the canonical Arabic name is always an alias of its own entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from khabar.understand.normalize import normalize

COLUMNS = ("key", "type", "name", "name_en", "wikidata", "iso", "geonames", "aliases")


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    key: str
    type: str
    name: str
    name_en: str | None
    wikidata: str | None
    iso: str | None
    geonames: int | None
    role: str | None = None  # for leaders: «الرئيس الروسي», matched as a title


@dataclass(slots=True)
class AliasTable:
    by_alias: dict[str, CanonicalEntity] = field(default_factory=dict)
    by_key: dict[str, CanonicalEntity] = field(default_factory=dict)
    # normalized role phrase («الرئيس الروسي») → the entity that held it in the table's time frame
    by_role: dict[str, list[CanonicalEntity]] = field(default_factory=dict)

    def lookup(self, name: str) -> CanonicalEntity | None:
        return self.by_alias.get(normalize(name))


def parse_rows(text: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("key\t"):
            continue
        cells = line.split("\t")
        rows.append(dict(zip(COLUMNS, cells + [""] * (len(COLUMNS) - len(cells)), strict=False)))
    return rows


@lru_cache(maxsize=1)
def load_aliases() -> AliasTable:
    """Every table under data/entities; earlier files win an ambiguous alias (people before places)."""
    table = AliasTable()
    folder = resources.files("khabar").joinpath("data", "entities")
    if not folder.is_dir():
        return table
    for source in sorted(folder.iterdir(), key=lambda p: p.name):
        if not source.name.endswith(".tsv"):
            continue
        for row in parse_rows(source.read_text(encoding="utf-8")):
            entity = CanonicalEntity(
                key=row["key"],
                type=row["type"],
                name=row["name"],
                name_en=row["name_en"] or None,
                wikidata=row["wikidata"] or None,
                iso=row["iso"] or None,
                geonames=int(row["geonames"]) if row["geonames"].isdigit() else None,
            )
            table.by_key.setdefault(entity.key, entity)
            for alias in [entity.name, *row["aliases"].split("|")]:
                alias = normalize(alias.strip())
                if not alias:
                    continue
                if alias.startswith("role:"):
                    table.by_role.setdefault(alias[5:].strip(), []).append(entity)
                else:
                    table.by_alias.setdefault(alias, entity)
    return table
