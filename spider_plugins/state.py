"""Settings, per-host state and the audit log shared by the SpamGuard middlewares.

Nothing here imports the model: :class:`SpamGuardConfig` reads and validates every ``SPAMGUARD_*``
setting once, :class:`HostTracker` keeps the bounded per-host spam counts that drive host escalation, and
:class:`AuditLog` appends one JSON line per decision. :func:`shared_state` hands the spider middleware and
the downloader middleware of one crawler the same tracker and audit log, so a host blocked from scored
responses is refused before download.
"""

from __future__ import annotations

import json
import logging
import math
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured

from features import MAX_BYTES

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

__all__ = [
    "ACTIONS",
    "ACTION_DROP",
    "ACTION_FLAG",
    "ACTION_MONITOR",
    "DEFAULTS",
    "AuditLog",
    "HostRecord",
    "HostTracker",
    "SharedState",
    "SpamGuardConfig",
    "existing_state",
    "shared_state",
]

logger = logging.getLogger(__name__)

ACTION_DROP = "drop"
ACTION_FLAG = "flag"
ACTION_MONITOR = "monitor"
ACTIONS = (ACTION_DROP, ACTION_FLAG, ACTION_MONITOR)

# Default analysed size, in bytes: the feature extractor's own cap.
DEFAULT_MAX_BYTES = MAX_BYTES

# Every SPAMGUARD_* setting and its default. The add-on sets these at "addon" priority; the middlewares
# fall back to the same values when configured by hand, so both ways behave the same.
DEFAULTS: dict[str, Any] = {
    "SPAMGUARD_ENABLED": True,
    "SPAMGUARD_MODEL": None,  # None: the bundled model (model/default/)
    "SPAMGUARD_THRESHOLD": None,  # None: the model's calibrated threshold
    "SPAMGUARD_ACTION": ACTION_DROP,
    "SPAMGUARD_FLAG_FIELD": "spamguard",
    "SPAMGUARD_AUDIT_FILE": None,  # None: no audit file
    "SPAMGUARD_HOST_MIN_PAGES": 5,  # 0 disables host escalation
    "SPAMGUARD_HOST_SPAM_RATIO": 0.8,
    "SPAMGUARD_HOST_MAX_TRACKED": 10_000,
    "SPAMGUARD_MAX_BYTES": DEFAULT_MAX_BYTES,
    "SPAMGUARD_FAIL_OPEN": True,
    "SPAMGUARD_WORKERS": 0,  # 0: score in the crawl process, on the response's own tree
}


def _optional_str(settings: BaseSettings, name: str) -> str | None:
    value = settings.get(name, DEFAULTS[name])
    if value is None or value == "":
        return None
    return str(value)


