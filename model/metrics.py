"""Binary-classification metrics in plain numpy (ROC-AUC, PR-AUC, rates at a threshold)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = [
    "OPERATING_FPRS",
    "average_precision",
    "calibrate_threshold",
    "operating_points",
    "pr_curve",
    "roc_auc",
    "roc_curve",
    "summary",
]

#: Other false-positive rates the report gives a threshold and the recall for, so that a user can choose a
#: stricter or a more permissive threshold (``SPAMGUARD_THRESHOLD``, ``--threshold``) knowing its cost.
OPERATING_FPRS = (0.001, 0.0025, 0.005, 0.01, 0.02, 0.05)


def roc_auc(y: np.ndarray, s: np.ndarray) -> float:
    """Area under the ROC curve (probability a random positive outranks a random negative; ties count
    half); nan when one class is absent."""
    y = np.asarray(y)
    pos, neg = int((y == 1).sum()), int((y == 0).sum())
    if not pos or not neg:
        return math.nan
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=np.float64)
    sorted_s = np.asarray(s)[order]
    # average ranks of ties
    _, first, counts = np.unique(sorted_s, return_index=True, return_counts=True)
    avg = first + (counts - 1) / 2.0 + 1.0
    ranks[order] = np.repeat(avg, counts)
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def roc_curve(y: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(false-positive rates, true-positive rates) over all thresholds, descending."""
    order = np.argsort(-np.asarray(s), kind="mergesort")
    yy = np.asarray(y)[order]
    tp = np.concatenate([[0], np.cumsum(yy == 1)])
    fp = np.concatenate([[0], np.cumsum(yy == 0)])
    return fp / max(1, fp[-1]), tp / max(1, tp[-1])


def pr_curve(y: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(recall, precision) over all thresholds, descending."""
    order = np.argsort(-np.asarray(s), kind="mergesort")
    yy = np.asarray(y)[order]
    tp = np.cumsum(yy == 1)
    k = np.arange(1, len(yy) + 1)
    return tp / max(1, tp[-1] if len(tp) else 1), tp / k


def average_precision(y: np.ndarray, s: np.ndarray) -> float:
    """Area under the precision-recall curve (average precision); nan without positives."""
    y = np.asarray(y)
    if not (y == 1).any():
        return math.nan
    recall, precision = pr_curve(y, s)
    return float(np.sum(np.diff(np.concatenate([[0.0], recall])) * precision))


def summary(y: np.ndarray, s: np.ndarray, threshold: float) -> dict[str, Any]:
    """Counts, ROC-AUC, PR-AUC, and recall / false-positive rate at ``threshold`` (JSON-ready)."""
    y = np.asarray(y)
    s = np.asarray(s)
    pos, neg = y == 1, y == 0
    flagged = s >= threshold

    def clean(v: float) -> float | None:
        return None if math.isnan(v) else round(float(v), 6)

    return {
        "n_spam": int(pos.sum()),
        "n_ham": int(neg.sum()),
        "roc_auc": clean(roc_auc(y, s)),
        "pr_auc": clean(average_precision(y, s)) if pos.any() and neg.any() else None,
        "recall": clean(flagged[pos].mean()) if pos.any() else None,
        "fpr": clean(flagged[neg].mean()) if neg.any() else None,
        "false_positives": int((flagged & neg).sum()),
    }


def calibrate_threshold(ham_scores: np.ndarray, target_fpr: float) -> float:
    """Smallest threshold at which at most ``target_fpr`` of the given (held-out) ham scores are spam."""
    if ham_scores.size == 0:
        raise ValueError("no held-out ham scores to calibrate the threshold on")
    s = np.sort(ham_scores)[::-1]
    allowed = math.floor(target_fpr * s.size)
    # Scores >= t are spam: put t just above the (allowed+1)-th highest ham score.
    t = float(np.nextafter(s[allowed], 1.0)) if allowed < s.size else 0.0
    return min(max(t, 0.0), 1.0)


def operating_points(
    y: np.ndarray, scores: np.ndarray, families: np.ndarray | None = None, target_fpr: float | None = None
) -> list[dict[str, Any]]:
    """For each of :data:`OPERATING_FPRS` (and ``target_fpr``, a model's own): the threshold calibrated to it
    on the ham ``scores``, with the recall over all spam and the false-positive rate over all ham it gives.
    With ``families`` (of the training pages), also the false-positive rate over the real pages alone
    (``families == "real"``) and the recall per family."""
    ham, spam = y == 0, y == 1
    if families is not None:
        real = ham & (families == "real")
        spam_families = sorted(set(families[spam].tolist()))
    points = []
    for rate in sorted({*OPERATING_FPRS, *([] if target_fpr is None else [target_fpr])}):
        t = calibrate_threshold(scores[ham], rate)
        flagged = scores >= t
        point: dict[str, Any] = {
            "target_fpr": rate,
            "threshold": t,
            "recall": round(float(flagged[spam].mean()), 6) if spam.any() else None,
            "fpr": round(float(flagged[ham].mean()), 6),
        }
        if families is not None:
            point["real_fpr"] = round(float(flagged[real].mean()), 6) if real.any() else None
            point["recall_per_family"] = {
                f: round(float(flagged[spam & (families == f)].mean()), 6) for f in spam_families
            }
        points.append(point)
    return points
