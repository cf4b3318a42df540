"""``spamguard train``: labelled corpus (+ synthesized spam) -> model directory + report.

Pipeline:

1. Read the labelled corpora (:func:`model.corpus.iter_corpus`).
2. Synthesize spam from the ham (:mod:`model.synth`), and hard legitimate pages (home pages, listings,
   forums, documentation indexes) labelled ham.
3. Extract the feature schema from every page (in parallel, with a progress bar).
4. Evaluate honestly: cross-validation grouped by site (registered domain; the source where the URL is
   unknown), and leave-one-family-out for the synthetic spam, so the numbers measure generalization to
   unseen sites and unseen kinds of spam, not memorized templates.
5. Calibrate the decision threshold on the out-of-fold scores of all ham (real, and the synthetic
   link-heavy pages) to a target false-positive rate, train the final model on everything, and write
   ``model.txt`` + ``manifest.json`` + ``report/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import logging
import os
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lightgbm
import numpy as np

from features import FEATURE_NAMES, SCHEMA_FINGERPRINT, feature_vector, to_page
from model import metrics
from model.corpus import CorpusError, Record, add_corpus_argument, iter_corpus, site_of
from model.manifest import write_model_dir
from model.metrics import calibrate_threshold, operating_points

__all__ = ["TrainConfig", "add_arguments", "run", "train"]

logger = logging.getLogger(__name__)

#: Default false-positive rate on held-out ham (real and synthetic link-heavy) that the threshold is calibrated to.
DEFAULT_TARGET_FPR = 0.005
DEFAULT_FOLDS = 5
DEFAULT_ROUNDS = 150
DEFAULT_SEED = 20261128
#: Synthetic spam pages per real ham page, and synthetic hard-ham pages per real ham page.
DEFAULT_SPAM_PER_HAM = 1.0
DEFAULT_HARD_HAM_PER_HAM = 0.36
#: Pages handed to a worker process at a time during feature extraction.
EXTRACT_CHUNK = 8

#: The direction in which each feature may move the score: +1, more of it can only push towards spam; -1,
#: only towards ham; 0, either way. Every feature has a reason to push one way (see its docstring), so
#: nearly all are constrained: a synthetic training set always carries accidents of its making ("pages
#: without social links are spam", "exactly 7 share rows is fine"), and a monotone model cannot learn
#: them, which is what fails first on real pages and on kinds of spam the synthesizer never made. It also
#: extrapolates sensibly: a page more extreme than any training page scores at least as high.
MONOTONE: dict[str, int] = {
    **dict.fromkeys(
        [
            "cta_line_count",
            "cta_lines_per_1k_words",
            "cta_top_repeat_count",
            "short_line_top_repeat_count",
            "repeated_line_char_ratio",
            "teaser_unit_count",
            "shared_teaser_count",
            "stamped_teaser_count",
            "cta_external_link_count",
            "cta_link_external_ratio",
            "share_row_count",
            "share_rows_per_article",
            "share_label_line_count",
            "share_intent_link_count",
            "social_link_ratio",
            "social_mentions_per_1k_words",
            "offtopic_section_count",
            "offtopic_section_ratio",
            "offtopic_word_ratio",
            "topic_dispersion",
            "link_density_ratio",
            "links_per_100_words",
            "link_line_ratio",
            "external_link_line_count",
            "external_link_ratio",
            "external_domain_count",
            "external_domains_per_1k_words",
            "external_domain_diversity_ratio",
            "generic_anchor_ratio",
            "redirect_link_ratio",
            "nofollow_sponsored_ratio",
            "money_anchor_domain_count",
            "offsite_redirect",
            "duplicate_line_ratio",
            "duplicate_ngram_ratio",
            "hashtags_per_1k_words",
            "emoji_per_1k_words",
            "filler_phrase_count",
            "clickbait_phrase_count",
            "money_phrase_per_1k_words",
            "top_word_ratio",
            "top_bigram_per_1k_words",
            "ad_slot_count",
            "ad_slots_per_1k_words",
            "ad_script_count",
            "sponsored_label_count",
            "title_word_repeat_max",
            "meta_keyword_count",
            "headings_per_paragraph",
            "hidden_text_ratio",
            "hidden_link_domain_count",
            "parked_phrase_count",
        ],
        1,
    ),
    **dict.fromkeys(
        [
            "main_block_word_ratio",
            "stopword_ratio",
            "compression_ratio",
            "line_end_punct_ratio",
            "title_body_overlap_ratio",
        ],
        -1,
    ),
    # No direction: page length, line length and section count say nothing about spam by themselves. They
    # are computed and shown by `spamguard explain` for context, and given no weight (see lgb_params): a
    # feature without a reason to push either way can only learn how the synthesizer lays pages out.
    "word_count": 0,
    "section_count": 0,
    "mean_line_words": 0,
}

BASE_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.1,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "verbose": -1,
    "deterministic": True,
    "force_row_wise": True,
}


@dataclass
class TrainConfig:
    corpus: list[str]
    out: Path
    seed: int = DEFAULT_SEED
    target_fpr: float = DEFAULT_TARGET_FPR
    folds: int = DEFAULT_FOLDS
    rounds: int = DEFAULT_ROUNDS
    spam_per_ham: float = DEFAULT_SPAM_PER_HAM
    hard_ham_per_ham: float = DEFAULT_HARD_HAM_PER_HAM
    synth: bool = True
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    limit: int | None = None
    plots: bool = True
    progress: bool = True


@dataclass
class Dataset:
    records: list[Record]
    X: np.ndarray
    y: np.ndarray
    #: Cross-validation group of each row: the registered domain, or the source where the URL is unknown.
    groups: list[str]
    #: Family of each row: the synthetic family, or "real" for corpus records.
    families: list[str]


# ----------------------------------------------------------------------------------------------------------
# Data


def _sample(records: list[Record], limit: int | None, seed: int) -> list[Record]:
    if limit is None or len(records) <= limit:
        return records
    keep = sorted(random.Random(seed).sample(range(len(records)), limit))
    return [records[i] for i in keep]


def load_records(cfg: TrainConfig) -> tuple[list[Record], dict[str, Any]]:
    """The corpus records plus synthetic pages, and the provenance that goes into the manifest."""
    records = _sample(list(iter_corpus(cfg.corpus)), cfg.limit, cfg.seed)
    if not records:
        raise CorpusError(f"no records in {', '.join(cfg.corpus)}")
    ham = [r for r in records if r.label == "ham"]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    digest = hashlib.sha256()
    for r in records:
        counts[r.source][r.label] += 1
        digest.update(f"{r.id}\t{r.label}\t{hashlib.sha256(r.html.encode('utf-8', 'replace')).hexdigest()}\n".encode())
    provenance: dict[str, Any] = {
        "paths": [str(p) for p in cfg.corpus],
        "sources": {s: dict(c) for s, c in sorted(counts.items())},
        "fingerprint": digest.hexdigest()[:16],
        "records": len(records),
    }
    synthetic: list[Record] = []
    if cfg.synth:
        if not ham:
            raise CorpusError("synthesizing spam needs ham records to build from; none were read")
        from model.synth import HAM_FAMILIES, synthesize

        n_spam = round(cfg.spam_per_ham * len(ham))
        n_hard = round(cfg.hard_ham_per_ham * len(ham))
        logger.info("synthesizing %d spam and %d hard-ham pages (seed %d)", n_spam, n_hard, cfg.seed)
        synthetic += synthesize(ham, n_spam, seed=cfg.seed)
        if n_hard:
            synthetic += synthesize(ham, n_hard, seed=cfg.seed + 1, families=HAM_FAMILIES)
        provenance["synthetic"] = dict(Counter(r.kind or "?" for r in synthetic))
    provenance["synth_seed"] = cfg.seed if cfg.synth else None
    labels = Counter(r.label for r in [*records, *synthetic])
    if len(labels) < 2:
        raise CorpusError(f"training needs both ham and spam pages; got only {dict(labels)}")
    return [*records, *synthetic], provenance


def _extract_one(item: tuple[str, str | None]) -> list[float]:
    html, url = item
    return feature_vector(to_page(html, url))


def extract_matrix(records: Sequence[Record], jobs: int, progress: bool) -> np.ndarray:
    """Feature matrix (rows in record order), extracted in ``jobs`` processes with a progress bar."""
    from tqdm import tqdm

    items = [(r.html, r.url) for r in records]
    bar = tqdm(total=len(items), desc="extracting features", unit="page", disable=not progress, file=sys.stderr)
    rows: list[list[float]] = []
    try:
        if jobs > 1 and len(items) > jobs * EXTRACT_CHUNK:
            import multiprocessing

            with multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork").Pool(jobs) as pool:
                for row in pool.imap(_extract_one, items, chunksize=EXTRACT_CHUNK):
                    rows.append(row)
                    bar.update()
        else:
            for item in items:
                rows.append(_extract_one(item))
                bar.update()
    finally:
        bar.close()
    return np.asarray(rows, dtype=np.float64).reshape(len(items), len(FEATURE_NAMES))


def build_dataset(records: list[Record], cfg: TrainConfig) -> Dataset:
    X = extract_matrix(records, cfg.jobs, cfg.progress)
    y = np.asarray([1 if r.label == "spam" else 0 for r in records], dtype=np.int32)
    groups = [site_of(r) for r in records]
    families = [r.kind if r.source.startswith("synth-") and r.kind else "real" for r in records]
    return Dataset(records, X, y, groups, families)


def undefined_values(X: np.ndarray, y: np.ndarray, families: Sequence[str]) -> list[float | None]:
    """Per feature, the value the model reads in place of nan ("undefined": no external links to measure
    their diversity, too few words for a stop-word ratio, no URL to tell external links from internal).

    Undefined is no evidence either way, so it must not become a signal of its own: left as nan,
    LightGBM sends it down whichever branch fits the training data best, outside the monotone
    constraints, and learns accidents of the synthesizer such as "a page with too few external links to
    measure is spam". Instead, a feature that can only push towards spam reads 0 (none of what it
    measures), one that can only push towards ham reads its median on the legitimate pages (an ordinary
    page), and a feature without a direction keeps nan (it is given no weight anyway). The values are
    stored in the manifest and applied by :class:`model.Scorer`."""
    ham = (np.asarray(y) == 0) & (np.asarray(families) == "real")
    if not ham.any():
        ham = np.asarray(y) == 0
    fill: list[float | None] = []
    for j, name in enumerate(FEATURE_NAMES):
        direction = MONOTONE[name]
        if direction > 0:
            fill.append(0.0)
        elif direction < 0:
            col = X[ham, j]
            col = col[~np.isnan(col)]
            fill.append(round(float(np.median(col)), 6) if col.size else None)
        else:
            fill.append(None)
    return fill


def fill_undefined(X: np.ndarray, fill: Sequence[float | None]) -> np.ndarray:
    """``X`` with each feature's nan replaced by its value in ``fill`` (a None keeps nan)."""
    values = np.asarray([np.nan if v is None else v for v in fill], dtype=np.float64)
    return np.where(np.isnan(X), values, X)