@dataclass(frozen=True)
class SpamGuardConfig:
    """Every ``SPAMGUARD_*`` setting, read once with the typed getters and validated.

    ``from_settings`` raises ``NotConfigured`` when ``SPAMGUARD_ENABLED`` is false and ``ValueError``
    naming the setting when a value is out of range, so a bad configuration stops the crawl at start-up.
    """

    model_path: str | None
    threshold: float | None
    action: str
    flag_field: str
    audit_file: str | None
    host_min_pages: int
    host_spam_ratio: float
    host_max_tracked: int
    max_bytes: int
    fail_open: bool
    workers: int = 0

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> SpamGuardConfig:
        if not settings.getbool("SPAMGUARD_ENABLED", DEFAULTS["SPAMGUARD_ENABLED"]):
            raise NotConfigured
        threshold: float | None = None
        if _optional_str(settings, "SPAMGUARD_THRESHOLD") is not None:
            threshold = settings.getfloat("SPAMGUARD_THRESHOLD")
            if not 0.0 <= threshold <= 1.0:
                raise ValueError(f"SPAMGUARD_THRESHOLD must be a probability in [0, 1], got {threshold}")
        action = str(settings.get("SPAMGUARD_ACTION", DEFAULTS["SPAMGUARD_ACTION"])).strip().lower()
        if action not in ACTIONS:
            raise ValueError(
                f"SPAMGUARD_ACTION must be one of {', '.join(ACTIONS)}; got {settings.get('SPAMGUARD_ACTION')!r}"
            )
        flag_field = str(settings.get("SPAMGUARD_FLAG_FIELD", DEFAULTS["SPAMGUARD_FLAG_FIELD"]))
        if not flag_field:
            raise ValueError("SPAMGUARD_FLAG_FIELD must be a non-empty item field name")
        host_min_pages = settings.getint("SPAMGUARD_HOST_MIN_PAGES", DEFAULTS["SPAMGUARD_HOST_MIN_PAGES"])
        host_spam_ratio = settings.getfloat("SPAMGUARD_HOST_SPAM_RATIO", DEFAULTS["SPAMGUARD_HOST_SPAM_RATIO"])
        host_max_tracked = settings.getint("SPAMGUARD_HOST_MAX_TRACKED", DEFAULTS["SPAMGUARD_HOST_MAX_TRACKED"])
        max_bytes = settings.getint("SPAMGUARD_MAX_BYTES", DEFAULTS["SPAMGUARD_MAX_BYTES"])
        if host_min_pages < 0:
            raise ValueError(f"SPAMGUARD_HOST_MIN_PAGES must be >= 0 (0 disables), got {host_min_pages}")
        if not (0.0 < host_spam_ratio <= 1.0) or math.isnan(host_spam_ratio):
            raise ValueError(f"SPAMGUARD_HOST_SPAM_RATIO must be in (0, 1], got {host_spam_ratio}")
        if host_max_tracked < 1:
            raise ValueError(f"SPAMGUARD_HOST_MAX_TRACKED must be >= 1, got {host_max_tracked}")
        if max_bytes < 1:
            raise ValueError(f"SPAMGUARD_MAX_BYTES must be >= 1, got {max_bytes}")
        workers = settings.getint("SPAMGUARD_WORKERS", DEFAULTS["SPAMGUARD_WORKERS"])
        if workers < 0:
            raise ValueError(f"SPAMGUARD_WORKERS must be >= 0 (0 scores in the crawl process), got {workers}")
        return cls(
            model_path=_optional_str(settings, "SPAMGUARD_MODEL"),
            threshold=threshold,
            action=action,
            flag_field=flag_field,
            audit_file=_optional_str(settings, "SPAMGUARD_AUDIT_FILE"),
            host_min_pages=host_min_pages,
            host_spam_ratio=host_spam_ratio,
            host_max_tracked=host_max_tracked,
            max_bytes=max_bytes,
            fail_open=settings.getbool("SPAMGUARD_FAIL_OPEN", DEFAULTS["SPAMGUARD_FAIL_OPEN"]),
            workers=workers,
        )

    @property
    def escalates(self) -> bool:
        """Host escalation acts only when pages are dropped and ``SPAMGUARD_HOST_MIN_PAGES`` > 0."""
        return self.action == ACTION_DROP and self.host_min_pages > 0


@dataclass
class HostRecord:
    """Counts for one host: pages scored, pages judged spam, and whether the host is now blocked."""

    scored: int = 0
    spam: int = 0
    blocked: bool = False
    first_spam_logged: bool = False

    @property
    def spam_ratio(self) -> float:
        return self.spam / self.scored if self.scored else 0.0


