"""Settings parsing, host tracking and the audit log: the parts that need no model."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

import features
from spider_plugins.state import DEFAULTS, AuditLog, HostTracker, SpamGuardConfig


def config(**overrides: object) -> SpamGuardConfig:
    return SpamGuardConfig.from_settings(Settings(overrides))


def test_defaults_read_without_the_addon() -> None:
    cfg = config()
    assert cfg.action == "drop"
    assert cfg.threshold is None
    assert cfg.model_path is None
    assert cfg.audit_file is None
    assert cfg.flag_field == "spamguard"
    assert (cfg.host_min_pages, cfg.host_spam_ratio, cfg.host_max_tracked) == (5, 0.8, 10_000)
    assert cfg.max_bytes == features.MAX_BYTES
    assert cfg.fail_open is True
    assert cfg.workers == 0
    assert cfg.escalates


def test_typed_values_from_strings() -> None:
    """Settings from the command line arrive as strings (-s NAME=VALUE)."""
    cfg = config(
        SPAMGUARD_THRESHOLD="0.7",
        SPAMGUARD_ACTION="FLAG",
        SPAMGUARD_HOST_MIN_PAGES="3",
        SPAMGUARD_HOST_SPAM_RATIO="0.5",
        SPAMGUARD_FAIL_OPEN="False",
        SPAMGUARD_MAX_BYTES="1000",
        SPAMGUARD_WORKERS="2",
    )
    assert cfg.threshold == 0.7
    assert cfg.action == "flag"
    assert cfg.host_min_pages == 3
    assert cfg.host_spam_ratio == 0.5
    assert cfg.fail_open is False
    assert cfg.max_bytes == 1000
    assert cfg.workers == 2
    assert not cfg.escalates  # escalation drops pages, so it acts only in drop mode


def test_disabled_is_not_configured() -> None:
    with pytest.raises(NotConfigured):
        config(SPAMGUARD_ENABLED=False)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SPAMGUARD_ACTION", "delete", "SPAMGUARD_ACTION must be one of drop, flag, monitor"),
        ("SPAMGUARD_THRESHOLD", 1.5, "SPAMGUARD_THRESHOLD must be a probability"),
        ("SPAMGUARD_HOST_MIN_PAGES", -1, "SPAMGUARD_HOST_MIN_PAGES"),
        ("SPAMGUARD_HOST_SPAM_RATIO", 0, "SPAMGUARD_HOST_SPAM_RATIO"),
        ("SPAMGUARD_HOST_MAX_TRACKED", 0, "SPAMGUARD_HOST_MAX_TRACKED"),
        ("SPAMGUARD_MAX_BYTES", 0, "SPAMGUARD_MAX_BYTES"),
        ("SPAMGUARD_FLAG_FIELD", "", "SPAMGUARD_FLAG_FIELD"),
        ("SPAMGUARD_WORKERS", -1, "SPAMGUARD_WORKERS must be >= 0"),
    ],
)
def test_invalid_values_name_the_setting(name: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        config(**{name: value})


def test_every_default_is_a_spamguard_setting() -> None:
    assert all(name.startswith("SPAMGUARD_") for name in DEFAULTS)
    assert set(DEFAULTS) == {
        "SPAMGUARD_ENABLED",
        "SPAMGUARD_MODEL",
        "SPAMGUARD_THRESHOLD",
        "SPAMGUARD_ACTION",
        "SPAMGUARD_FLAG_FIELD",
        "SPAMGUARD_AUDIT_FILE",
        "SPAMGUARD_HOST_MIN_PAGES",
        "SPAMGUARD_HOST_SPAM_RATIO",
        "SPAMGUARD_HOST_MAX_TRACKED",
        "SPAMGUARD_MAX_BYTES",
        "SPAMGUARD_FAIL_OPEN",
        "SPAMGUARD_WORKERS",
    }


def tracker(**kw: object) -> HostTracker:
    args: dict[str, object] = {"min_pages": 5, "spam_ratio": 0.8, "max_tracked": 100, "escalate": True}
    args.update(kw)
    return HostTracker(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("verdicts", "blocked"),
    [
        ([True] * 4, False),  # too few pages
        ([True] * 5, True),
        ([True, True, False, True, True], True),  # 4 of 5 = 0.8
        ([True, False, True, False, True], False),  # 3 of 5
        ([False] * 5 + [True] * 20, True),  # 20 of 25 = 0.8, reached late
    ],
)
def test_host_blocked_after_min_pages_at_spam_ratio(verdicts: list[bool], blocked: bool) -> None:
    hosts = tracker()
    newly = [hosts.record("spam.test", v) for v in verdicts]
    assert hosts.is_blocked("spam.test") is blocked
    assert newly.count(True) == int(blocked)  # the decision is taken exactly once
    assert not hosts.is_blocked("other.test")


def test_no_blocking_without_escalation() -> None:
    hosts = tracker(escalate=False)
    for _ in range(10):
        assert not hosts.record("spam.test", True)
    assert not hosts.is_blocked("spam.test")
    assert hosts.get("spam.test").spam == 10


def test_host_state_is_bounded_lru() -> None:
    hosts = tracker(min_pages=1, max_tracked=2)
    hosts.record("a.test", True)
    hosts.record("b.test", False)
    assert hosts.is_blocked("a.test")  # touching a makes b the least recently used
    hosts.record("c.test", False)
    assert len(hosts) == 2
    assert "b.test" not in hosts
    assert hosts.is_blocked("a.test")
    hosts.record("d.test", False)
    hosts.record("e.test", False)
    assert len(hosts) == 2
    assert not hosts.is_blocked("a.test")  # evicted: starts again from zero


class _Stats:
    """The one StatsCollector method AuditLog uses, recorded."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def test_audit_lines_are_flushed_json(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    audit = AuditLog(str(path), _Stats())  # type: ignore[arg-type]
    audit.write({"url": "http://a.test/", "score": 0.9})
    # Readable before close: a killed crawl keeps every line written so far.
    assert [json.loads(line) for line in path.read_text().splitlines()] == [{"url": "http://a.test/", "score": 0.9}]
    audit.write({"url": "http://a.test/é", "score": 0.95})
    audit.close()
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize("where", ["directory", "disk_full"])
def test_audit_failure_is_counted_and_logged_once(where: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    if where == "disk_full":
        if not Path("/dev/full").exists():
            pytest.skip("/dev/full not available")
        path = "/dev/full"  # every write fails with ENOSPC
    else:
        path = str(tmp_path)  # a directory cannot be opened for appending
    stats = _Stats()
    audit = AuditLog(path, stats)  # type: ignore[arg-type]
    with caplog.at_level(logging.ERROR, logger="spider_plugins.state"):
        for _ in range(3):
            audit.write({"url": "http://a.test/", "score": 0.9})
    assert stats.values == {"spamguard/error/audit": 3}
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert path in errors[0].getMessage()
    assert audit.lines_written == 0
