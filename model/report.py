"""The training report: ``report.md``, ``metrics.json`` and PNG plots, written next to the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from features import FEATURE_DESCRIPTIONS
from model import metrics

if TYPE_CHECKING:
    from model.train import Dataset

__all__ = ["write_report"]

#: Highest-scoring held-out ham pages listed in the report, for a person to look at.
TOP_FALSE_POSITIVES = 25
#: Features listed in the importance table and plot.
TOP_FEATURES = 25


def _fmt(v: Any) -> str:
    return "–" if v is None else (f"{v:.4f}" if isinstance(v, float) else str(v))


def _table(rows: dict[str, dict[str, Any]], key: str) -> list[str]:
    out = [f"| {key} | spam | ham | ROC-AUC | PR-AUC | recall | FPR |", "|---|---|---|---|---|---|---|"]
    for name, m in rows.items():
        out.append(
            f"| {name} | {m['n_spam']} | {m['n_ham']} | {_fmt(m['roc_auc'])} | {_fmt(m['pr_auc'])} | "
            f"{_fmt(m['recall'])} | {_fmt(m['fpr'])} |"
        )
    return out


def _operating_points(points: list[dict[str, Any]], target_fpr: float) -> list[str]:
    """Two tables: each threshold with its recall and false-positive rates, then recall per family."""
    if not points:
        return []
    rates = [f"{p['target_fpr']:.2%}" for p in points]
    out = [
        "## Other thresholds",
        "",
        "The threshold calibrated to other false-positive rates on the same out-of-fold scores, and what it "
        "gives. Set one with `SPAMGUARD_THRESHOLD` or `--threshold`; the model's own is in bold.",
        "",
        "| target FPR | threshold | recall | FPR, all ham | FPR, real pages |",
        "|---|---|---|---|---|",
    ]
    for rate, p in zip(rates, points, strict=True):
        t = f"**{p['threshold']:.4f}**" if p["target_fpr"] == target_fpr else f"{p['threshold']:.4f}"
        out.append(f"| {rate} | {t} | {_fmt(p['recall'])} | {_fmt(p['fpr'])} | {_fmt(p['real_fpr'])} |")
    out += ["", "| recall at target FPR | " + " | ".join(rates) + " |", "|---" * (len(rates) + 1) + "|"]
    for family in points[0]["recall_per_family"]:
        out.append(f"| {family} | " + " | ".join(_fmt(p["recall_per_family"][family]) for p in points) + " |")
    return [*out, ""]


def write_report(
    directory: Path,
    manifest: dict[str, Any],
    ds: Dataset,
    held_out: np.ndarray,
    importance: dict[str, float],
    *,
    plots: bool = True,
) -> None:
    """Write the report of one training run. ``held_out`` holds each page's held-out score: from its
    leave-one-family-out model for synthetic spam, from its site-grouped fold otherwise."""
    directory.mkdir(parents=True, exist_ok=True)
    m = manifest["metrics"]
    (directory / "metrics.json").write_text(json.dumps(m, indent=2) + "\n", encoding="utf-8")
    t = manifest["threshold"]
    fam = np.asarray(ds.families)
    ham_rows = np.flatnonzero((ds.y == 0) & ~np.isnan(held_out))
    top_fp = ham_rows[np.argsort(-held_out[ham_rows])][:TOP_FALSE_POSITIVES]
    ranked = sorted(importance.items(), key=lambda kv: -kv[1])[:TOP_FEATURES]
    cv = m["site_grouped_cv"]
    lines = [
        "# Training report",
        "",
        f"Created {manifest['created']}, LightGBM {manifest['lightgbm_version']}, schema "
        f"`{manifest['schema_fingerprint']}`, synthesizer seed {manifest['synth_seed']}.",
        "",
        f"Threshold **{t:.4f}**, calibrated to a false-positive rate of {m['target_fpr']:.2%} on the "
        "out-of-fold scores of all ham, real and synthetic link-heavy (site-grouped folds: no site is in a "
        "model's training and test set).",
        "",
        "## Site-grouped cross-validation, all families",
        "",
        f"ROC-AUC {_fmt(cv['roc_auc'])}, PR-AUC {_fmt(cv['pr_auc'])}, recall {_fmt(cv['recall'])}, "
        f"FPR {_fmt(cv['fpr'])} ({cv['false_positives']} of {cv['n_ham']} ham).",
        "",
        *_table(m["per_source"], "source"),
        "",
        "## Leave one synthetic family out",
        "",
        "Each family scored by a model that never saw it (nor the held-out fold's sites); ham is that fold's.",
        "",
        *_table(m["leave_one_family_out"], "held-out family"),
        "",
        *_operating_points(m.get("operating_points", []), m["target_fpr"]),
        "## Synthetic link-heavy legitimate pages (out-of-fold false-positive rate)",
        "",
        *[f"- {k}: {_fmt(v)}" for k, v in m.get("synthetic_hard_ham_fpr", {}).items()],
        "",
        f"## Highest-scoring held-out ham ({TOP_FALSE_POSITIVES})",
        "",
        "| score | id | url |",
        "|---|---|---|",
        *[f"| {held_out[i]:.4f} | {ds.records[i].id} | {ds.records[i].url or ''} |" for i in top_fp],
        "",
        "## Feature importance (gain)",
        "",
        "| feature | gain | what it measures |",
        "|---|---|---|",
        *[f"| {n} | {g:.1f} | {FEATURE_DESCRIPTIONS[n]} |" for n, g in ranked],
        "",
    ]
    if plots:
        _plots(directory, ds, held_out, fam, t, ranked)
        lines += [
            "![ROC](roc.png) ![PR](pr.png)",
            "",
            "![scores](scores.png)",
            "",
            "![importance](importance.png)",
        ]
    (directory / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _plots(
    directory: Path,
    ds: Dataset,
    held_out: np.ndarray,
    fam: np.ndarray,
    threshold: float,
    ranked: list[tuple[str, float]],
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    valid = ~np.isnan(held_out)
    y, s = ds.y[valid], held_out[valid]

    fig, ax = plt.subplots(figsize=(5, 4))
    fpr, tpr = metrics.roc_curve(y, s)
    ax.plot(fpr, tpr)
    ax.set(
        xscale="log",
        xlim=(1e-4, 1),
        xlabel="false-positive rate (log)",
        ylabel="recall",
        title="ROC, held out",
    )
    fig.tight_layout()
    fig.savefig(directory / "roc.png", dpi=80)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5, 4))
    recall, precision = metrics.pr_curve(y, s)
    ax.plot(recall, precision)
    ax.set(xlabel="recall", ylabel="precision", ylim=(0, 1.02), title="Precision-recall, held out")
    fig.tight_layout()
    fig.savefig(directory / "pr.png", dpi=80)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4))
    bins = np.linspace(0, 1, 41)
    ax.hist(s[y == 0], bins=bins, alpha=0.6, label="ham", log=True)
    ax.hist(s[y == 1], bins=bins, alpha=0.6, label="spam", log=True)
    ax.axvline(threshold, color="k", linestyle="--", label=f"threshold {threshold:.3f}")
    ax.set(xlabel="held-out score", ylabel="pages (log)", title="Score histogram")
    ax.legend()
    fig.tight_layout()
    fig.savefig(directory / "scores.png", dpi=80)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 6))
    names = [n for n, _ in ranked][::-1]
    ax.barh(names, [g for _, g in ranked][::-1])
    ax.set(xlabel="gain", title="Feature importance")
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    fig.savefig(directory / "importance.png", dpi=80)
    plt.close(fig)