def assign_folds(groups: Sequence[str], k: int, seed: int) -> np.ndarray:
    """Fold of each row such that no group is split across folds; groups are dealt largest first to the
    smallest fold (ties broken by a seeded hash), so folds come out balanced."""
    sizes = Counter(groups)
    order = sorted(sizes, key=lambda g: (-sizes[g], hashlib.sha256(f"{seed}:{g}".encode()).hexdigest()))
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in order:
        f = min(range(k), key=lambda i: load[i])
        fold_of[g] = f
        load[f] += sizes[g]
    return np.asarray([fold_of[g] for g in groups], dtype=np.int32)


# ----------------------------------------------------------------------------------------------------------
# Training


def lgb_params(seed: int, jobs: int) -> dict[str, Any]:
    return {
        **BASE_PARAMS,
        "seed": seed,
        "num_threads": max(1, jobs),
        "monotone_constraints": [MONOTONE[n] for n in FEATURE_NAMES],
        # Features with no declared direction are context only: a zero penalty means they are never split on.
        "feature_penalty": [0.0 if MONOTONE[n] == 0 else 1.0 for n in FEATURE_NAMES],
        "monotone_constraints_method": "intermediate",
    }


def fit(X: np.ndarray, y: np.ndarray, cfg: TrainConfig) -> lightgbm.Booster:
    data = lightgbm.Dataset(X, label=y, feature_name=list(FEATURE_NAMES), free_raw_data=True)
    return lightgbm.train(lgb_params(cfg.seed, cfg.jobs), data, num_boost_round=cfg.rounds)


