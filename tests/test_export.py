"""Exports: nested JSONL, flat CSV and Parquet, relations on request."""

import csv
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from khabar.cli import app
from khabar.records import Article, Entity, Mention, Page, TemporalExpression, blocks_from_texts
from khabar.store import open_store
from khabar.store.export import ExportError, parse_with
from tests.test_store_helpers import spread, write_jsonl


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "k.db"
    with open_store(path) as store:
        store.ingest([write_jsonl(path.with_suffix(".jsonl"), spread(10))], workers=0, understand=False)
        article = Article(
            headline="بوتين في باكو", blocks=blocks_from_texts([("paragraph", "وصل بوتين إلى باكو أمس.")])
        )
        article.entities = [Entity(key="Q7747", type="PERS", name="بوتين", roles=["الرئيس"])]
        article.mentions = [Mention(start=4, end=9, text="بوتين", type="PERS", entity="Q7747")]
        article.dates = [
            TemporalExpression(start=19, end=22, text="أمس", value="2024-08-18", granularity="day")
        ]
        store.add_pages([Page(source="putin", articles=[article], content_hash="putin")])
    return path


def test_jsonl_has_one_nested_article_a_line(db, tmp_path):
    with open_store(db) as store:
        store.export("jsonl", tmp_path / "a.jsonl", ["entities", "dates"])
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 11
    last = json.loads(lines[-1])
    assert last["entities"] == [
        {"key": "Q7747", "type": "PERS", "name": "بوتين", "name_en": None, "wikidata": None, "iso": None,
         "geonames": None, "roles": ["الرئيس"]}
    ]  # fmt: skip
    assert last["text"][last["dates"][0]["start"] : last["dates"][0]["end"]] == "أمس"
    assert last["blocks"] == [{"kind": "paragraph", "text": "وصل بوتين إلى باكو أمس.", "start": 0, "end": 23}]


def test_jsonl_without_with_leaves_relations_out(db, tmp_path):
    with open_store(db) as store:
        store.export("jsonl", tmp_path / "a.jsonl")
    assert "entities" not in json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()[0])


def test_csv_writes_articles_and_a_file_per_relation(db, tmp_path):
    with open_store(db) as store:
        written = store.export("csv", tmp_path / "a.csv", ["entities"])
    assert sorted(written) == ["articles", "entities", "mentions"]
    with (tmp_path / "a.mentions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["text"], r["start"], r["end"]) for r in rows] == [("بوتين", "4", "9")]


def test_parquet_has_one_row_per_article(db, tmp_path):
    with open_store(db) as store:
        store.export("parquet", tmp_path / "a.parquet")
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == 11
    assert table.column("headline").to_pylist()[-1] == "بوتين في باكو"


def test_an_unknown_relation_is_refused():
    with pytest.raises(ExportError):
        parse_with("entities,people")


def test_the_export_command_writes_the_file(db, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["export", "--format", "jsonl", "--db", str(db), "--out", str(out), "--with", "quotes,events"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["quotes"] == []
