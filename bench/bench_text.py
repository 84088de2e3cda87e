"""Structuring plain-text dumps: khabar's text structurer against trafilatura on the same pages.

trafilatura takes HTML only, so each dump is handed to it as the simplest HTML of the same lines
(one <p> per line); it gets the easier job and still only returns text, without captions, bylines or
teasers. Single process; pages per second per core.

    .venv/bin/python bench/bench_text.py [--pages 2000]
"""

from __future__ import annotations

import argparse
import html
import time

from _corpus import ROOT, SAMPLE_PAGE, saudinewsnet_records, text_dump
from khabar.read.decode import decode
from khabar.structure.text_page import structure_text


def as_html(text: str) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return f"<html><head><meta charset='utf-8'></head><body><article>{body}</article></body></html>"


def rate(function, items, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for item in items:
            function(item)
    return len(items) * repeat / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    pages = [
        SAMPLE_PAGE.read_text(encoding="utf-8"),
        (ROOT / "examples" / "demo-page.txt").read_text(encoding="utf-8"),
    ]
    pages += [text_dump(r) for r in saudinewsnet_records(args.pages - len(pages))]
    raw = [p.encode("utf-8") for p in pages]
    htmls = [as_html(p) for p in pages]

    import trafilatura

    structure_text(pages[0])  # warm the caches
    khabar_rate = rate(lambda b: structure_text(decode(b).text), raw)
    sample_rate = rate(lambda b: structure_text(decode(b).text), raw[:1], repeat=500)
    peer_rate = rate(lambda h: trafilatura.extract(h, favor_precision=False), htmls[:300])
    print(f"pages: {len(pages)} (the sample page, the demo page, SaudiNewsNet records as text dumps)")
    print(f"khabar  structure_text (decode + structure): {khabar_rate:8.0f} pages/s/core")
    print(f"khabar  on the sample page alone:           {sample_rate:8.0f} pages/s/core")
    print(f"trafilatura.extract on the same as HTML:    {peer_rate:8.0f} pages/s/core")
    print(f"ratio khabar / trafilatura: {khabar_rate / peer_rate:.1f}x")


if __name__ == "__main__":
    main()
