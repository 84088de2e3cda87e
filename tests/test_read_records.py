"""JSONL, JSON and zipped JSON records → ``record`` Documents, with stable sources and mapped fields."""

import gzip
import json
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.read import ReadStats, iter_documents
from khabar.read.jsonl import iter_jsonl
from khabar.read.zipped import iter_zip
from tests.conftest import SAUDINEWSNET

RECORD = {
    "source": "aawsat",
    "url": "https://aawsat.com/x/1",
    "date_extracted": "2015-07-21 02:51:32",
    "title": "بوتين يقوم بزيارة لأذربيجان",
    "author": "موسكو: رائد جبر",
    "content": "يجري الرئيس الروسي زيارة دولة.\n\nويلتقي نظيره الأذربيجاني.",
}


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_line_maps_saudinewsnet_fields(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(RECORD, ensure_ascii=False)])
    [document] = iter_jsonl(path)
    assert document.kind == "record"
    assert document.fields == {
        "title": "بوتين يقوم بزيارة لأذربيجان",
        "author": "موسكو: رائد جبر",
        "content": "يجري الرئيس الروسي زيارة دولة.\n\nويلتقي نظيره الأذربيجاني.",
        "url": "https://aawsat.com/x/1",
        "date": "2015-07-21 02:51:32",
        "outlet": "aawsat",
    }
    assert (document.url, document.outlet) == ("https://aawsat.com/x/1", "aawsat")


def test_jsonl_source_is_path_and_line(tmp_path: Path) -> None:
    line = json.dumps(RECORD, ensure_ascii=False)
    path = write_jsonl(tmp_path / "a.jsonl", [line, "", line])
    assert [d.source for d in iter_jsonl(path)] == [f"{path}:1", f"{path}:3"]


def test_jsonl_bad_line_is_a_document_with_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    line = json.dumps(RECORD, ensure_ascii=False)
    path = write_jsonl(tmp_path / "a.jsonl", [line, '{"title": "نص مقطوع', line])
    documents = list(iter_jsonl(path))
    assert [d.problem is None for d in documents] == [True, False, True]
    assert documents[1].problem.startswith("bad-json")
    assert documents[1].source == f"{path}:2"


def test_jsonl_blank_lines_are_counted_as_skipped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", ["", json.dumps(RECORD), "   "])
    stats = ReadStats()
    assert len(list(iter_jsonl(path, stats=stats))) == 1
    assert stats.skipped["blank-line"] == 2
    assert stats.documents == 1


def test_field_map_overrides_the_default(tmp_path: Path) -> None:
    record = {"headline": "قمة في باكو", "body": "نص الخبر.", "published_at": "2024-08-19"}
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(record, ensure_ascii=False)])
    field_map = {"title": "headline", "content": "body", "date": "published_at"}
    [document] = iter_documents([path], field_map=field_map)
    assert document.fields == {"title": "قمة في باكو", "content": "نص الخبر.", "date": "2024-08-19"}


def test_gzipped_jsonl_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps(RECORD).encode("utf-8")))
    [document] = iter_documents([path])
    assert document.fields["title"] == "بوتين يقوم بزيارة لأذربيجان"


def test_json_file_holding_a_list(tmp_path: Path) -> None:
    path = tmp_path / "day.json"
    path.write_text(json.dumps([RECORD, RECORD, 7]), encoding="utf-8")
    documents = list(iter_documents([path]))
    assert [d.source for d in documents] == [f"{path}#0", f"{path}#1", f"{path}#2"]
    assert documents[2].problem == "not-a-json-object: int"


def test_zip_of_json_lists_gives_member_sources(tmp_path: Path) -> None:
    path = tmp_path / "days.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("2015-07-21.json", json.dumps([RECORD, RECORD]))
        archive.writestr("README.txt", "ليس سجلات")
    stats = ReadStats()
    documents = list(iter_zip(path, stats=stats))
    assert [d.source for d in documents] == [f"{path}!2015-07-21.json#0", f"{path}!2015-07-21.json#1"]
    assert stats.skipped["zip-member-not-json"] == 1


def test_saudinewsnet_zip_records_match_the_corpus() -> None:
    path = SAUDINEWSNET / "2015-07-22.zip"
    with zipfile.ZipFile(path) as archive:
        [name] = archive.namelist()
        raw = json.loads(archive.read(name))
    documents = list(iter_documents([path]))
    assert len(documents) == len(raw)
    first = documents[0]
    assert first.source == f"{path}!{name}#0"
    assert first.outlet == raw[0]["source"]
    assert first.fields["title"] == raw[0]["title"]
    assert first.fields["date"] == raw[0]["date_extracted"]


def test_not_a_zip_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    [document] = iter_documents([path])
    assert document.problem.startswith("bad-zip")


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".jsonl", ".json", ".zip", ".jsonl.gz", ".bin"]))
def test_arbitrary_bytes_never_raise(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    for document in iter_documents([path]):
        assert document.source.startswith(str(path))