class HostTracker:
    """Per-host spam counts, bounded to ``max_tracked`` hosts, least recently used evicted first.

    A host is blocked once it has at least ``min_pages`` scored pages of which at least ``spam_ratio`` were
    spam (only when ``escalate`` is true). An evicted host starts again from zero if it comes back; a blocked
    host that keeps receiving requests stays recent and so stays blocked.
    """

    def __init__(self, *, min_pages: int, spam_ratio: float, max_tracked: int, escalate: bool) -> None:
        self._min_pages = min_pages
        self._spam_ratio = spam_ratio
        self._max_tracked = max_tracked
        self._escalate = escalate
        self._hosts: OrderedDict[str, HostRecord] = OrderedDict()

    def __len__(self) -> int:
        return len(self._hosts)

    def __contains__(self, host: object) -> bool:
        return host in self._hosts

    def get(self, host: str) -> HostRecord:
        """The record for ``host``, created if new; marks it most recently used."""
        record = self._hosts.get(host)
        if record is None:
            record = self._hosts[host] = HostRecord()
            while len(self._hosts) > self._max_tracked:
                self._hosts.popitem(last=False)
        else:
            self._hosts.move_to_end(host)
        return record

    def record(self, host: str, is_spam: bool) -> bool:
        """Count one scored page; True when this page is the one that gets the host blocked."""
        record = self.get(host)
        record.scored += 1
        record.spam += int(is_spam)
        if (
            self._escalate
            and not record.blocked
            and record.scored >= self._min_pages
            and record.spam >= self._spam_ratio * record.scored
        ):
            record.blocked = True
            return True
        return False

    def is_blocked(self, host: str) -> bool:
        record = self._hosts.get(host)
        if record is None:
            return False
        self._hosts.move_to_end(host)
        return record.blocked


class AuditLog:
    """Appends one JSON object per line to ``path``, flushed after every line.

    The file is opened on the first write. A failure to open or write (permissions, disk full) never
    stops the crawl: every lost line is counted in ``spamguard/error/audit`` and the first failure is
    logged once at ERROR.
    """

    STAT_ERROR = "spamguard/error/audit"

    def __init__(self, path: str, stats: StatsCollector) -> None:
        self._path = Path(path)
        self._stats = stats
        self._file: TextIO | None = None
        self._failure_logged = False
        self.lines_written = 0

    @property
    def path(self) -> Path:
        return self._path

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, allow_nan=False, default=str) + "\n"
        try:
            if self._file is None:
                self._file = self._path.open("a", encoding="utf-8")
            self._file.write(line)
            self._file.flush()
        except (OSError, ValueError) as exc:
            self._stats.inc_value(self.STAT_ERROR)
            if self._file is not None:
                self._close_quietly()
            if not self._failure_logged:
                self._failure_logged = True
                logger.error(
                    "Cannot write the SpamGuard audit file %s (%s: %s); the crawl goes on, lost lines "
                    "are counted in %s",
                    self._path,
                    type(exc).__name__,
                    exc,
                    self.STAT_ERROR,
                )
            return
        self.lines_written += 1

    def _close_quietly(self) -> None:
        file, self._file = self._file, None
        try:
            if file is not None:
                file.close()
        except OSError:
            pass

    def close(self) -> None:
        self._close_quietly()


def utc_now_iso() -> str:
    """The current time as an ISO 8601 UTC timestamp with millisecond precision."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class SharedState:
    """What the spider and downloader middlewares of one crawler share."""

    def __init__(self, crawler: Crawler, config: SpamGuardConfig) -> None:
        assert crawler.stats is not None
        self.config = config
        self.hosts = HostTracker(
            min_pages=config.host_min_pages,
            spam_ratio=config.host_spam_ratio,
            max_tracked=config.host_max_tracked,
            escalate=config.escalates,
        )
        self.audit = AuditLog(config.audit_file, crawler.stats) if config.audit_file else None
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    def close(self) -> None:
        """Close the audit file (connected to ``spider_closed``)."""
        if self.audit is not None:
            self.audit.close()


_STATES: weakref.WeakKeyDictionary[Crawler, SharedState] = weakref.WeakKeyDictionary()


def existing_state(crawler: Crawler) -> SharedState | None:
    """The :class:`SharedState` of ``crawler`` if a SpamGuard middleware has created one."""
    return _STATES.get(crawler)


def shared_state(crawler: Crawler, config: SpamGuardConfig) -> SharedState:
    """The one :class:`SharedState` of ``crawler``, created by whichever middleware asks first."""
    state = _STATES.get(crawler)
    if state is None:
        state = _STATES[crawler] = SharedState(crawler, config)
    return state
