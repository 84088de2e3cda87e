"""Named entities: khabar's recognizer against a plain word-feature CRF, in one process.

The peer is the classic baseline of the ANERcorp literature (published at about 0.62 entity F1):
a CRF over the word, its neighbours and affixes, trained here on the same ``train.txt``. Both are
scored on ``test.txt`` (entity level, micro, as seqeval), and timed on the same sentences; khabar's
full entities step (recognition + linking + coreference) is then timed on SaudiNewsNet articles.
Single process; tokens per CPU-second (= per core, unaffected by other load), wall rate beside it.

    .venv/bin/python bench/bench_ner.py [--articles 500]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _corpus import SHARED, saudinewsnet_records
from khabar.records import Article, blocks_from_texts
from khabar.understand.entities import annotate
from khabar.understand.ner import document, features
from khabar.understand.ner.conll import evaluate, read_conll
from khabar.understand.ner.document import chunk
from khabar.understand.ner.model import crfsuite_tags, load_two_pass, tag, tag_document
from khabar.understand.ner.tokens import tokenize


def plain_features(tokens: list[str]) -> list[list[str]]:
    feats = []
    for i, word in enumerate(tokens):
        attrs = ["w=" + word, "p3=" + word[:3], "x3=" + word[-3:], "x2=" + word[-2:]]
        for offset in (-2, -1, 1, 2):
            if 0 <= i + offset < len(tokens):
                attrs.append(f"{offset}:w=" + tokens[i + offset])
        feats.append(attrs)
    return feats


def train_peer(train, path: Path):
    import pycrfsuite

    trainer = pycrfsuite.Trainer("ap", verbose=False)  # the same learner as khabar's model
    for tokens, tags in train:
        trainer.append(plain_features(tokens), tags)
    trainer.set_params({"max_iterations": 30, "feature.possible_transitions": True})
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return lambda tokens: list(tagger.tag(plain_features(tokens)))


def forget_words() -> None:
    """Empty every per-word cache, so the next run meets each word for the first time."""
    for cached in (features.word_info, features.neighbour_attributes, document._own, document._left):
        cached.cache_clear()
    document._right.cache_clear()
    document.MEMORY_KEYS.clear()
    tagger = load_two_pass()
    tagger.first.words.vocabulary.forget()  # the word numbering both passes' tables share
    if tagger.neural is not None:
        tagger.neural._cache.clear()


def numpy_two_pass(document: list[list[str]]) -> list[list[str]]:
    """The two CRFs through the numpy decoder, without the network: crfsuite's answers, faster."""
    return load_two_pass().tag(document, crf_only=True)


def crfsuite_two_pass(document: list[list[str]]) -> list[list[str]]:
    """The same two models applied by crfsuite's own tagger, from attribute strings."""
    return crfsuite_tags(document)[0]


def timed(function, sentences) -> tuple[list[list[str]], float]:
    start = time.process_time()  # CPU seconds of this process: per core, whatever else runs
    out = [function(tokens) for tokens, _ in sentences]
    return out, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    train = read_conll(SHARED / "ner" / "anercorp" / "train.txt")
    test = read_conll(SHARED / "ner" / "anercorp" / "test.txt")
    gold = [tags for _, tags in test]
    n_tokens = sum(len(tokens) for tokens, _ in test)
    with tempfile.TemporaryDirectory() as folder:
        peer = train_peer(train, Path(folder) / "peer.model")
        documents = [[t for t, _ in block] for block in chunk(test)]
        tag(["بوتين"])  # load the models and tables before timing
        crfsuite_two_pass([["بوتين"]])
        seconds: dict[str, list[float]] = {"khabar": [], "numpy": [], "crfsuite": []}
        for sight in ("first", "second"):  # every word new, then every word met before
            for name, function in (
                ("crfsuite", crfsuite_two_pass),
                ("numpy", numpy_two_pass),
                ("khabar", tag_document),
            ):
                if sight == "first":
                    forget_words()
                start = time.process_time()
                tagged = [tags for document in documents for tags in function(document)]
                seconds[name].append(time.process_time() - start)
                if name == "khabar":
                    ours = tagged
                elif name == "numpy":
                    decoded = tagged
                else:
                    same = tagged
        our_time = seconds["khabar"][1]
        theirs, peer_time = timed(peer, test)
    ours_f1, peer_f1 = evaluate(gold, ours), evaluate(gold, theirs)
    print(f"ANERcorp test: {len(test)} sentences, {n_tokens} tokens")
    print(f"{'':10} {'khabar':>8} {'plain CRF':>10} {'ratio':>7}")
    for kind in ("PERS", "LOC", "ORG", "MISC", "overall"):
        a, b = ours_f1[kind].f1, peer_f1[kind].f1
        print(f"F1 {kind:7} {a:8.4f} {b:10.4f} {a / b if b else float('inf'):7.2f}")
    a, b = n_tokens / our_time, n_tokens / peer_time
    print(f"tokens/s   {a:8.0f} {b:10.0f} {a / b:7.2f}   (recognition, words met before, per CPU-second)")
    crf_only = evaluate(gold, decoded)["overall"].f1
    print(f"(the two CRFs without the network: F1 {crf_only:.4f})")
    agree = sum(x == y for s, t in zip(decoded, same, strict=True) for x, y in zip(s, t, strict=True))
    print(
        f"the same two-pass model, numpy decoder vs crfsuite's tagger (same tag on {agree / n_tokens:.2%}):"
    )
    for k, sight in enumerate(("every word new", "words met before")):
        x, y = n_tokens / seconds["numpy"][k], n_tokens / seconds["crfsuite"][k]
        z = n_tokens / seconds["khabar"][k]
        print(
            f"  {sight:17} numpy {x:7.0f} tokens/s, crfsuite {y:7.0f} tokens/s, ratio {x / y:.2f}; "
            f"with the network {z:7.0f} tokens/s"
        )

    texts = [r["content"] for r in saudinewsnet_records(args.articles) if r.get("content")]
    articles = [
        Article(blocks=blocks_from_texts([("paragraph", p) for p in t.split("\n") if p.strip()]))
        for t in texts
    ]
    tokens = sum(len(tokenize(a.text)) for a in articles)
    start, wall = time.process_time(), time.perf_counter()
    for article in articles:
        annotate(article)
    elapsed = time.process_time() - start
    wall = time.perf_counter() - wall
    mentions = sum(len(a.mentions) for a in articles)
    linked = sum(1 for a in articles for m in a.mentions if m.entity and not m.entity.startswith("local:"))
    print(
        f"entities step on {len(articles)} SaudiNewsNet articles: {tokens / elapsed:.0f} tokens/s/core, "
        f"{len(articles) / elapsed:.0f} articles/s (CPU time; wall {tokens / wall:.0f} tokens/s), "
        f"{mentions} mentions, {linked / max(mentions, 1):.0%} linked"
    )


if __name__ == "__main__":
    main()
