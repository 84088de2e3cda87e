"""Train the confidence models of quote speakers and events from the hand-judged rows.

    cd bench && ../.venv/bin/python train_confidence.py [--write]

The articles of the judged rows are read again from ``../shared`` and understood by the rules
alone (no confidence step); a judged row counts only when the rules still produce it field for
field (a row whose speaker, actors or date changed since was judged on something else).
Logistic regressions (scikit-learn, L2) are fitted on the features of
``khabar.understand.confidence``; every threshold is chosen on out-of-fold probabilities (five
folds by article) as the highest that still keeps a set share of the right readings.

- Speakers: every judged quote file but the 2029 check sample and the 2030 held-out one. The
  threshold keeps 85% of the right speakers of the random draw (``quotes-train-3001.tsv``).
- Events: the two random draws judged for training, ``events-train-3001.tsv`` (a verdict per row
  and the class of its error) and ``events-fields-3002.tsv`` (a verdict per field). One model
  says whether the event is a real political event of its type; one per field (actors,
  recipients, begin, mode) whether that field is right. An event is dropped in an article with
  too few words of public affairs or under the event model's threshold; a field under its
  model's threshold is left empty.

``--write`` stores the weights in ``src/khabar/data/{events,quotes}/confidence.json``.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

import judged
from khabar.understand.confidence import (
    FIELDS,
    article_context,
    event_features,
    field_features,
    quote_features,
)

DATA = judged.ROOT / "src" / "khabar" / "data"
FOLDS = 5
C = 0.3
# Words seen in fewer judged rows than this are left out: too rare to learn a weight for.
MIN_ROWS = 3
# Shares of right readings each cut keeps, out of fold: precision is bought with this much recall.
SPEAKER_KEEP = 0.85
PUBLIC_KEEP = 0.97
EVENT_KEEP = 0.95
FACT_KEEP = 0.97
FIELD_KEEP = {"actors": 0.88, "recipients": 0.80, "begin": 0.95, "mode": 1.0}
# Never trained on: the 2029 sample checks the models; the 2030 sample gave the first models'
# held-out figures, the 2031 one (``judged.QUOTES``/``EVENTS``) the current ones.
CHECK = {"events": judged.DEV_2029_EVENTS, "quotes": judged.DEV_2029_QUOTES}
HELD_OUT = {
    judged.DEV_2029_EVENTS,
    judged.DEV_2029_QUOTES,
    judged.DEV_2030_EVENTS,
    judged.DEV_2030_QUOTES,
    judged.EVENTS,
    judged.QUOTES,
}
EVENT_FILES = ("events-train-3001.tsv", "events-fields-3002.tsv", "events-fields-3003.tsv")
# The error class of a 3001 row (its note starts with «[class]») says which field was wrong.
WRONG_FIELDS = {
    "wrong_actor": ("actors",),
    "wrong_recipient": ("recipients",),
    "roles_swapped": ("actors", "recipients"),
    "wrong_date": ("begin",),
    "wrong_mode": ("mode",),
    "wrong_factuality": ("factuality",),
}


def fit(X: list[dict[str, float]], y: list[int]) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(vectorizer.fit_transform(X), np.array(y))
    return vectorizer, model


def prune(X: list[dict[str, float]]) -> list[dict[str, float]]:
    counts: dict[str, int] = {}
    for features in X:
        for name in features:
            counts[name] = counts.get(name, 0) + 1
    return [{k: v for k, v in features.items() if counts[k] >= MIN_ROWS} for features in X]


def out_of_fold(X: list[dict[str, float]], y: list[int], groups: list[str]) -> np.ndarray:
    urls = sorted(set(groups))
    random.Random(0).shuffle(urls)
    fold_of = {url: index % FOLDS for index, url in enumerate(urls)}
    probabilities = np.zeros(len(y))
    labels = np.array(y)
    for fold in range(FOLDS):
        train = [i for i, g in enumerate(groups) if fold_of[g] != fold]
        test = [i for i, g in enumerate(groups) if fold_of[g] == fold]
        vectorizer, model = fit([X[i] for i in train], list(labels[train]))
        probabilities[test] = model.predict_proba(vectorizer.transform([X[i] for i in test]))[:, 1]
    return probabilities


def threshold_for(scores: np.ndarray, y: list[int] | np.ndarray, keep: float, step: float = 0.01) -> float:
    """The highest threshold (in ``step``s) under which dropping still keeps ``keep`` of the right."""
    labels = np.asarray(y, dtype=bool)
    best = 0.0
    for threshold in np.arange(0.0, float(scores.max()) + step, step):
        if labels[scores >= threshold].sum() < keep * labels.sum():
            break
        best = float(round(threshold, 2))
    return best


def as_json(vectorizer: DictVectorizer, model: LogisticRegression, threshold: float) -> dict:
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return {
        "threshold": threshold,
        "bias": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }


def produced(rows: list[dict[str, str]], kind: str) -> dict[tuple[str, ...], tuple]:
    """What the rules produce now for the judged rows' articles, by the rows' fields."""
    fields = judged.EVENT_FIELDS[:-2] if kind == "events" else judged.QUOTE_FIELDS[:-2]
    found: dict[tuple[str, ...], tuple] = {}
    for item in judged.understood(judged.articles_of(rows)):
        context = article_context(item.article)
        made = judged.event_rows([item]) if kind == "events" else judged.quote_rows([item])
        records = item.article.events if kind == "events" else item.article.quotes
        for row, record in zip(made, records, strict=True):
            found[tuple(row[f] for f in fields)] = (item.article, record, context)
    return found


# -- speakers ---------------------------------------------------------------------------------


def train_quotes(write: bool) -> None:
    names = sorted(p.name for p in judged.JUDGED.glob("quotes*.tsv") if p.name not in HELD_OUT)
    rows = [row | {"_file": name} for name in names for row in judged.read_judged(name)]
    rows = [row for row in rows if row.get("verdict") in ("correct", "wrong")]
    fields = judged.QUOTE_FIELDS[:-2]
    made = produced(rows, "quotes")
    X, y, groups, drawn, seen = [], [], [], [], set()
    for row in rows:
        key = tuple(row.get(f, "") for f in fields)
        if key in made and key not in seen:
            seen.add(key)
            X.append(quote_features(*made[key]))
            y.append(int(row["verdict"] == "correct"))
            groups.append(row["url"])
            drawn.append(row["_file"].startswith("quotes-train-"))
    X = prune(X)
    # Older judged files keep mostly right rows (their wrong ones were fixed since): the threshold
    # is chosen on the random training draw alone, which stands for what the rules emit.
    mask = np.array(drawn)
    labels = np.array(y)
    scores = out_of_fold(X, y, groups)
    threshold = threshold_for(scores[mask], labels[mask], SPEAKER_KEEP)
    kept = scores[mask] >= threshold
    precision = labels[mask][kept].mean()
    print(
        f"speakers: {len(y)} of {len(rows)} judged rows still produced; random draw {mask.sum()} rows,"
        f" {labels[mask].mean():.3f} right; out-of-fold AUC {roc_auc_score(labels[mask], scores[mask]):.3f};"
        f" threshold {threshold} → precision {precision:.3f}, keeping {labels[mask][kept].sum() / labels[mask].sum():.0%} of right speakers"
    )
    vectorizer, model = fit(X, y)
    check_speakers(vectorizer, model, threshold)
    if write:
        out = {
            "about": (
                f"Logistic regression (C={C}) on {len(y)} hand-judged SaudiNewsNet rows of {', '.join(names)};"
                f" threshold chosen out of fold to keep {SPEAKER_KEEP:.0%} of the right speakers of the random"
                f" draw (precision {precision:.3f} there). Written by bench/train_confidence.py --write."
            ),
            **as_json(vectorizer, model, threshold),
        }
        write_model("quotes", out)


def check_speakers(vectorizer: DictVectorizer, model: LogisticRegression, threshold: float) -> None:
    """Precision of the 2029 sample's speakers before and after the threshold (never trained on)."""
    rows = judged.read_judged(CHECK["quotes"])
    fields = judged.QUOTE_FIELDS[:-2]
    made = produced(rows, "quotes")
    right = kept = kept_right = 0
    for row in rows:
        article, quote, context = made[tuple(row[f] for f in fields)]
        score = model.predict_proba(vectorizer.transform([quote_features(article, quote, context)]))[0, 1]
        right += row["verdict"] == "correct"
        if score >= threshold:
            kept += 1
            kept_right += row["verdict"] == "correct"
    print(
        f"  check sample {CHECK['quotes']}: {right}/{len(rows)} right before;"
        f" kept {kept}, {kept_right} right → precision {kept_right / max(1, kept):.3f}"
    )