def evaluate(ds: Dataset, cfg: TrainConfig) -> tuple[float, dict[str, Any], np.ndarray]:
    """Grouped cross-validation and leave-one-family-out; returns (threshold, metrics, out-of-fold scores)."""
    folds = assign_folds(ds.groups, cfg.folds, cfg.seed)
    oof = np.full(len(ds.y), np.nan)
    for k in range(cfg.folds):
        train, test = folds != k, folds == k
        if not test.any() or len(set(ds.y[train])) < 2:
            continue
        logger.info("site-grouped fold %d/%d: %d train, %d held out", k + 1, cfg.folds, train.sum(), test.sum())
        oof[test] = fit(ds.X[train], ds.y[train], cfg).predict(ds.X[test])
    fam = np.asarray(ds.families)
    # Every held-out ham page counts: the real ones and the synthetic link-heavy ones (home pages, listings,
    # forums, documentation), which a crawl meets more often than the corpus holds them.
    threshold = calibrate_threshold(oof[(ds.y == 0) & ~np.isnan(oof)], cfg.target_fpr)

    report: dict[str, Any] = {"threshold": threshold, "target_fpr": cfg.target_fpr, "folds": cfg.folds}
    valid = ~np.isnan(oof)
    report["site_grouped_cv"] = metrics.summary(ds.y[valid], oof[valid], threshold)
    sources = np.asarray([r.source for r in ds.records])
    report["per_source"] = {
        s: metrics.summary(ds.y[(sources == s) & valid], oof[(sources == s) & valid], threshold)
        for s in sorted(set(sources))
    }

    # Leave one synthetic family out: train without it (and without one fold of sites), test on it.
    spam_families = sorted({f for f, label in zip(ds.families, ds.y, strict=True) if label == 1 and f != "real"})
    per_family: dict[str, Any] = {}
    lofo = np.full(len(ds.y), np.nan)
    for i, family in enumerate(spam_families):
        k = i % cfg.folds
        held_family = fam == family
        train = ~held_family & (folds != k)
        ham_test = (ds.y == 0) & (folds == k)
        logger.info("leave-one-family-out: %s held out", family)
        booster = fit(ds.X[train], ds.y[train], cfg)
        test = held_family | ham_test
        scores = booster.predict(ds.X[test])
        lofo[held_family] = scores[held_family[test]]
        per_family[family] = metrics.summary(ds.y[test], scores, threshold)
    report["leave_one_family_out"] = per_family
    report["lofo_min_recall"] = min((m["recall"] for m in per_family.values()), default=None)
    ham_families = sorted({f for f, label in zip(ds.families, ds.y, strict=True) if label == 0 and f != "real"})
    report["synthetic_hard_ham_fpr"] = {
        f: metrics.summary(ds.y[(fam == f) & valid], oof[(fam == f) & valid], threshold)["fpr"] for f in ham_families
    }
    report["operating_points"] = operating_points(ds.y[valid], oof[valid], fam[valid], cfg.target_fpr)
    return threshold, report, np.where(np.isnan(lofo), oof, lofo)


