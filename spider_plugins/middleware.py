"""The SpamGuard middlewares: score HTML responses, then drop, flag or only count spam.

:class:`SpamGuardSpiderMiddleware` scores every HTML response before the spider callback sees it, reusing
the response's own lxml tree (``response.selector.root``), so the page is parsed once for the scorer and the
spider's selectors alike. :class:`SpamGuardDownloaderMiddleware` refuses, before download, requests to hosts
that have turned out to be mostly spam (host escalation).

Enable both with one line, ``ADDONS = {"spider_plugins.SpamGuardAddon": 0}``, or list them by hand in
``SPIDER_MIDDLEWARES`` / ``DOWNLOADER_MIDDLEWARES`` (see docs/SCRAPY.md).

With ``SPAMGUARD_WORKERS = N`` the downloader middleware instead hands each HTML response's text to N worker
processes and waits for the verdict without blocking the crawl; the spider middleware then acts on it as on
its own. The page is parsed a second time, in a worker, and the crawl process is free for Scrapy's work.
"""

from __future__ import annotations

import logging
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, TextResponse
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from model import Scorer
from spider_plugins.state import (
    ACTION_DROP,
    ACTION_FLAG,
    ACTION_MONITOR,
    SharedState,
    SpamGuardConfig,
    shared_state,
    utc_now_iso,
)
from spider_plugins.workers import init_worker, score_text, worker_context

if TYPE_CHECKING:
    from collections.abc import Iterable
    from concurrent.futures import Future

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

    from model import Verdict

__all__ = [
    "META_KEY",
    "META_SKIP",
    "META_THRESHOLD",
    "HostBlocked",
    "SpamDropped",
    "SpamGuardDownloaderMiddleware",
    "SpamGuardSpiderMiddleware",
]

logger = logging.getLogger(__name__)

# request.meta / response.meta keys
META_KEY = "spamguard"  # response.meta: the verdict dict of a scored response
META_SKIP = "dont_spamguard"  # request.meta: true skips scoring and host blocking for this request
META_THRESHOLD = "spamguard_threshold"  # request.meta: per-request threshold override
# request.meta, private: the Verdict (or the scoring error) of a response scored by a worker process,
# from the downloader middleware to the spider middleware, which removes it.
META_PRESCORED = "_spamguard_prescored"

# Stats keys (component/event[/detail])
STAT_SCORED = "spamguard/scored"
STAT_SCORED_BY_WORKERS = "spamguard/scored_by_workers"  # of those, scored in a worker process
STAT_SPAM = "spamguard/spam"
STAT_DROPPED = "spamguard/dropped"
STAT_FLAGGED = "spamguard/flagged"
STAT_FLAGGED_ITEMS = "spamguard/flagged_items"
STAT_SKIPPED = "spamguard/skipped/{reason}"
STAT_HOST_BLOCKED = "spamguard/host_blocked"
STAT_HOSTS_BLOCKED = "spamguard/hosts_blocked"
STAT_ERROR = "spamguard/error/{kind}"
STAT_HISTOGRAM = "spamguard/score_histogram/{low:.1f}-{high:.1f}"

# Skip reasons (the <reason> of spamguard/skipped/<reason>)
SKIP_DONT_SPAMGUARD = "dont_spamguard"
SKIP_NON_HTML = "non_html"

HISTOGRAM_BUCKETS = 10  # score histogram: equal-width buckets over [0, 1]
LOG_TOP_REASONS = 3  # reasons named in the log line of a host's first spam page
AUDIT_TOP_REASONS = 5  # reasons written to each audit line
# A Content-Type containing this is HTML (text/html, application/xhtml+xml).
HTML_CONTENT_TYPE_MARKER = b"html"

_HISTOGRAM_KEYS = tuple(
    STAT_HISTOGRAM.format(low=i / HISTOGRAM_BUCKETS, high=(i + 1) / HISTOGRAM_BUCKETS) for i in range(HISTOGRAM_BUCKETS)
)


class SpamDropped(IgnoreRequest):
    """A response judged spam in ``drop`` mode (or unscorable with ``SPAMGUARD_FAIL_OPEN = False``).

    Raised from ``process_spider_input`` so the callback never runs; the middleware's own
    ``process_spider_exception`` swallows it quietly. A request errback, if set, receives it as a Failure
    (``failure.check(SpamDropped)``), exactly as with Scrapy's ``HttpError``.
    """

    def __init__(self, response: Response, verdict: dict[str, Any] | None, *args: Any) -> None:
        self.response = response
        self.verdict = verdict
        super().__init__(*args)


class HostBlocked(IgnoreRequest):
    """A request to a host blocked by host escalation, refused before download."""

    def __init__(self, host: str, *args: Any) -> None:
        self.host = host
        super().__init__(*args)


