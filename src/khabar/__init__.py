"""khabar: Arabic news pages to structured, searchable knowledge."""

import os

# One article's NER scoring is a few small matrix products: handing each to a pool of BLAS threads
# costs more than it saves (measured: 2.5x slower than one thread), and khabar's parallelism is
# one process per core. Set before numpy loads; a caller's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from khabar.pipeline import parse, parse_document  # noqa: E402
from khabar.records import Article, Byline, Caption, Document, Page, Teaser  # noqa: E402

__version__ = "0.1.0"

__all__ = ["Article", "Byline", "Caption", "Document", "Page", "Teaser", "parse", "parse_document"]