# ----------------------------------------------------------------------------------------------------------
# Entry points


def train(cfg: TrainConfig) -> dict[str, Any]:
    """Run the whole pipeline and write the model directory; returns the manifest."""
    started = dt.datetime.now(dt.timezone.utc)
    records, provenance = load_records(cfg)
    logger.info("%d pages (%s)", len(records), dict(Counter(r.label for r in records)))
    ds = build_dataset(records, cfg)
    fill = undefined_values(ds.X, ds.y, ds.families)
    ds.X = fill_undefined(ds.X, fill)
    threshold, report, held_out_scores = evaluate(ds, cfg)
    logger.info("training the final model on all %d pages", len(ds.y))
    booster = fit(ds.X, ds.y, cfg)
    importance = dict(zip(FEATURE_NAMES, booster.feature_importance("gain").tolist(), strict=True))
    manifest = {
        "feature_names": list(FEATURE_NAMES),
        "schema_fingerprint": SCHEMA_FINGERPRINT,
        "threshold": threshold,
        "undefined_values": fill,
        "target_fpr": cfg.target_fpr,
        "lightgbm_version": lightgbm.__version__,
        "params": {**lgb_params(cfg.seed, cfg.jobs), "num_boost_round": cfg.rounds, "num_threads": None},
        "corpus": provenance,
        "synth_seed": provenance.get("synth_seed"),
        "created": started.isoformat(timespec="seconds"),
        "metrics": report,
    }
    write_model_dir(cfg.out, booster.model_to_string(), manifest)
    from model import report as report_mod

    report_mod.write_report(cfg.out / "report", manifest, ds, held_out_scores, importance, plots=cfg.plots)
    return manifest


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="model directory to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthesizer and of LightGBM")
    parser.add_argument(
        "--target-fpr",
        type=float,
        default=DEFAULT_TARGET_FPR,
        help="false-positive rate on held-out ham the threshold is calibrated to (default: %(default)s)",
    )
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS, help="site-grouped folds (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="boosting rounds (default: %(default)s)")
    parser.add_argument(
        "--spam-per-ham",
        type=float,
        default=DEFAULT_SPAM_PER_HAM,
        help="synthetic spam pages per ham page (default: %(default)s)",
    )
    parser.add_argument(
        "--hard-ham-per-ham",
        type=float,
        default=DEFAULT_HARD_HAM_PER_HAM,
        help="synthetic link-heavy legitimate pages per ham page (default: %(default)s)",
    )
    parser.add_argument("--no-synth", action="store_true", help="use only the labelled corpus, synthesize nothing")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all CPUs)")
    parser.add_argument("--limit", type=int, help="use a random sample of at most this many corpus records")
    parser.add_argument("--no-plots", action="store_true", help="skip the PNG plots of the report")


