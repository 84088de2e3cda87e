"""The committed CRF models: load once, tag the sentences of a document with BIO labels.

Two passes: the sentence model tags each sentence from its own words; the document model, when
present, re-tags them knowing how the first pass read the same words elsewhere in the document.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from khabar.understand.ner.document import document_features
from khabar.understand.ner.features import crf_items, sentence_features

MODEL_FILE = "anercorp-crf.model"
DOCUMENT_MODEL_FILE = "anercorp-crf-doc.model"


def model_path(name: str = MODEL_FILE) -> Path:
    return Path(str(resources.files("khabar").joinpath("data", "ner", name)))


@lru_cache(maxsize=2)
def load_tagger(name: str = MODEL_FILE):  # -> pycrfsuite.Tagger | None
    """A CRF tagger, or None when its model file is missing (recognition then yields nothing)."""
    import pycrfsuite

    path = model_path(name)
    if not path.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag_document(document: list[list[str]]) -> list[list[str]]:
    """BIO tags for every sentence (a list of tokens) of one document."""
    tagger = load_tagger()
    if tagger is None:
        return [["O"] * len(tokens) for tokens in document]
    first = [
        list(tagger.tag(crf_items(tokens, sentence_features(tokens)))) if tokens else []
        for tokens in document
    ]
    second_tagger = load_tagger(DOCUMENT_MODEL_FILE)
    if second_tagger is None:
        return first
    features = document_features(document, first)
    return [
        list(second_tagger.tag(crf_items(tokens, x))) if x else []
        for tokens, x in zip(document, features, strict=True)
    ]


def tag(tokens: list[str]) -> list[str]:
    """BIO tags for one sentence: «يجري الرئيس الروسي فلاديمير بوتين» → O O O B-PERS I-PERS."""
    return tag_document([tokens])[0]