# -- events -----------------------------------------------------------------------------------


@dataclass(slots=True)
class JudgedEvent:
    url: str
    labels: dict[str, str]  # event: ok|not_political|wrong_type; each field: ok|wrong|empty
    article: object
    event: object
    context: object


def event_labels(row: dict[str, str]) -> dict[str, str]:
    if "event" in row:  # judged field by field
        return {"event": row["event"], **{f: row[f"{f}_ok"] for f in (*FIELDS, "factuality")}}
    labels = {"event": "ok", "factuality": "ok"} | {f: "ok" if row[f] else "empty" for f in FIELDS}
    if row["verdict"] == "wrong":
        kind = row["note"][1 : row["note"].index("]")] if row["note"].startswith("[") else ""
        if kind in ("not_political", "wrong_type"):
            labels["event"] = kind
        for name in WRONG_FIELDS.get(kind, ()):
            if labels[name] != "empty":
                labels[name] = "wrong"
    return labels


def judged_events() -> list[JudgedEvent]:
    rows = [row for name in EVENT_FILES for row in judged.read_judged(name)]
    made = produced(rows, "events")
    fields = judged.EVENT_FIELDS[:-2]
    # A row whose mode alone has changed since it was judged («إقناع» lost its fixed «meet») keeps
    # its other verdicts; its mode is now empty or set by a refinement, which nobody judged.
    without_mode = {tuple(v for f, v in zip(fields, key, strict=True) if f != "mode"): key for key in made}
    found = []
    for row in rows:
        key = tuple(row[f] for f in fields)
        labels = event_labels(row)
        if key not in made:
            key = without_mode.get(tuple(row[f] for f in fields if f != "mode"), key)
            if key not in made:
                continue
            mode = made[key][1].mode
            labels["mode"] = "empty" if not mode else "unjudged"
        found.append(JudgedEvent(row["url"], labels, *made[key]))
    print(f"events: {len(found)} of {len(rows)} judged rows still produced ({', '.join(EVENT_FILES)})")
    return found