def _host(url_or_request: Request | Response) -> str:
    return urlparse_cached(url_or_request).hostname or ""


def _is_html(response: Response) -> bool:
    if isinstance(response, HtmlResponse):
        return True
    if not isinstance(response, TextResponse):
        return False
    content_type = response.headers.get(b"Content-Type") or b""
    return HTML_CONTENT_TYPE_MARKER in content_type.lower()


def _format_reasons(reasons: Iterable[Any], limit: int) -> str:
    parts = []
    for reason in list(reasons)[:limit]:
        value = "undefined" if reason["value"] is None else f"{reason['value']:.4g}"  # nan -> None
        parts.append(f"{reason['feature']}={value} ({reason['contribution']:+.2f})")
    return ", ".join(parts) if parts else "none"


class SpamGuardSpiderMiddleware(BaseSpiderMiddleware):
    """Scores each HTML response before the callback and applies ``SPAMGUARD_ACTION``.

    * ``drop``: a spam response never reaches the callback (no items, no followed links);
    * ``flag``: the callback runs and every item from a spam response gets the verdict in
      ``SPAMGUARD_FLAG_FIELD``;
    * ``monitor``: stats, logs and the audit file only.

    Every scored response carries its verdict dict in ``response.meta["spamguard"]``.
    """

    def __init__(self, crawler: Crawler, scorer: Scorer, config: SpamGuardConfig) -> None:
        super().__init__(crawler)
        assert crawler.stats is not None
        self._stats: StatsCollector = crawler.stats
        self._scorer = scorer
        self._config = config
        self._action = config.action
        self._threshold = config.threshold
        self._flag_field = config.flag_field
        self._max_bytes = config.max_bytes
        self._fail_open = config.fail_open
        self._state: SharedState = shared_state(crawler, config)
        self._logged_errors: set[str] = set()
        self._logged_flag_failures: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        config = SpamGuardConfig.from_settings(crawler.settings)
        # A model fault raises ModelError here (naming the file and the fix): the crawl does not start.
        scorer = Scorer.load(config.model_path)
        return cls(crawler, scorer, config)

    @property
    def scorer(self) -> Scorer:
        return self._scorer

    # -- spider input: score, decide --------------------------------------------------------------

    def process_spider_input(self, response: Response) -> None:
        request = response.request
        meta: dict[str, Any] = request.meta if request is not None else {}
        if meta.get(META_SKIP):
            self._stats.inc_value(STAT_SKIPPED.format(reason=SKIP_DONT_SPAMGUARD))
            return
        if not _is_html(response):
            self._stats.inc_value(STAT_SKIPPED.format(reason=SKIP_NON_HTML))
            return
        verdict = meta.pop(META_PRESCORED, None)  # scored by a worker process (SPAMGUARD_WORKERS)
        if isinstance(verdict, Exception):
            self._scoring_failed(response, verdict)
            return
        if verdict is None:
            try:
                verdict = self._score(response, meta.get(META_THRESHOLD, self._threshold))
            except Exception as exc:  # the scorer must never kill the crawl
                self._scoring_failed(response, exc)
                return
        else:
            self._stats.inc_value(STAT_SCORED_BY_WORKERS)
        result = verdict.to_dict()
        if request is not None:
            meta[META_KEY] = result
        self._count(verdict.score, verdict.is_spam)
        host = _host(response)
        if self._state.hosts.record(host, verdict.is_spam):
            self._host_blocked(host)
        if not verdict.is_spam:
            return
        if self._action == ACTION_DROP:
            self._stats.inc_value(STAT_DROPPED)
        elif self._action == ACTION_FLAG:
            self._stats.inc_value(STAT_FLAGGED)
        self._log_first_spam(host, response.url, result)
        self._audit(response.url, host, result)
        if self._action == ACTION_DROP:
            raise SpamDropped(response, result, f"Dropped spam page (score {verdict.score:.3f})")

    def process_spider_exception(self, response: Response, exception: Exception) -> Iterable[Any] | None:
        if isinstance(exception, SpamDropped):
            return ()
        return None

    # -- spider output: flag items ------------------------------------------------------------------

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if self._action != ACTION_FLAG or response is None or response.request is None:
            return item
        result = response.meta.get(META_KEY)
        if not result or not result.get("spam"):
            return item
        try:
            ItemAdapter(item)[self._flag_field] = dict(result)
        except (KeyError, TypeError) as exc:
            self._flag_failed(item, exc)
        else:
            self._stats.inc_value(STAT_FLAGGED_ITEMS)
        return item

    # -- helpers ------------------------------------------------------------------------------------

    def _score(self, response: Response, threshold: float | None) -> Verdict:
        assert isinstance(response, TextResponse)
        if len(response.body) > self._max_bytes:
            # Too big to parse whole: the scorer reads only the first SPAMGUARD_MAX_BYTES.
            return self._scorer.score_html(
                response.text, url=response.url, threshold=threshold, max_bytes=self._max_bytes
            )
        # Parse once: the scorer reads Scrapy's own tree, which the spider's selectors reuse.
        return self._scorer.score_html(response.selector.root, url=response.url, threshold=threshold)

    def _count(self, score: float, is_spam: bool) -> None:
        self._stats.inc_value(STAT_SCORED)
        bucket = min(int(score * HISTOGRAM_BUCKETS), HISTOGRAM_BUCKETS - 1)
        self._stats.inc_value(_HISTOGRAM_KEYS[max(bucket, 0)])
        if is_spam:
            self._stats.inc_value(STAT_SPAM)

    def _log_first_spam(self, host: str, url: str, result: dict[str, Any]) -> None:
        record = self._state.hosts.get(host)
        if record.first_spam_logged:
            return
        record.first_spam_logged = True
        verb = {ACTION_DROP: "Dropped", ACTION_FLAG: "Flagged", ACTION_MONITOR: "Saw"}[self._action]
        logger.info(
            "%s spam page %s (score %.3f >= threshold %.3f; top reasons: %s); further spam pages from %s "
            "are counted in the spamguard/* stats but not logged",
            verb,
            url,
            result["score"],
            result["threshold"],
            _format_reasons(result["reasons"], LOG_TOP_REASONS),
            host,
            extra={"spider": self.crawler.spider},
        )

    def _host_blocked(self, host: str) -> None:
        record = self._state.hosts.get(host)
        self._stats.inc_value(STAT_HOSTS_BLOCKED)
        logger.info(
            "Blocking host %s: %d of its %d scored pages were spam (>= %.0f%% of at least %d); further "
            "requests to it are dropped before download and counted in %s",
            host,
            record.spam,
            record.scored,
            self._config.host_spam_ratio * 100,
            self._config.host_min_pages,
            STAT_HOST_BLOCKED,
            extra={"spider": self.crawler.spider},
        )

    def _audit(self, url: str, host: str, result: dict[str, Any] | None, error: str | None = None) -> None:
        audit = self._state.audit
        if audit is None:
            return
        line: dict[str, Any] = {
            "time": utc_now_iso(),
            "url": url,
            "host": host,
            "action": self._action,
            "score": result["score"] if result else None,
            "threshold": result["threshold"] if result else None,
            "reasons": list(result["reasons"][:AUDIT_TOP_REASONS]) if result else [],
        }
        if error is not None:
            line["error"] = error
        audit.write(line)

    def _scoring_failed(self, response: Response, exc: Exception) -> None:
        kind = type(exc).__name__
        self._stats.inc_value(STAT_ERROR.format(kind=kind))
        if kind not in self._logged_errors:
            self._logged_errors.add(kind)
            logger.error(
                "SpamGuard could not score %s (%s: %s); the page %s. Further %s errors are only counted in %s",
                response.url,
                kind,
                exc,
                "passes (SPAMGUARD_FAIL_OPEN)" if self._fail_open else "is dropped (SPAMGUARD_FAIL_OPEN)",
                kind,
                STAT_ERROR.format(kind=kind),
                exc_info=exc,
                extra={"spider": self.crawler.spider},
            )
        if self._fail_open:
            return
        self._stats.inc_value(STAT_DROPPED)
        self._audit(response.url, _host(response), None, error=f"{kind}: {exc}")
        raise SpamDropped(response, None, f"Dropped unscorable page ({kind})") from exc

    def _flag_failed(self, item: Any, exc: Exception) -> None:
        self._stats.inc_value(STAT_ERROR.format(kind="flag_field"))
        kind = type(item).__name__
        if kind not in self._logged_flag_failures:
            self._logged_flag_failures.add(kind)
            logger.warning(
                "SpamGuard cannot set field %r on %s items (%s: %s); declare the field on the item class "
                "or change SPAMGUARD_FLAG_FIELD. Such items pass unflagged and are counted in %s",
                self._flag_field,
                kind,
                type(exc).__name__,
                exc,
                STAT_ERROR.format(kind="flag_field"),
                extra={"spider": self.crawler.spider},
            )


