"""Train the confidence models of events and quote speakers from the hand-judged rows.

    cd bench && ../.venv/bin/python train_confidence.py [--write]

Every judged file in ``tests/data/judged/`` but the 2029 check sample and the 2030 held-out one
is training data: the articles its rows point at are read again from ``../shared``, understood
by the rules alone (no confidence step), and a judged row counts only when the rules still
produce it field for field (a row whose speaker, actors or date changed since was judged on
something else). A logistic regression (scikit-learn, L2) is fitted on the features of
``khabar.understand.confidence``; the threshold is chosen on out-of-fold probabilities (folds by
article) as the lowest one whose precision reaches the target, and reported with the share of
right readings it keeps. ``--write`` stores the weights in ``src/khabar/data/{events,quotes}/``.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

import judged
from khabar.understand.confidence import article_context, event_features, public_share, quote_features

DATA = judged.ROOT / "src" / "khabar" / "data"
# The threshold keeps this share of the right readings (out of fold, on the random training draw)
# and drops as many wrong ones as it can with it: precision is bought with at most 15% of recall.
KEEP = 0.85
# Events are only scored, not cut by the model (out of fold it separates them too weakly: AUC about
# 0.65, and it drops real attacks on the canonical page); they are cut by the article's share of
# words of public affairs instead, the highest share (in tenths of a per cent) that keeps 97% of the
# right events of the random draw.
CUT_BY_MODEL = {"events": False, "quotes": True}
PUBLIC_KEEP = 0.97
FOLDS = 5
C = {"events": 0.3, "quotes": 0.3}
# Words seen in fewer judged rows than this are left out: too rare to learn a weight for.
MIN_ROWS = 3


# Each judged article's share of words of public affairs, and the share of each example's article.
SHARES: dict[tuple[str, str], float] = {}
shares: list[float] = []


def public_cut(share_of: np.ndarray, y: list[int], keep: float = PUBLIC_KEEP) -> tuple[float, float, float]:
    """The highest share (tenths of a per cent) under which events are dropped that still keeps
    ``keep`` of the right ones; the precision and recall it leaves."""
    labels = np.array(y)
    best = (0.0, float(labels.mean()), 1.0)
    for cut in np.arange(0.0, 5.0, 0.1):
        kept = share_of >= cut
        recall = labels[kept].sum() / labels.sum()
        if recall < keep:
            break
        best = (float(round(cut, 1)), float(labels[kept].mean()), float(recall))
    return best


# Never trained on: the 2029 sample checks the models, the 2030 sample (drawn from what the
# confidence step emits) gives the held-out figures.
CHECK = {"events": judged.DEV_2029_EVENTS, "quotes": judged.DEV_2029_QUOTES}
HELD_OUT = {judged.DEV_2029_EVENTS, judged.DEV_2029_QUOTES, "events-2030.tsv", "quotes-2030.tsv"}


def training_files(kind: str) -> list[str]:
    return sorted(p.name for p in judged.JUDGED.glob(f"*{kind}*.tsv") if p.name not in HELD_OUT)


def examples(kind: str) -> tuple[list[dict[str, float]], list[int], list[str], list[bool], int]:
    """Features, labels and article keys of the judged rows the rules still produce."""
    rows = [row | {"_file": name} for name in training_files(kind) for row in judged.read_judged(name)]
    rows = [row for row in rows if row.get("verdict") in ("correct", "wrong")]
    items = judged.understood(judged.articles_of(rows))
    fields = judged.EVENT_FIELDS[:-2] if kind == "events" else judged.QUOTE_FIELDS[:-2]
    produced = {}
    for item in items:
        SHARES[(item.zip, item.url)] = public_share(item.article.text)
        context = article_context(item.article)
        found = judged.event_rows([item]) if kind == "events" else judged.quote_rows([item])
        records = item.article.events if kind == "events" else item.article.quotes
        for row, record in zip(found, records, strict=True):
            features = (
                event_features(item.article, record, context)
                if kind == "events"
                else quote_features(item.article, record, context)
            )
            produced[tuple(row[f] for f in fields)] = features
    X, y, groups, sample, seen = [], [], [], [], set()
    shares.clear()
    for row in rows:
        key = tuple(row.get(f, "") for f in fields)
        if key in produced and key not in seen:
            seen.add(key)
            X.append(produced[key])
            y.append(int(row["verdict"] == "correct"))
            groups.append(row["url"])
            sample.append(row.get("_file", "").startswith(f"{kind}-train-"))
            shares.append(SHARES[(row["zip"], row["url"])])
    return X, y, groups, sample, len(rows)


def prune(X: list[dict[str, float]]) -> list[dict[str, float]]:
    counts: dict[str, int] = {}
    for features in X:
        for name in features:
            counts[name] = counts.get(name, 0) + 1
    return [{k: v for k, v in features.items() if counts[k] >= MIN_ROWS} for features in X]


def out_of_fold(X: list[dict[str, float]], y: list[int], groups: list[str], c: float) -> np.ndarray:
    urls = sorted(set(groups))
    random.Random(0).shuffle(urls)
    fold_of = {url: index % FOLDS for index, url in enumerate(urls)}
    probabilities = np.zeros(len(y))
    labels = np.array(y)
    for fold in range(FOLDS):
        train = [i for i, g in enumerate(groups) if fold_of[g] != fold]
        test = [i for i, g in enumerate(groups) if fold_of[g] == fold]
        vectorizer = DictVectorizer()
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(vectorizer.fit_transform([X[i] for i in train]), labels[train])
        probabilities[test] = model.predict_proba(vectorizer.transform([X[i] for i in test]))[:, 1]
    return probabilities


def threshold_for(probabilities: np.ndarray, y: list[int], keep: float = KEEP) -> tuple[float, float, float]:
    """The highest threshold (in hundredths) that still keeps ``keep`` of the right rows, the
    precision of the rows it keeps and the share of right rows kept."""
    labels = np.array(y)
    best = (0.0, float(labels.mean()), 1.0)
    for threshold in np.arange(0.0, 1.0, 0.01):
        kept = probabilities >= threshold
        recall = labels[kept].sum() / labels.sum()
        if recall < keep:
            break
        best = (float(round(threshold, 2)), float(labels[kept].mean()), float(recall))
    return best


def check_held(
    kind: str, vectorizer: DictVectorizer, model: LogisticRegression, threshold: float, cut: float
) -> None:
    """Precision of the held-out judged sample before and after the threshold (never trained on)."""
    rows = judged.read_judged(CHECK[kind])
    items = judged.understood(judged.articles_of(rows))
    fields = judged.EVENT_FIELDS[:-2] if kind == "events" else judged.QUOTE_FIELDS[:-2]
    verdicts = {tuple(row[f] for f in fields): row["verdict"] == "correct" for row in rows}
    right = kept = kept_right = total = 0
    for item in items:
        share = public_share(item.article.text)
        context = article_context(item.article)
        found = judged.event_rows([item]) if kind == "events" else judged.quote_rows([item])
        records = item.article.events if kind == "events" else item.article.quotes
        for row, record in zip(found, records, strict=True):
            key = tuple(row[f] for f in fields)
            if key not in verdicts:
                continue
            features = (
                event_features(item.article, record, context)
                if kind == "events"
                else quote_features(item.article, record, context)
            )
            p = model.predict_proba(vectorizer.transform([features]))[0, 1]
            total += 1
            right += verdicts[key]
            if p >= threshold and share >= cut:
                kept += 1
                kept_right += verdicts[key]
    print(
        f"  check sample {CHECK[kind]}: {right}/{total} right before;"
        f" kept {kept}, {kept_right} right → precision {kept_right / max(1, kept):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="store the weights in src/khabar/data")
    parser.add_argument("--kind", choices=("events", "quotes", "both"), default="both")
    args = parser.parse_args()
    for kind in ("events", "quotes") if args.kind == "both" else (args.kind,):
        X, y, groups, sample, total = examples(kind)
        X = prune(X)
        # Older judged files keep mostly right rows (their wrong ones were fixed since): the
        # threshold is chosen on the random training draw alone, which stands for what is emitted.
        drawn = np.array(sample)
        y_drawn = list(np.array(y)[drawn])
        print(
            f"{kind}: {len(y)} of {total} judged rows still produced, {sum(y)} right ({np.mean(y):.2f});"
            f" random draw {len(y_drawn)} rows, {np.mean(y_drawn):.2f} right"
        )
        for c in (0.03, 0.1, 0.3, 1.0, 3.0):
            probabilities = out_of_fold(X, y, groups, c)[drawn]
            threshold, precision, kept = threshold_for(probabilities, y_drawn)
            print(
                f"  C={c:<5} out-of-fold AUC {roc_auc_score(y_drawn, probabilities):.3f};"
                f" threshold {threshold:.2f} → precision {precision:.3f}, keeps {kept:.0%} of right rows"
            )
        probabilities = out_of_fold(X, y, groups, C[kind])[drawn]
        threshold, precision, kept = threshold_for(probabilities, y_drawn)
        vectorizer = DictVectorizer()
        model = LogisticRegression(C=C[kind], max_iter=2000)
        model.fit(vectorizer.fit_transform(X), np.array(y))
        weights = {
            name: round(float(w), 4)
            for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
            if abs(w) >= 1e-4
        }
        top = sorted(weights.items(), key=lambda item: item[1])
        print("  most against:", ", ".join(f"{n} {w:+.2f}" for n, w in top[:12]))
        print("  most for:    ", ", ".join(f"{n} {w:+.2f}" for n, w in top[-12:]))
        cut = 0.0
        if kind == "events":
            cut, cut_precision, cut_kept = public_cut(np.array(shares)[drawn], y_drawn)
            print(
                f"  events of articles under {cut}% words of public affairs dropped: precision"
                f" {np.mean(y_drawn):.3f} → {cut_precision:.3f} on the random draw, keeping {cut_kept:.0%} of right rows"
            )
        if not CUT_BY_MODEL[kind]:
            threshold = 0.0
        check_held(kind, vectorizer, model, threshold, cut)
        if args.write:
            out = {
                "about": (
                    f"Logistic regression (C={C[kind]}) on {len(y)} hand-judged SaudiNewsNet rows of"
                    f" {', '.join(training_files(kind))}. "
                    + (
                        f"Threshold chosen out of fold to keep {KEEP:.0%} of right rows (kept {kept:.0%},"
                        f" precision {precision:.3f} on the random draw)."
                        if CUT_BY_MODEL[kind]
                        else f"Scores only (threshold 0); events of articles under {cut}% words of public"
                        f" affairs are dropped ({cut_precision:.3f} precision on the random draw,"
                        f" {cut_kept:.0%} of right rows kept)."
                    )
                    + " Written by bench/train_confidence.py --write."
                ),
                "threshold": threshold,
                "min_public_share": cut,
                "bias": round(float(model.intercept_[0]), 4),
                "weights": dict(sorted(weights.items())),
            }
            path = DATA / kind / "confidence.json"
            Path(path).write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
            print("  wrote", path)


if __name__ == "__main__":
    main()