def run(args: argparse.Namespace) -> int:
    """The ``spamguard train`` command; returns the exit status."""
    if not 0.0 < args.target_fpr < 1.0:
        print("spamguard train: --target-fpr must be between 0 and 1", file=sys.stderr)
        return 2
    if args.folds < 2:
        print("spamguard train: --folds must be at least 2", file=sys.stderr)
        return 2
    missing = [p for p in args.corpus if not Path(p.split("::")[0]).exists()]
    if missing:
        print(f"spamguard train: no such corpus path: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not args.no_plots:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            print(
                "spamguard train: the report's plots need matplotlib: pip install 'scrapy-spamguard[train]' "
                "(or pass --no-plots)",
                file=sys.stderr,
            )
            return 2
    cfg = TrainConfig(
        corpus=list(args.corpus),
        out=args.out,
        seed=args.seed,
        target_fpr=args.target_fpr,
        folds=args.folds,
        rounds=args.rounds,
        spam_per_ham=args.spam_per_ham,
        hard_ham_per_ham=args.hard_ham_per_ham,
        synth=not args.no_synth,
        jobs=max(1, args.jobs),
        limit=args.limit,
        plots=not args.no_plots,
        progress=sys.stderr.isatty(),
    )
    try:
        manifest = train(cfg)
    except CorpusError as exc:
        print(f"spamguard train: {exc}", file=sys.stderr)
        return 2
    m = manifest["metrics"]
    cv = m["site_grouped_cv"]

    def fmt(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.4f}"

    print(
        f"wrote {cfg.out}: threshold {manifest['threshold']:.4f}; site-grouped CV ROC-AUC {fmt(cv['roc_auc'])}, "
        f"recall {fmt(cv['recall'])}, ham FPR {fmt(cv['fpr'])}; leave-one-family-out min recall "
        f"{fmt(m['lofo_min_recall'])}; report in {cfg.out / 'report'}",
    )
    return 0
