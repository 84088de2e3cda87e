"""Near duplicates: MinHash over word 5-grams of normalized text, LSH bands, exact Jaccard check.

The rule is a set of pure functions so any engine (the local store, Spark) applies the same one:
``shingles`` → ``signature`` → ``band_keys`` find candidates that share a band; ``confirm`` keeps
only pairs whose true Jaccard similarity of shingles is at least ``THRESHOLD``.

20 bands of 6 rows (120 of the 128 permutations): a pair at Jaccard 0.8 shares a band with
probability 0.998, a pair at 0.5 with 0.27 and one at 0.2 with 0.001, so near copies are rarely
missed and the exact check stays cheap.
"""

from __future__ import annotations

import hashlib
import struct

import numpy as np
from datasketch import MinHash

from khabar.dedup.exact import normalized_text

NUM_PERM = 128
SHINGLE_WORDS = 5
BANDS = 20
ROWS = 6
THRESHOLD = 0.8
SEED = 1  # fixed: signatures must agree across processes, machines and runs


def shingles(text: str) -> set[str]:
    """Word 5-grams of the normalized text; a text shorter than five words is one shingle."""
    return word_shingles(normalized_text(text).split())


def word_shingles(words: list[str]) -> set[str]:
    """Word 5-grams of already normalized words (lets a caller normalize a text only once)."""
    if not words:
        return set()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


_SCHEME = "affine32"  # datasketch 2.x default; named so stored keys never change with a new default
_PERMUTATIONS = MinHash(
    num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME
).permutations  # built once: the costly part


def signature(text: str) -> np.ndarray:
    """The 128 MinHash values (unsigned 32-bit) of the text's shingles; all-max for a text with none."""
    return shingles_signature(shingles(text))


def shingles_signature(items: set[str]) -> np.ndarray:
    """The MinHash signature of a shingle set (what ``signature`` computes after ``shingles``)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=_SCHEME)
    if items:
        minhash.update_batch([item.encode("utf-8", "surrogatepass") for item in items])
    return minhash.hashvalues


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (band number folded in), ready for an SQLite index."""
    values = np.asarray(sig, dtype=np.uint64)
    keys: list[int] = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(struct.pack("<H", band) + chunk, digest_size=8).digest()
        keys.append(struct.unpack("<q", digest)[0])
    return keys


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two shingle sets; two empty sets are not similar."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def confirm(a: str, b: str) -> bool:
    """True when the two texts' shingle sets overlap at Jaccard ≥ 0.8."""
    return jaccard(shingles(a), shingles(b)) >= THRESHOLD
