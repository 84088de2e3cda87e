"""The committed CRF model: load once, tag sentences of tokens with BIO labels."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from khabar.understand.ner.features import sentence_features

MODEL_FILE = "anercorp-crf.model"


def model_path() -> Path:
    return Path(str(resources.files("khabar").joinpath("data", "ner", MODEL_FILE)))


@lru_cache(maxsize=1)
def load_tagger():  # -> pycrfsuite.Tagger | None
    """The CRF tagger, or None when the model file is missing (recognition then yields nothing)."""
    import pycrfsuite

    path = model_path()
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag(tokens: list[str]) -> list[str]:
    """BIO tags for one sentence: «يجري الرئيس الروسي فلاديمير بوتين» → O O O B-PERS I-PERS."""
    tagger = load_tagger()
    if tagger is None or not tokens:
        return ["O"] * len(tokens)
    return list(tagger.tag(sentence_features(tokens)))
