"""The local engine: map a per-document function over documents with a process pool.

It only schedules: documents go out in chunks, results come back in input order, and a worker
that dies (a segfault in a C parser, the OOM killer) costs only the document that killed it —
its chunk is re-run one document at a time in a fresh pool, and the culprit comes back as the
``on_crash`` result instead of taking the batch down.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Generic, TypeVar

from khabar.pipeline import parse_document
from khabar.records import Document, Page

T = TypeVar("T")

CHUNK_SIZE = 16  # documents per task: big enough to amortize pickling, small enough to balance


def default_workers() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def crashed_page(document: Document, reason: str) -> Page:
    """What a document that killed its worker becomes: an empty page that says so."""
    return Page(source=document.source, url=document.url, outlet=document.outlet, problem=reason)


def _die_with_parent(parent: int) -> None:
    """Worker initializer: a parent killed with SIGKILL must not leave workers behind (Linux)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux/glibc: workers end when their queue closes
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _run_chunk(
    fn: Callable[[Document], T], on_crash: Callable[[Document, str], T], chunk: list[Document]
) -> list[T]:
    results: list[T] = []
    for document in chunk:
        try:
            results.append(fn(document))
        except Exception as error:  # one bad document must not fail its chunk
            results.append(on_crash(document, f"worker-error: {type(error).__name__}: {error}"[:300]))
    return results


@dataclass(slots=True)
class _Task(Generic[T]):
    chunk: list[Document]
    future: Future[list[T]]


class LocalEngine:
    """``map`` over documents with ``workers`` processes (0: in this process, no isolation)."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        chunk_size: int = CHUNK_SIZE,
        max_tasks_per_child: int | None = None,
    ) -> None:
        self.workers = default_workers() if workers is None else max(0, workers)
        self.chunk_size = max(1, chunk_size)
        self.max_tasks_per_child = max_tasks_per_child
        self.crashes = 0

    def map(
        self,
        documents: Iterable[Document],
        fn: Callable[[Document], T] = parse_document,  # type: ignore[assignment]
        on_crash: Callable[[Document, str], T] = crashed_page,  # type: ignore[assignment]
    ) -> Iterator[T]:
        """Yield ``fn(document)`` for every document, in input order."""
        if self.workers == 0:
            for document in documents:
                yield from _run_chunk(fn, on_crash, [document])
            return
        chunks = _chunked(documents, self.chunk_size)
        window = self.workers * 4  # chunks in flight: keeps every worker fed without reading ahead far
        pool = self._pool()
        tasks: deque[_Task[T]] = deque()
        try:
            for chunk in islice(chunks, window):
                tasks.append(_Task(chunk, pool.submit(_run_chunk, fn, on_crash, chunk)))
            while tasks:
                task = tasks.popleft()
                try:
                    results = task.future.result()
                except BrokenProcessPool:
                    pool.shutdown(wait=True, cancel_futures=True)
                    results = self._isolate(task.chunk, fn, on_crash)
                    pool = self._pool()
                    for other in tasks:  # innocent chunks that died with the pool go again
                        if not _succeeded(other.future):
                            other.future = pool.submit(_run_chunk, fn, on_crash, other.chunk)
                yield from results
                for chunk in islice(chunks, 1):
                    tasks.append(_Task(chunk, pool.submit(_run_chunk, fn, on_crash, chunk)))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _pool(self, workers: int | None = None) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers or self.workers,
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
            max_tasks_per_child=self.max_tasks_per_child,
        )

    def _isolate(
        self, chunk: list[Document], fn: Callable[[Document], T], on_crash: Callable[[Document, str], T]
    ) -> list[T]:
        """Run a chunk whose pool died one document per fresh single-worker pool."""
        results: list[T] = []
        for document in chunk:
            with self._pool(1) as solo:
                try:
                    results.append(solo.submit(_run_chunk, fn, on_crash, [document]).result()[0])
                except BrokenProcessPool:
                    self.crashes += 1
                    results.append(on_crash(document, "worker-crash: the process died on this document"))
        return results


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _chunked(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def map_documents(
    documents: Iterable[Document],
    fn: Callable[[Document], T] = parse_document,  # type: ignore[assignment]
    *,
    workers: int | None = None,
) -> Iterator[T]:
    """``fn`` over documents on all cores (or ``workers``), results in input order."""
    return LocalEngine(workers).map(documents, fn)
