"""Group commit: many requests' clicks written in one transaction, each request awaiting it.

Requests hand their click to `GroupCommitWriter.write` and await it. One writer thread takes
everything that arrived while the previous transaction was committing, writes it as one
transaction (one fsync), then wakes every request of that batch: a request's 302 leaves only
after its click is on disk, and under load one fsync serves hundreds of requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections import defaultdict
from collections.abc import Callable

from influent.store.link_clicks import Click, ClickStore

__all__ = ["GroupCommitWriter"]

# A batch this large already amortises the fsync; more would only lengthen the wait.
MAX_BATCH = 5000

_Pending = tuple[Click, asyncio.Future[None], asyncio.AbstractEventLoop]


class GroupCommitWriter:
    def __init__(self, connect: Callable[[], ClickStore]) -> None:
        self._connect = connect
        # A C queue: handing a click over never blocks the event loop on a Python lock held
        # by the writer thread (which would also wait for the GIL's switch interval).
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._closed = False
        self.batches = 0
        self.written = 0

    def start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="influent-click-writer", daemon=True
                )
                self._thread.start()

    async def write(self, click: Click) -> None:
        """Returns once the click is committed; raises if its transaction failed."""
        if self._closed:
            raise RuntimeError("the click writer is closed")
        if self._thread is None:
            self.start()
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        self._queue.put((click, done, loop))
        await done

    def close(self) -> None:
        self._closed = True
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=10)

    def _take(self) -> tuple[list[_Pending], bool]:
        """Wait for one click, then take every click already waiting (up to MAX_BATCH)."""
        first = self._queue.get()
        if first is None:
            return [], True
        batch = [first]
        stop = False
        while len(batch) < MAX_BATCH:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                stop = True
                break
            batch.append(item)
        return batch, stop

    def _run(self) -> None:
        store: ClickStore | None = None
        stop = False
        while not stop:
            batch, stop = self._take()
            if not batch:
                continue
            error: BaseException | None = None
            try:
                if store is None:
                    store = self._connect()
                store.write([click for click, _, _ in batch])
                self.batches += 1
                self.written += len(batch)
            except Exception as failure:  # the requests answer 503; the next batch reconnects
                error = failure
                if store is not None:
                    store.close()
                    store = None
            by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = defaultdict(list)
            for _, done, loop in batch:
                by_loop[loop].append(done)
            for loop, futures in by_loop.items():
                # A closed loop has nobody waiting any more.
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(_settle, futures, error)
        if store is not None:
            store.close()


def _settle(futures: list[asyncio.Future[None]], error: BaseException | None) -> None:
    for future in futures:
        if future.done():
            continue
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)