def right_after(item: JudgedEvent, dropped: set[str]) -> bool:
    """Whether the event is right once the fields in ``dropped`` are left empty."""
    labels = item.labels
    return (
        labels["event"] == "ok"
        and labels["factuality"] != "wrong"
        and all(labels[f] != "wrong" or f in dropped for f in FIELDS)
    )


def train_events(write: bool) -> None:
    items = judged_events()
    groups = [item.url for item in items]
    shares = np.array([item.context.public_share for item in items])
    rows_right = np.array([right_after(item, set()) for item in items])
    # 1. the article's words of public affairs
    cut = threshold_for(shares, rows_right, PUBLIC_KEEP, step=0.1)
    # 2. the event model: a real political event of its type
    X_event = prune([event_features(item.article, item.event, item.context) for item in items])
    y_event = [int(item.labels["event"] == "ok") for item in items]
    event_scores = out_of_fold(X_event, y_event, groups)
    passing = shares >= cut
    event_threshold = threshold_for(event_scores[passing], np.array(y_event)[passing], EVENT_KEEP)
    print(
        f"  event model: out-of-fold AUC {roc_auc_score(y_event, event_scores):.3f}"
        f" ({np.mean(y_event):.3f} real events of their type); threshold {event_threshold};"
        f" public-affairs cut {cut}%"
    )
    # 3. the factuality model: the event is dropped when its factuality is doubted (it cannot be
    # left empty, and a wrong «happened» misleads more than a missing event)
    y_fact = [int(item.labels["factuality"] != "wrong") for item in items]
    fact_scores = out_of_fold(X_event, y_fact, groups)
    fact_threshold = threshold_for(fact_scores[passing], np.array(y_fact)[passing], FACT_KEEP)
    print(
        f"  factuality model: out-of-fold AUC {roc_auc_score(y_fact, fact_scores):.3f}"
        f" ({np.mean(y_fact):.3f} right); threshold {fact_threshold}"
    )
    models = {
        "event": (fit(X_event, y_event), event_threshold),
        "factuality": (fit(X_event, y_fact), fact_threshold),
    }
    # 4. one model per field, on the events where it is filled and judged
    dropped_oof: list[set[str]] = [set() for _ in items]
    for field in FIELDS:
        index = [i for i, item in enumerate(items) if item.labels[field] in ("ok", "wrong")]
        X = prune([field_features(items[i].article, items[i].event, field, items[i].context) for i in index])
        y = [int(items[i].labels[field] == "ok") for i in index]
        scores = out_of_fold(X, y, [groups[i] for i in index])
        threshold = threshold_for(scores, y, FIELD_KEEP[field])
        for i, score in zip(index, scores, strict=True):
            if score < threshold:
                dropped_oof[i].add(field)
        print(
            f"  {field}: {len(y)} filled, {np.mean(y):.3f} right; out-of-fold AUC {roc_auc_score(y, scores):.3f};"
            f" threshold {threshold} keeps {FIELD_KEEP[field]:.0%} of right values"
        )
        models[field] = (fit(X, y), threshold)
    # What all cuts together give, out of fold.
    emitted = passing & (event_scores >= event_threshold) & (fact_scores >= fact_threshold)
    after = np.array([right_after(item, dropped) for item, dropped in zip(items, dropped_oof, strict=True)])
    before_right = rows_right.sum()
    left: dict[str, int] = {}
    for item, dropped, kept in zip(items, dropped_oof, emitted, strict=True):
        if kept and not right_after(item, dropped):
            for name in ("event", "factuality", *FIELDS):
                if item.labels[name] not in ("ok", "empty") and name not in dropped:
                    left[name] = left.get(name, 0) + 1
    print("  wrong fields left among emitted events:", dict(sorted(left.items(), key=lambda kv: -kv[1])))
    print(
        f"  out of fold: precision {rows_right.mean():.3f} (rules) → {after[emitted].mean():.3f};"
        f" {emitted.sum()} of {len(items)} events emitted, {(rows_right & emitted).sum()} of {before_right}"
        f" right events still emitted"
    )
    if write:
        out = {
            "about": (
                f"Logistic regressions (C={C}) on {len(items)} hand-judged SaudiNewsNet events of"
                f" {', '.join(EVENT_FILES)}: whether the event is a real political event of its type, and"
                f" whether each of {', '.join(FIELDS)} is right. Events of articles under {cut}% words of public"
                f" affairs, under the event threshold (keeping {EVENT_KEEP:.0%} of real events out of fold) or"
                f" under the factuality threshold (keeping {FACT_KEEP:.0%} of right factualities) are dropped; a field under its threshold is left empty (keeping {', '.join(f'{v:.0%}' for v in FIELD_KEEP.values())} of right values)."
                f" Out of fold: precision {rows_right.mean():.3f} → {after[emitted].mean():.3f}."
                " Written by bench/train_confidence.py --write."
            ),
            "min_public_share": cut,
            "event": as_json(*models["event"][0], models["event"][1]),
            "factuality": as_json(*models["factuality"][0], models["factuality"][1]),
            "fields": {field: as_json(*models[field][0], models[field][1]) for field in FIELDS},
        }
        write_model("events", out)


def write_model(kind: str, out: dict) -> None:
    path = DATA / kind / "confidence.json"
    Path(path).write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print("  wrote", path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="store the weights in src/khabar/data")
    parser.add_argument("--kind", choices=("events", "quotes", "both"), default="both")
    args = parser.parse_args()
    if args.kind in ("events", "both"):
        train_events(args.write)
    if args.kind in ("quotes", "both"):
        train_quotes(args.write)


if __name__ == "__main__":
    main()
