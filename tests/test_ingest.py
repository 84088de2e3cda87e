"""Ingest at scale: the process-pool engine keeps input order and survives a dying worker; a run
killed with SIGKILL and run again ends with the same database as an uninterrupted run."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from khabar.cli import app
from khabar.engine.local import LocalEngine
from khabar.records import Document, Page
from khabar.store import open_store
from tests.conftest import SAUDINEWSNET
from tests.test_store_helpers import day_records, dump, spread, write_jsonl


def _source(document: Document) -> str:
    return document.source


def _die_on_poison(document: Document) -> Page:
    if document.source == "poison":
        os._exit(1)  # a hard crash, like a segfault in a C parser
    return Page(source=document.source)


def _raise_on_poison(document: Document) -> Page:
    if document.source == "poison":
        raise ValueError("bad")
    return Page(source=document.source)


def _documents(names):
    return [Document(source=name, data="نص") for name in names]


def test_the_pool_yields_results_in_input_order():
    names = [f"d{i}" for i in range(100)]
    assert list(LocalEngine(2, chunk_size=3).map(_documents(names), _source)) == names


def test_a_worker_crash_costs_only_its_document():
    names = [f"d{i}" for i in range(20)]
    names[7] = "poison"
    pages = list(LocalEngine(2, chunk_size=4).map(_documents(names), _die_on_poison))
    assert [page.source for page in pages] == names
    assert [page.source for page in pages if page.problem] == ["poison"]
    assert pages[7].problem.startswith("worker-crash")


def test_an_exception_in_a_worker_costs_only_its_document():
    names = ["d0", "poison", "d2"]
    pages = list(LocalEngine(2).map(_documents(names), _raise_on_poison))
    assert [page.problem for page in pages] == [None, "worker-error: ValueError: bad", None]


def test_ingest_with_workers_equals_ingest_in_process(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", spread(60))
    with open_store(tmp_path / "pool.db") as store:
        store.ingest([path], workers=2, understand=False, batch_size=7)
    with open_store(tmp_path / "solo.db") as store:
        store.ingest([path], workers=0, understand=False)
    assert dump(tmp_path / "pool.db") == dump(tmp_path / "solo.db")


_INGEST = """
import sys
from khabar.store import open_store
with open_store(sys.argv[1]) as store:
    store.ingest([sys.argv[2]], workers=1, understand=False, batch_size=5)
"""


def test_kill_9_mid_run_then_rerun_gives_the_same_database(tmp_path):
    records = spread(240)
    records += [dict(r, url=r["url"] + "#copy") for r in records[::10]]  # exact copies to link
    path = write_jsonl(tmp_path / "s.jsonl", records)
    clean = tmp_path / "clean.db"
    subprocess.run([sys.executable, "-c", _INGEST, str(clean), str(path)], check=True)

    killed = tmp_path / "killed.db"
    process = subprocess.Popen([sys.executable, "-c", _INGEST, str(killed), str(path)])
    stored = 0
    deadline = time.monotonic() + 60
    while stored < 40 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
        stored = _count(killed)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert 0 < _count(killed) < len(records)  # it really died mid-run
    assert workers and _gone(workers)  # its pool workers died with it
    subprocess.run([sys.executable, "-c", _INGEST, str(killed), str(path)], check=True)
    assert dump(killed) == dump(clean)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            found.extend(int(child) for child in handle.read().split())
    return found


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if os.path.exists(f"/proc/{pid}") and not _zombie(pid)]
        if not alive:
            return True
        time.sleep(0.05)
    for pid in alive:  # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    return False


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ", 1)[1].startswith("Z")
    except OSError:
        return True


def _count(db) -> int:
    try:
        connection = sqlite3.connect(db, timeout=1)
        try:
            return connection.execute(
                "SELECT (SELECT count(*) FROM pages) + (SELECT count(*) FROM failures)"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:  # not created yet
        return 0


def test_the_ingest_command_prints_a_summary(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", spread(5) + [{"source": "x", "content": ""}])
    result = CliRunner().invoke(
        app,
        ["ingest", str(path), "--db", str(tmp_path / "k.db"), "--workers", "0", "--no-understand", "--json"],
    )
    assert result.exit_code == 0, result.output
    assert '"articles": 5' in result.output
    assert '"failures": {"empty-record": 1}' in result.output


def test_the_ingest_command_refuses_a_file_that_is_not_a_database(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    result = CliRunner().invoke(app, ["ingest", str(bad), "--db", str(bad), "--workers", "0"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_all_of_saudinewsnet_gives_one_article_per_distinct_article(tmp_path):
    """31,030 records (structure and dedup only: the understanding steps would not fit CI)."""
    with open_store(tmp_path / "k.db") as store:
        zips = sorted(SAUDINEWSNET.glob("*.zip"))  # not the folder's README files
        first = store.ingest(zips, understand=False)
        second = store.ingest(zips, understand=False)
        hashes, distinct = store.connection.execute(
            "SELECT count(text_hash), count(DISTINCT text_hash) FROM articles"
        ).fetchone()
    contents = {
        " ".join(r["content"].split()) for day in _days() for r in day_records(day) if r["content"].strip()
    }
    assert first.documents == 31030
    assert first.articles + sum(first.duplicates.values()) + sum(first.failures.values()) == 31030
    assert hashes == distinct  # no two stored articles with the same normalized text
    assert first.articles <= len(contents)  # every repeated content is a duplicate, not a new article
    assert (second.skipped, second.articles, second.pages) == (31030, 0, 0)


def _days() -> list[str]:
    return sorted(path.stem for path in SAUDINEWSNET.glob("*.zip"))
