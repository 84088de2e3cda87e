"""Understanding throughput on SaudiNewsNet, step by step and whole, beside a GDELT-style baseline.

    cd bench && ../.venv/bin/python bench_understand.py [--articles 2000] [--zip 2015-07-21.zip] [--warm 3000]

Single process; throughput is articles per CPU-second (per core). The articles are a seeded random
draw over all SaudiNewsNet zips (mean length as the corpus's), or the first ones of one ``--zip``
(2015-07-21.zip opens with its longest articles, about 800 words each). Caches start cold: the
first articles pay for every new word the recognizer meets, as at the start of an ingest. With
``--warm N`` the process first understands N other articles of the draw, untimed, and the figures
are those of a worker in its steady state, whose caches already hold the common vocabulary. The baseline is what GDELT's
quotation field does: every «...»/"..." span of five words or more, with no speaker and no verb;
khabar's quotes are counted beside it with the share that carries a speaker. Precision comes from
the hand-judged sample in ``tests/data/judged`` (see ``bench/judged.py``).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import judged  # noqa: E402
from khabar.understand import STEPS, understand  # noqa: E402

_QUOTED = re.compile(r"«([^«»]{1,2000})»|\"([^\"]{1,2000})\"|“([^“”]{1,2000})”")


def baseline_quotes(text: str) -> list[tuple[int, int]]:
    """GDELT-style quotations: quoted spans of five words or more, nothing about who said them."""
    spans = []
    for match in _QUOTED.finditer(text):
        body = next(group for group in match.groups() if group is not None)
        if len(body.split()) >= 5:
            spans.append((match.start(), match.end()))
    return spans


def cpu(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--zip", default=None, help="the first articles of one zip instead of a draw")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warm", type=int, default=0, help="other articles understood first, untimed")
    options = parser.parse_args()
    warm = []
    if options.zip:
        items = list(judged.corpus_articles((options.zip,)))[: options.articles]
        where = options.zip
    else:
        every = list(judged.corpus_articles(tuple(sorted(p.name for p in judged.SAUDINEWSNET.glob("*.zip")))))
        drawn = random.Random(options.seed).sample(every, min(options.articles + options.warm, len(every)))
        items, warm = drawn[: options.articles], drawn[options.articles :]
        where = f"all zips, random draw (seed {options.seed})"
    count = len(items)
    words = sum(len(item.article.text.split()) for item in items) / max(count, 1)
    print(f"SaudiNewsNet {where}: {count} articles, {words:.0f} words each on average, one process")
    if warm:
        for item in warm:
            understand(item.article)
        print(f"  caches warmed first on {len(warm)} other articles (steady state)")
    else:
        print("  caches cold (a fresh process)")

    seconds: dict[str, float] = {}
    for step in STEPS:
        try:
            seconds[step] = cpu(lambda step=step: [understand(item.article, (step,)) for item in items])
        except ImportError as error:
            print(f"  {step:9s} not available: {error}")
    for step, spent in seconds.items():
        print(f"  {step:9s} {count / spent:9.1f} articles/s/core")
    total = sum(seconds.values())
    print(f"  whole stage ({', '.join(seconds)}): {count / total:.1f} articles/s/core (goal 100)")

    baseline_spans = 0
    baseline_seconds = cpu(lambda: [baseline_quotes(item.article.text) for item in items])
    baseline_spans = sum(len(baseline_quotes(item.article.text)) for item in items)
    quotes = [quote for item in items for quote in item.article.quotes]
    with_speaker = sum(1 for quote in quotes if quote.speaker_text)
    linked = sum(1 for quote in quotes if quote.speaker)
    events = [event for item in items for event in item.article.events]
    print(
        f"quotes: khabar {len(quotes)} ({with_speaker / max(len(quotes), 1):.0%} with a speaker, "
        f"{linked / max(len(quotes), 1):.0%} linked to an entity), {count / seconds.get('quotes', 1):.0f} art/s/core"
    )
    print(
        f"        GDELT-style baseline {baseline_spans} quoted spans, 0% with a speaker, "
        f"{count / max(baseline_seconds, 1e-9):.0f} art/s/core; ratio khabar/baseline quotes "
        f"{len(quotes) / max(baseline_spans, 1):.2f}"
    )
    with_actor = sum(1 for event in events if event.actors)
    print(
        f"events: {len(events)} ({with_actor / max(len(events), 1):.0%} with an actor), "
        f"{count / seconds.get('events', 1):.0f} art/s/core"
    )

    quote_rows = judged.read_judged(judged.QUOTES)
    event_rows = judged.read_judged(judged.EVENTS)
    no_speaker = sum(1 for row in quote_rows if row["verdict"] == "no-speaker")
    print(
        f"hand-judged precision: speakers {judged.precision(quote_rows):.2f} "
        f"(of {len(quote_rows) - no_speaker} with a speaker; {no_speaker} without), goal 0.85; "
        f"events {judged.precision(event_rows):.2f} (of {len(event_rows)}), goal 0.75"
    )


if __name__ == "__main__":
    main()
