"""Where extraction runs: in this process, in a pool of worker processes, or as Dask tasks.

Each engine takes the sources to extract and yields ``(source, result)`` as results arrive
(``result`` is what ``sources.extract_rows`` returns), keeping a bounded window of documents in
flight so memory stays flat on any archive. The caller alone stores the results, so the same
incremental skip, error rows and progress apply whatever the engine.

    local  --jobs 1: in this process; --jobs N: a ProcessPoolExecutor of N workers
    dask   a distributed LocalCluster of N single-threaded worker processes, or the cluster whose
           scheduler address is given (its workers must have extractor installed and see the
           same paths, e.g. a shared file system)
"""
from __future__ import annotations

import logging
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Iterator

from .errors import EngineError
from .read import Limits
from .sources import Source, extract_rows

ENGINES = ("local", "dask")
WINDOW_PER_WORKER = 4  # documents in flight per worker: enough to keep each busy, few in memory


def run(todo: list[Source], limits: Limits, debug: bool = False, jobs: int = 1, engine: str = "local",
        scheduler: str | None = None) -> Iterator[tuple[Source, tuple]]:
    """Extract ``todo`` with ``engine``; yields (source, result) in the order results arrive."""
    if engine == "dask":
        return run_dask(todo, limits, debug, jobs, scheduler)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if jobs <= 1 or len(todo) <= 1:
        return ((source, extract_rows(source, limits, debug, False)) for source in todo)
    return run_pool(todo, limits, debug, jobs)


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which stops the batch and says what it stored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_pool(todo: list[Source], limits: Limits, debug: bool, jobs: int) -> Iterator[tuple[Source, tuple]]:
    """A ProcessPoolExecutor of ``jobs`` workers; at most jobs × WINDOW_PER_WORKER in flight. The
    writer cuts the search words (one jieba dictionary instead of one per worker). When the batch
    stops (Ctrl-C, a full disk), documents not yet started are cancelled."""
    window = jobs * WINDOW_PER_WORKER
    pending = {}
    queue = iter(todo)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        for source in queue:
            pending[pool.submit(extract_rows, source, limits, debug, False)] = source
            if len(pending) >= window:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                source = pending.pop(future)
                yield source, future.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending[pool.submit(extract_rows, nxt, limits, debug, False)] = nxt
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def dask_client(jobs: int, scheduler: str | None = None):
    """A distributed Client: to the scheduler at ``scheduler``, or to a new LocalCluster of
    ``jobs`` single-threaded worker processes (closed with the client). EngineError when dask is
    not installed or the scheduler cannot be reached."""
    try:
        from distributed import Client, LocalCluster
    except ModuleNotFoundError as e:
        raise EngineError("--engine dask needs dask and distributed: pip install 'extractor[dask]'") from e
    if scheduler:
        try:
            return Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as e:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    client._extractor_cluster = cluster  # closed with the client by run_dask
    return client


def run_dask(todo: list[Source], limits: Limits, debug: bool = False, jobs: int = 1,
             scheduler: str | None = None, client=None) -> Iterator[tuple[Source, tuple]]:
    """Extraction as Dask tasks (one per document); results are gathered by this process as they
    complete. ``client``: an existing distributed Client to use (left open)."""
    if not todo:
        return
    own = client is None
    client = client or dask_client(jobs, scheduler)  # EngineError when dask is not installed
    from distributed import as_completed

    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        window = workers * WINDOW_PER_WORKER
        queue = iter(todo)
        pending = {}

        def submit(source: Source):
            # pure=False: the same source twice is two tasks (its file may have changed); search
            # words are cut on the workers: one client cannot keep up with a cluster
            future = client.submit(extract_rows, source, limits, debug, True, pure=False)
            pending[future.key] = source
            return future

        first = [submit(s) for _, s in zip(range(window), queue)]
        completed = as_completed(first)
        for future in completed:
            source = pending.pop(future.key)
            result = future.result()
            future.release()
            yield source, result
            nxt = next(queue, None)
            if nxt is not None:
                completed.add(submit(nxt))
    finally:
        if own:
            cluster = getattr(client, "_extractor_cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
