"""HTML → structured article: khabar's ``structure_html`` against trafilatura, same pages, one run.

Pages: the two real Arabic pages in ../shared/html and khabar's synthetic pages in
tests/data/html, each decoded once, then structured ``--repeat`` times by each tool in turn, in
one process (pages/second here is per core). Usage::

    .venv/bin/python bench/bench_html.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from khabar.read.decode import decode
from khabar.read.html_charset import meta_charset
from khabar.structure.html_page import structure_html

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ROOT.parent / "shared" / "html" / "assabah.com.tn.article.html",
    ROOT.parent / "shared" / "html" / "cnn-arabic-2013.article.html",
    *sorted((ROOT / "tests" / "data" / "html").glob("*.html")),
]


def pages_per_second(run: Callable[[str], object], pages: list[str], repeat: int) -> float:
    for page in pages:  # warm caches (data tables, lazy imports) outside the timing
        run(page)
    start = time.perf_counter()
    for _ in range(repeat):
        for page in pages:
            run(page)
    return repeat * len(pages) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    pages = []
    for path in PAGES:
        data = path.read_bytes()
        pages.append(decode(data, declared=meta_charset(data)).text)
    print(f"{len(pages)} pages ({', '.join(p.name for p in PAGES)}), x{args.repeat}, one process")
    khabar = pages_per_second(structure_html, pages, args.repeat)
    extract = pages_per_second(trafilatura.extract, pages, args.repeat)
    bare = pages_per_second(
        lambda page: trafilatura.bare_extraction(page, with_metadata=True), pages, args.repeat
    )
    print(f"khabar structure_html                 {khabar:8.1f} pages/s/core")
    print(
        f"trafilatura.extract                   {extract:8.1f} pages/s/core   khabar x{khabar / extract:.2f}"
    )
    print(f"trafilatura.bare_extraction(metadata) {bare:8.1f} pages/s/core   khabar x{khabar / bare:.2f}")


if __name__ == "__main__":
    main()
