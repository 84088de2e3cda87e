"""Web search under load: 20 concurrent clients searching for 30 s against a real uvicorn server
on 127.0.0.1, side by side with the store's search called directly in one process (the floor the
HTTP layer adds to).

    .venv/bin/python bench/bench_serve.py                 # builds a store from SaudiNewsNet
    .venv/bin/python bench/bench_serve.py --db khabar.db  # or browse an existing one

Prints requests, errors, p50/p95/p99 latency, throughput and throughput per server CPU second.
Bounded: --seconds of load and at most --max-requests requests, loopback only.
"""

from __future__ import annotations

import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import SAUDINEWSNET  # noqa: E402

QUERIES = (
    "السعودية",
    "وزارة",
    "الرياض",
    "داعش",
    "النفط",
    "اليمن",
    "مجلس الأمن",
    "الرئيس",
    "إيران",
    "القاهرة",
)
HOST = "127.0.0.1"


def build_store(path: Path, archives: int) -> None:
    from khabar.store import open_store

    zips = sorted(SAUDINEWSNET.glob("*.zip"))[:archives]
    with open_store(path) as store:
        summary = store.ingest([str(z) for z in zips], understand=False)
    print(
        f"built {path}: {summary.articles} articles from {len(zips)} SaudiNewsNet archives (no understanding)"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def direct_search(db: Path, seconds: float) -> list[float]:
    """The peer: the store's search function in this process, no HTTP, one query at a time."""
    from khabar.store.search import search

    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        search(connection, QUERIES[i % len(QUERIES)], limit=20)
        latencies.append(time.perf_counter() - start)
        i += 1
    connection.close()
    return latencies


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument(
        "--archives", type=int, default=3, help="SaudiNewsNet archives to ingest without --db"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        db = Path(workdir.name) / "bench.db"
        build_store(db, args.archives)
    articles = (
        sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        .execute("SELECT count(*) FROM articles")
        .fetchone()[0]
    )

    port = free_port()
    code = (
        "import sys, uvicorn; from khabar.serve import create_app; "
        f"uvicorn.run(create_app(sys.argv[1]), host='{HOST}', port={port}, log_level='warning')"
    )
    server = subprocess.Popen([sys.executable, "-c", code, str(db)])
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("server did not start")

        cpu_before = cpu_seconds(server.pid)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        budget = [args.max_requests]
        deadline = time.perf_counter() + args.seconds

        def client(n: int) -> None:
            mine: list[float] = []
            with httpx.Client(base_url=base, timeout=10) as http:
                i = n
                while time.perf_counter() < deadline:
                    with lock:
                        if budget[0] <= 0:
                            break
                        budget[0] -= 1
                    path = "/api/search" if i % 2 else "/search"  # the JSON twin and the HTML page
                    start = time.perf_counter()
                    try:
                        response = http.get(path, params={"q": QUERIES[i % len(QUERIES)], "limit": 20})
                        if response.status_code != 200:
                            errors.append(f"HTTP {response.status_code}")
                    except httpx.HTTPError as exc:
                        errors.append(type(exc).__name__)
                    mine.append(time.perf_counter() - start)
                    i += 1
            with lock:
                latencies.extend(mine)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        server_cpu = cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=10)

    direct = direct_search(db, 5.0)
    ms = 1000.0
    print(
        f"store: {articles} articles; {args.clients} clients for {elapsed:.1f} s on {HOST} (one uvicorn process)"
    )
    print(
        f"khabar serve : {len(latencies)} requests, {len(errors)} errors, {len(latencies) / elapsed:.0f} req/s, "
        f"{len(latencies) / max(server_cpu, 1e-9):.0f} req per server CPU-second; "
        f"p50 {percentile(latencies, 0.5) * ms:.1f} ms, p95 {percentile(latencies, 0.95) * ms:.1f} ms, "
        f"p99 {percentile(latencies, 0.99) * ms:.1f} ms"
    )
    print(
        f"direct search: {len(direct)} queries in 5 s, {len(direct) / 5:.0f} q/s on one core; "
        f"p50 {percentile(direct, 0.5) * ms:.2f} ms, p95 {percentile(direct, 0.95) * ms:.2f} ms"
    )
    print(
        f"ratio: HTTP under {args.clients}-client load / direct call: p50 x{percentile(latencies, 0.5) / statistics.median(direct):.1f}, "
        f"p95 x{percentile(latencies, 0.95) / percentile(direct, 0.95):.1f}"
    )
    if errors:
        print("errors:", sorted(set(errors)))
    workdir.cleanup()


if __name__ == "__main__":
    main()
