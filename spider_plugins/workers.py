"""Worker processes that score pages, for ``spamguard score --jobs N`` and a crawl's ``SPAMGUARD_WORKERS``.

Each worker loads the model once (:func:`init_worker`) and then scores many pages. Workers are started
with ``forkserver`` (``spawn`` where there is none), never forked from the calling process, which may hold
LightGBM's OpenMP threads or a running Twisted reactor. This module imports neither Scrapy nor the model
at import time, so a worker imports only what scoring needs.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from model import Scorer, Verdict

__all__ = ["WORKER_PRELOAD_MODULES", "init_worker", "score_text", "worker_context", "worker_scorer"]

#: Modules the fork server imports before it forks workers (so that each worker does not import them).
WORKER_PRELOAD_MODULES = ("model",)

# Worker-process state, set once by init_worker.
_scorer: Scorer | None = None
_threshold: float | None = None


def init_worker(model_dir: str | None, threshold: float | None, log_level: int) -> None:
    """Load the model in a new worker process; ``threshold`` overrides the model's (None: the model's)."""
    import signal

    from model import Scorer

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    global _scorer, _threshold
    _scorer = Scorer.load(model_dir)
    _threshold = threshold


def worker_scorer() -> tuple[Scorer, float | None]:
    """This worker's scorer and threshold override."""
    assert _scorer is not None, "worker not initialized"
    return _scorer, _threshold


def score_text(text: str, url: str | None, threshold: float | None, max_bytes: int) -> Verdict:
    """Score one page's decoded text in a worker (a crawl's response, see ``SPAMGUARD_WORKERS``)."""
    scorer, default = worker_scorer()
    return scorer.score_html(text, url=url, threshold=default if threshold is None else threshold, max_bytes=max_bytes)


def worker_context(start: bool = False) -> Any:
    """The multiprocessing context of the workers: ``forkserver`` (``spawn`` where there is none).

    The fork server imports the model's libraries once and each worker forks from it ready to load the
    model. ``start=True`` starts the server now, so that its imports overlap the calling process's own.
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(WORKER_PRELOAD_MODULES))
    if start:
        from multiprocessing import forkserver

        forkserver.ensure_running()
    return context
