"""The Spark engine's pure parts, without a cluster: the per-file task, the row format, the
in-order near-copy rule, and the install hint when pyspark is missing."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from khabar.engine.spark import (
    INSTALL_HINT,
    SparkEngine,
    SparkUnavailable,
    article_from_row,
    article_row,
    order_key,
    process_file,
    process_remote,
    resolve_near,
    score_candidates,
)
from khabar.pipeline import parse
from tests.conftest import SAMPLE_PAGE

pytestmark = pytest.mark.spark

BODY = "أعلن الكرملين أن الرئيس الروسي فلاديمير بوتين سيقوم بزيارة دولة إلى أذربيجان يومي الأحد والاثنين"


# ---- rows ---------------------------------------------------------------------------------------


def test_an_article_comes_back_whole_from_its_row() -> None:
    page = parse(SAMPLE_PAGE.read_bytes())
    for position, article in enumerate(page.articles):
        assert article_from_row(article_row(article, position, None, [])) == article


def test_a_row_keeps_entities_as_json_with_their_spans() -> None:
    article = parse(SAMPLE_PAGE.read_bytes()).articles[0]
    row = article_row(article, 0, None, [])
    assert '"name":"فلاديمير بوتين"' in row["entities"] or '"name":"بوتين"' in row["entities"]
    assert row["date"] == article.published.date


def test_a_file_of_bad_lines_gives_rows_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_bytes(b'{"title": "\xd8\xa8\n not json\n')
    rows = list(process_file(3, str(path), understand=False))
    assert [(row["file_index"], row["doc_index"], row["reason"]) for row in rows] == [
        (3, 0, "bad-json"),
        (3, 1, "bad-json"),
    ]


def test_a_missing_file_is_a_row_not_an_error(tmp_path: Path) -> None:
    rows = list(process_file(0, str(tmp_path / "gone.warc.gz"), understand=False))
    assert [row["reason"] for row in rows] == ["unreadable"]


@settings(max_examples=40, deadline=None)
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from([".jsonl", ".warc", ".html", ".txt", ".zip", ".json"]),
)
def test_arbitrary_bytes_in_any_format_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        rows = list(process_file(0, handle.name, understand=False))
    assert all((row["reason"] is None) == bool(row["articles"]) for row in rows)


# ---- order and the near-copy rule ---------------------------------------------------------------


@given(
    st.tuples(st.integers(0, 10**5), st.integers(0, 10**8), st.integers(0, 4095)),
    st.tuples(st.integers(0, 10**5), st.integers(0, 10**8), st.integers(0, 4095)),
)
def test_order_keys_sort_as_input_order(a: tuple[int, int, int], b: tuple[int, int, int]) -> None:
    assert (order_key(*a) < order_key(*b)) == (a < b)


def test_a_copy_is_never_the_original_of_a_later_article() -> None:
    # 2 copies 1; 3 is close to 2 only, and 2 is not stored, so 3 is kept (as the store does).
    assert resolve_near([(2, 1, 0.9), (3, 2, 0.9), (3, 1, 0.5)], 32) == {2: (1, 0.9)}


def test_the_earliest_confirmed_original_wins() -> None:
    assert resolve_near([(5, 4, 0.95), (5, 2, 0.81), (5, 1, 0.3)], 32) == {5: (2, 0.81)}


def test_only_the_first_candidates_are_checked() -> None:
    pairs = [(100, earlier, 0.1) for earlier in range(40)] + [(100, 50, 0.9)]
    assert resolve_near(pairs, 32) == {}


@given(st.lists(st.tuples(st.integers(1, 30), st.integers(0, 29), st.floats(0, 1))))
def test_every_copy_points_at_an_earlier_kept_article(raw: list[tuple[int, int, float]]) -> None:
    pairs = [(later, earlier, sim) for later, earlier, sim in raw if earlier < later]
    copies = resolve_near(pairs, 4)
    assert all(earlier < later and earlier not in copies for later, (earlier, _) in copies.items())


def test_scoring_keeps_confirmed_pairs_only_under_the_limit() -> None:
    copy = BODY + " وفق ما نقلته وكالات"
    scored = score_candidates(
        9, copy, [(1, BODY + " وفق ما نقلته وكالة"), (2, "خبر آخر تماما عن الطقس في القاهرة اليوم")], 32
    )
    assert [(later, earlier) for later, earlier, _ in scored] == [(9, 1)]


# ---- a missing dependency -----------------------------------------------------------------------


def test_without_pyspark_the_engine_fails_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(SparkUnavailable, match=r"pip install 'khabar\[spark\]'"):
        SparkEngine("local[2]")


def test_the_ingest_command_names_the_install_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from khabar.cli import app

    monkeypatch.setitem(sys.modules, "pyspark", None)
    result = CliRunner().invoke(
        app, ["ingest", str(SAMPLE_PAGE), "--engine", "spark", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert INSTALL_HINT in result.output
    assert "Traceback" not in result.output


def test_a_file_spark_read_from_a_uri_keeps_its_uri_as_source() -> None:
    data = b'{"title": "\xd8\xae\xd8\xa8\xd8\xb1", "content": ""}\nnot json\n'
    rows = list(process_remote(7, "s3a://bucket/news/day.jsonl", data, understand=False))
    assert [(row["source"], row["file"], row["reason"]) for row in rows] == [
        ("s3a://bucket/news/day.jsonl:1", "s3a://bucket/news/day.jsonl", None),
        ("s3a://bucket/news/day.jsonl:2", "s3a://bucket/news/day.jsonl", "bad-json"),
    ]