class WorkerPool:
    """``SPAMGUARD_WORKERS`` processes that score responses' text while the crawl process goes on.

    Each worker loads the model once. :meth:`score` submits one page and waits for its verdict without
    blocking the reactor (with the asyncio reactor or any other); the number of pages in flight is bounded
    by the crawl's own concurrency, since a response is not done until its middlewares are.
    """

    def __init__(self, workers: int, model_path: str | None, max_bytes: int) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self._max_bytes = max_bytes
        self._executor = ProcessPoolExecutor(
            workers,
            mp_context=worker_context(start=True),
            initializer=init_worker,
            initargs=(model_path, None, logging.getLogger().level),
        )
        for _ in range(workers):  # start the workers now: they load the model while the crawl starts
            self._executor.submit(int)

    async def score(self, text: str, url: str, threshold: float | None) -> Verdict:
        """The verdict of one page's decoded text. Raises what the worker raised, or
        :class:`~concurrent.futures.process.BrokenProcessPool` when a worker died."""
        from twisted.internet import reactor

        future = self._executor.submit(score_text, text, url, threshold, self._max_bytes)
        done: Deferred[Verdict] = Deferred()
        future.add_done_callback(lambda f: reactor.callFromThread(_settle, done, f))  # type: ignore[attr-defined]
        return await maybe_deferred_to_future(done)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def _settle(deferred: Deferred[Any], future: Future[Any]) -> None:
    """Fire ``deferred`` with the outcome of ``future`` (in the reactor thread)."""
    if future.cancelled():
        deferred.errback(Failure(CancelledError()))
    elif (exc := future.exception()) is not None:
        deferred.errback(Failure(exc))
    else:
        deferred.callback(future.result())


