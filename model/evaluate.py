"""``spamguard evaluate``: how a model does on labelled pages it was not trained on.

Scores every record of the given labelled corpora (the formats ``spamguard train`` reads) with one model
and reports, at the model's threshold (or ``--threshold``): ROC-AUC, PR-AUC, spam recall and the ham
false-positive rate, overall and per source; the thresholds that would hold these pages' own ham to
0.1%-5% false positives, with the recall each gives; then every page the model gets wrong, with its score
and the feature that pushed it furthest. This is how to check the bundled model against your own crawl before
trusting its default threshold, and how the project checks it against pages written independently of the
synthesizer (``tests/fixtures/heldout``).

A page that cannot be scored is reported and counted; the rest of the corpus is still evaluated.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np

from model import metrics
from model.corpus import CorpusError, Record, add_corpus_argument, iter_corpus
from model.manifest import ModelError

if TYPE_CHECKING:
    from model.scorer import Scorer

__all__ = ["PageResult", "add_arguments", "evaluate_records", "run"]

logger = logging.getLogger(__name__)

#: The progress bar appears (on a terminal) only for corpora of more than this many pages.
PROGRESS_MIN_PAGES = 8
#: Wrongly judged pages listed in the text report by default, worst first.
DEFAULT_SHOW = 20
EXIT_OK, EXIT_USAGE = 0, 2


@dataclass(frozen=True, slots=True)
class PageResult:
    """One evaluated page: its label and score, or the error that kept it from being scored."""

    id: str
    source: str
    url: str | None
    label: str
    score: float | None
    top_reason: str | None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "label": self.label,
            "score": None if self.score is None else round(self.score, 6),
            "top_reason": self.top_reason,
            "error": self.error,
        }


def evaluate_records(scorer: Scorer, records: list[Record], *, progress: bool = False) -> list[PageResult]:
    """Score each record with ``scorer``; a page that fails is kept with its error."""
    from tqdm import tqdm

    results: list[PageResult] = []
    bar = tqdm(records, desc="scoring", unit="page", disable=not progress, file=sys.stderr)
    for r in bar:
        try:
            verdict = scorer.score_html(r.html, r.url)
        except Exception as exc:  # one bad page is reported, the evaluation goes on
            logger.debug("scoring %s failed", r.id, exc_info=True)
            results.append(PageResult(r.id, r.source, r.url, r.label, None, None, f"{type(exc).__name__}: {exc}"))
            continue
        top = verdict.reasons[0] if verdict.reasons else None
        reason = f"{top.feature}={top.value:.4g} ({top.contribution:+.2f})" if top is not None else None
        results.append(PageResult(r.id, r.source, r.url, r.label, verdict.score, reason))
    return results


def _summaries(results: list[PageResult], threshold: float) -> dict[str, Any]:
    scored = [r for r in results if r.score is not None]

    def summary_of(rows: list[PageResult]) -> dict[str, Any]:
        y = np.asarray([1 if r.label == "spam" else 0 for r in rows], dtype=np.int32)
        s = np.asarray([r.score for r in rows], dtype=np.float64)
        return metrics.summary(y, s, threshold)

    sources = sorted({r.source for r in scored})
    return {
        "threshold": threshold,
        "pages": len(results),
        "errors": sum(1 for r in results if r.error is not None),
        "overall": summary_of(scored),
        "per_source": {src: summary_of([r for r in scored if r.source == src]) for src in sources},
    }


def _thresholds(results: list[PageResult]) -> list[dict[str, Any]]:
    """The threshold calibrated on these pages' own ham to each of :data:`metrics.OPERATING_FPRS`, with the
    recall and false-positive rate it gives here: what to set for a crawl like this one. Empty without ham."""
    scored = [r for r in results if r.score is not None]
    y = np.asarray([1 if r.label == "spam" else 0 for r in scored], dtype=np.int32)
    s = np.asarray([r.score for r in scored], dtype=np.float64)
    return metrics.operating_points(y, s) if (y == 0).any() else []


def _wrong(results: list[PageResult], threshold: float) -> list[PageResult]:
    """Ham scored at or above the threshold and spam below it, the most confidently wrong first."""
    wrong = [r for r in results if r.score is not None and (r.score >= threshold) != (r.label == "spam")]
    return sorted(wrong, key=lambda r: abs(r.score - threshold), reverse=True)  # type: ignore[operator]


def _same_threshold(points: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Consecutive points grouped where they give the same threshold (a small sample allows no false
    positive at several rates)."""
    groups: list[list[dict[str, Any]]] = []
    for p in points:
        if groups and groups[-1][-1]["threshold"] == p["threshold"]:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _fmt(v: float | None, digits: int = 3) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def write_text(
    out: TextIO, report: dict[str, Any], wrong: list[PageResult], errors: list[PageResult], show: int
) -> None:
    o = report["overall"]
    out.write(
        f"{report['pages']} pages ({o['n_spam']} spam, {o['n_ham']} ham, {report['errors']} not scored), "
        f"threshold {report['threshold']:.4f}\n\n"
    )
    header = f"{'source':32s} {'spam':>5s} {'ham':>5s} {'ROC-AUC':>8s} {'PR-AUC':>7s} {'recall':>7s} {'FPR':>7s}\n"
    out.write(header)
    rows = [("all", o), *report["per_source"].items()] if len(report["per_source"]) > 1 else [("all", o)]
    for name, m in rows:
        out.write(
            f"{name[:32]:32s} {m['n_spam']:5d} {m['n_ham']:5d} {_fmt(m['roc_auc']):>8s} {_fmt(m['pr_auc']):>7s} "
            f"{_fmt(m['recall']):>7s} {_fmt(m['fpr']):>7s}\n"
        )
    points = report.get("thresholds") or []
    if points:
        n_ham = o["n_ham"]
        out.write(f"\nThresholds calibrated on these {n_ham} legitimate pages (SPAMGUARD_THRESHOLD, --threshold):\n")
        out.write(f"  {'target FPR':>12s} {'threshold':>10s} {'recall':>7s} {'FPR':>7s}\n")
        for group in _same_threshold(points):
            first, last = group[0], group[-1]
            rates = f"{first['target_fpr']:.2%}" + (f"-{last['target_fpr']:.2%}" if len(group) > 1 else "")
            recall, fpr = _fmt(first["recall"]), _fmt(first["fpr"])
            out.write(f"  {rates:>12s} {first['threshold']:>10.4f} {recall:>7s} {fpr:>7s}\n")
        if n_ham < 1 / metrics.OPERATING_FPRS[-1]:
            out.write(f"  (with {n_ham} legitimate pages, a rate below {1 / n_ham:.1%} allows none of them)\n")
    if wrong and not show:
        out.write(f"\nJudged wrongly: {len(wrong)} (--show N lists them)\n")
    elif wrong:
        out.write(f"\nJudged wrongly ({len(wrong)}; the {min(show, len(wrong))} furthest from the threshold):\n")
        for r in wrong[:show]:
            kind = "false positive" if r.label == "ham" else "missed spam"
            out.write(f"  {r.score:.3f}  {kind:14s}  {r.id}\n                  top reason: {r.top_reason}\n")
    for r in errors:
        out.write(f"not scored: {r.id}: {r.error}\n")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--model", metavar="DIR", help="model directory (default: the bundled model)")
    parser.add_argument(
        "--threshold", type=float, metavar="T", help="judge at this threshold (default: the model's own)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    parser.add_argument(
        "--show",
        type=int,
        default=DEFAULT_SHOW,
        metavar="N",
        help="wrongly judged pages to list in the text report (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    """The ``spamguard evaluate`` command; returns the exit status."""
    from model import Scorer

    prog = "spamguard evaluate"
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        print(f"{prog}: --threshold must be between 0 and 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        scorer = Scorer.load(args.model)
    except ModelError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        records = list(iter_corpus(args.corpus))
    except CorpusError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not records:
        print(f"{prog}: no records in {', '.join(args.corpus)}", file=sys.stderr)
        return EXIT_USAGE
    threshold = scorer.threshold if args.threshold is None else args.threshold
    results = evaluate_records(scorer, records, progress=sys.stderr.isatty() and len(records) > PROGRESS_MIN_PAGES)
    report = _summaries(results, threshold)
    report["thresholds"] = _thresholds(results)
    wrong = _wrong(results, threshold)
    errors = [r for r in results if r.error is not None]
    if args.format == "json":
        report["wrong"] = [r.to_dict() for r in wrong]
        report["not_scored"] = [r.to_dict() for r in errors]
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        write_text(sys.stdout, report, wrong, errors, max(0, args.show))
    return EXIT_OK
