"""Word clusters learned from unlabeled Arabic news (SaudiNewsNet), used as CRF features.

ANERcorp is small (125k tokens); clusters carry what the labeled data never shows, e.g. that an
unseen «كازاخستان» behaves like «أذربيجان». Recipe: directional co-occurrence counts in a ±2 window
→ positive PMI → truncated SVD → k-means at several granularities (coarse clusters generalize,
fine ones discriminate). Training runs only in ``khabar.understand.ner.train``; the runtime reads
the committed table.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from khabar.understand.normalize import normalize

CLUSTER_FILE = "clusters.tsv"
GRANULARITIES = (64, 256, 1024)
_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3\w]+")


def corpus_texts(folder: Path) -> Iterator[str]:
    """Title and content of every SaudiNewsNet record (a folder of daily zips of JSON lists)."""
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not name.endswith(".json"):
                    continue
                for record in json.loads(archive.read(name)):
                    yield f"{record.get('title') or ''}\n{record.get('content') or ''}"


def tokenize(text: str) -> list[str]:
    return [normalize(word) for word in _WORD.findall(text)]


def train_clusters(
    texts: Iterable[str],
    vocab_size: int = 60000,
    context_size: int = 5000,
    dims: int = 100,
    seed: int = 13,
) -> dict[str, tuple[int, ...]]:
    """PPMI + SVD + k-means word clusters; returns word → cluster id per granularity."""
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize as l2

    sentences = [tokenize(text) for text in texts]
    counts = Counter(word for sentence in sentences for word in sentence)
    vocab = [word for word, count in counts.most_common(vocab_size) if count >= 5]
    index = {word: i for i, word in enumerate(vocab)}
    ids = np.fromiter(
        (index.get(word, -1) for sentence in sentences for word in [*sentence, None]),
        dtype=np.int64,
    )  # None marks a document boundary (-1), so windows never cross documents
    offsets = (-2, -1, 1, 2)
    rows, cols = [], []
    for slot, offset in enumerate(offsets):
        if offset > 0:
            target, context = ids[:-offset], ids[offset:]
        else:
            target, context = ids[-offset:], ids[:offset]
        keep = (target >= 0) & (context >= 0) & (context < context_size)
        rows.append(target[keep])
        cols.append(context[keep] + slot * context_size)
    matrix = sparse.coo_matrix(
        (np.ones(sum(len(r) for r in rows), dtype=np.float32), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(vocab), context_size * len(offsets)),
    ).tocsr()
    matrix.sum_duplicates()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al.)
    col_sums = col_sums / col_sums.sum() * total
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)
    vectors = l2(TruncatedSVD(n_components=dims, random_state=seed).fit_transform(ppmi))
    labels = [
        MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3).fit_predict(vectors)
        for k in GRANULARITIES
    ]
    return {word: tuple(int(label[i]) for label in labels) for i, word in enumerate(vocab)}


def write_clusters(clusters: dict[str, tuple[int, ...]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for word, ids in clusters.items():
            out.write(word + "\t" + "\t".join(map(str, ids)) + "\n")


@lru_cache(maxsize=1)
def load_clusters() -> dict[str, tuple[str, ...]]:
    """The committed table: normalized word → cluster ids as strings (coarse to fine)."""
    table: dict[str, tuple[str, ...]] = {}
    source = resources.files("khabar").joinpath("data", "ner", CLUSTER_FILE)
    if not source.is_file():
        return table
    for line in source.read_text(encoding="utf-8").splitlines():
        word, *ids = line.split("\t")
        table[word] = tuple(ids)
    return table