class SpamGuardDownloaderMiddleware:
    """Refuses requests to blocked hosts before download (host escalation, ``drop`` mode only), and with
    ``SPAMGUARD_WORKERS`` > 0 scores HTML responses in worker processes.

    The blocking decision is taken by :class:`SpamGuardSpiderMiddleware` from scored responses; both
    share the crawler's host state. Each refused request raises :class:`HostBlocked` (an
    ``IgnoreRequest``), is counted in ``spamguard/host_blocked`` and, with an audit file, written to it.

    A verdict from a worker goes to the spider middleware in the request's meta, which acts on it as on
    its own. If the workers die, the error is counted and logged and the spider middleware scores in the
    crawl process from then on: no page goes unscored.
    """

    def __init__(self, crawler: Crawler, config: SpamGuardConfig) -> None:
        assert crawler.stats is not None
        self.crawler = crawler
        self._stats: StatsCollector = crawler.stats
        self._config = config
        self._state: SharedState = shared_state(crawler, config)
        self._pool: WorkerPool | None = None
        if config.workers:
            self._pool = WorkerPool(config.workers, config.model_path, config.max_bytes)
            crawler.signals.connect(self._close_pool, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        config = SpamGuardConfig.from_settings(crawler.settings)
        if not config.escalates and not config.workers:
            raise NotConfigured  # no message: Scrapy disables it silently
        return cls(crawler, config)

    def process_request(self, request: Request) -> None:
        if request.meta.get(META_SKIP) or not self._config.escalates:
            return
        host = _host(request)
        if not self._state.hosts.is_blocked(host):
            return
        self._stats.inc_value(STAT_HOST_BLOCKED)
        audit = self._state.audit
        if audit is not None:
            record = self._state.hosts.get(host)
            audit.write(
                {
                    "time": utc_now_iso(),
                    "url": request.url,
                    "host": host,
                    "action": "host_blocked",
                    "score": None,
                    "threshold": None,
                    "reasons": [],
                    "host_scored": record.scored,
                    "host_spam": record.spam,
                }
            )
        raise HostBlocked(host, f"Host {host} is blocked as spam")

    async def process_response(self, request: Request, response: Response) -> Response:
        pool = self._pool
        if pool is None or request.meta.get(META_SKIP) or not 200 <= response.status < 300 or not _is_html(response):
            return response  # the spider middleware skips, or scores it itself
        assert isinstance(response, TextResponse)
        try:
            threshold = request.meta.get(META_THRESHOLD, self._config.threshold)
            # Only what the scorer reads crosses to the worker: the first SPAMGUARD_MAX_BYTES characters, and
            # one more, so that the worker knows the page was cut.
            text = response.text[: self._config.max_bytes + 1]
            request.meta[META_PRESCORED] = await pool.score(text, response.url, threshold)
        except BrokenProcessPool as exc:
            self._pool_broke(pool, exc)
        except Exception as exc:  # counted and logged by the spider middleware, as its own errors are
            request.meta[META_PRESCORED] = exc
        return response

    def _pool_broke(self, pool: WorkerPool, exc: BaseException) -> None:
        if self._pool is not pool:  # the other pages that were in flight
            return
        self._pool = None
        pool.close()
        kind = type(exc).__name__
        self._stats.inc_value(STAT_ERROR.format(kind=kind))
        logger.error(
            "SpamGuard's worker processes died (%s: %s); pages are scored in the crawl process from now on",
            kind,
            exc,
            extra={"spider": self.crawler.spider},
        )

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
