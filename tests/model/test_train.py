"""Training end to end on a small corpus written by the test, and the pieces it is made of."""

from __future__ import annotations

import gzip
import itertools
import json
import math
import random
from pathlib import Path

import numpy as np
import pytest

from model import Scorer
from model.corpus import Record
from model.metrics import OPERATING_FPRS, average_precision, calibrate_threshold, operating_points, roc_auc, summary
from model.train import TrainConfig, add_arguments, assign_folds, train

WORDS = (
    "council library budget city residents meeting opening hours children collection study internet "
    "river bridge traffic school teachers students festival music theatre museum park garden weather "
    "storm rain market prices farmers harvest hospital doctors patients research university science"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return "The " + " and the ".join(" ".join(words[i : i + 4]) for i in range(0, len(words), 4)) + "."


def _ham_page(rng: random.Random, site: int, n: int) -> Record:
    title = " ".join(rng.choice(WORDS) for _ in range(5)).title()
    paragraphs = "".join(f"<p>{' '.join(_sentence(rng) for _ in range(3))}</p>" for _ in range(rng.randint(4, 9)))
    nav = "".join(f"<li><a href='/{w}/'>{w.title()}</a></li>" for w in rng.sample(WORDS, 6))
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>{paragraphs}</article></main>"
        f"<footer><p>© Site {site}</p></footer></body></html>"
    )
    url = f"https://www.site{site}.example/2024/{n}/{title.lower().replace(' ', '-')}.html"
    return Record(f"test/{site}/{n}", "testsrc", url, "ham", None, html)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    rng = random.Random(1)
    path = tmp_path_factory.mktemp("corpus") / "ham.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for n in range(48):
            fh.write(_ham_page(rng, n % 12, n).to_json() + "\n")
    return path


@pytest.fixture(scope="module")
def trained(corpus, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("model")
    cfg = TrainConfig(corpus=[str(corpus)], out=out, folds=3, rounds=20, jobs=1, progress=False, seed=3)
    return out, train(cfg)


def test_training_writes_a_loadable_model_dir_and_report(trained):
    out, manifest = trained
    assert {p.name for p in out.iterdir()} == {"model.txt", "manifest.json", "report"}
    report = out / "report"
    for name in ("report.md", "metrics.json", "roc.png", "pr.png", "scores.png", "importance.png"):
        assert (report / name).stat().st_size > 0, name
    scorer = Scorer.load(out)
    assert scorer.threshold == manifest["threshold"]
    assert manifest["corpus"]["sources"] == {"testsrc": {"ham": 48}}
    assert manifest["synth_seed"] == 3
    metrics = manifest["metrics"]
    assert metrics["site_grouped_cv"]["n_ham"] > 0 and metrics["site_grouped_cv"]["n_spam"] > 0
    assert set(metrics["leave_one_family_out"]) >= {"aggregator", "parked"}
    points = metrics["operating_points"]
    assert [p["target_fpr"] for p in points] == sorted({*OPERATING_FPRS, manifest["target_fpr"]})
    assert manifest["threshold"] in [p["threshold"] for p in points]
    assert "## Other thresholds" in (report / "report.md").read_text(encoding="utf-8")


def test_training_is_deterministic(corpus, trained, tmp_path):
    out, _ = trained
    again = train(TrainConfig(corpus=[str(corpus)], out=tmp_path, folds=3, rounds=20, jobs=1, progress=False, seed=3))
    assert (tmp_path / "model.txt").read_text() == (out / "model.txt").read_text()
    assert again["threshold"] == json.loads((out / "manifest.json").read_text())["threshold"]


def test_cli_usage_errors(tmp_path, capsys):
    import argparse

    from model.train import run

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--corpus", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "m")])
    assert run(args) == 2
    assert "no such corpus path" in capsys.readouterr().err
    args = parser.parse_args(["--corpus", str(tmp_path), "--out", str(tmp_path / "m"), "--target-fpr", "2"])
    assert run(args) == 2


def test_folds_never_split_a_site():
    groups = [f"site{i % 17}" for i in range(300)]
    folds = assign_folds(groups, 5, seed=0)
    for g in set(groups):
        assert len({f for f, gg in zip(folds, groups, strict=True) if gg == g}) == 1
    sizes = np.bincount(folds)
    assert sizes.max() - sizes.min() <= 300 / 17 + 1


@pytest.mark.parametrize("fpr", [0.005, 0.01, 0.1])
def test_threshold_keeps_held_out_ham_under_the_target(fpr):
    ham = np.random.default_rng(0).random(2000)
    t = calibrate_threshold(ham, fpr)
    assert (ham >= t).mean() <= fpr
    assert (ham >= np.nextafter(t, 0) - 1e-9).mean() >= fpr - 1 / len(ham) - 1e-12


def test_operating_points_trade_recall_for_false_positives():
    rng = np.random.default_rng(1)
    scores = np.concatenate([rng.beta(2, 5, 1000), rng.beta(2, 5, 400), rng.beta(5, 2, 300), rng.beta(3, 3, 300)])
    y = np.repeat([0, 0, 1, 1], [1000, 400, 300, 300])
    families = np.repeat(["real", "synth_ham_x", "fam_a", "fam_b"], [1000, 400, 300, 300])
    points = operating_points(y, scores, families, target_fpr=0.03)
    assert [p["target_fpr"] for p in points] == sorted({*OPERATING_FPRS, 0.03})
    for p in points:
        assert p["threshold"] == calibrate_threshold(scores[y == 0], p["target_fpr"])
        assert p["fpr"] <= p["target_fpr"]
        assert p["real_fpr"] == round(float((scores[:1000] >= p["threshold"]).mean()), 6)
        assert set(p["recall_per_family"]) == {"fam_a", "fam_b"}  # spam families only
    # A more permissive rate: a lower threshold, and at least as much caught everywhere.
    for stricter, looser in itertools.pairwise(points):
        assert looser["threshold"] <= stricter["threshold"]
        assert looser["recall"] >= stricter["recall"]
        assert all(looser["recall_per_family"][f] >= stricter["recall_per_family"][f] for f in ("fam_a", "fam_b"))
    # The easier family is caught more at every threshold.
    assert all(p["recall_per_family"]["fam_a"] >= p["recall_per_family"]["fam_b"] for p in points)


def test_metrics():
    y = np.array([0, 0, 1, 1])
    assert roc_auc(y, np.array([0.1, 0.4, 0.35, 0.8])) == pytest.approx(0.75)
    assert roc_auc(y, np.array([0.1, 0.2, 0.3, 0.4])) == 1.0
    assert average_precision(y, np.array([0.1, 0.2, 0.3, 0.4])) == pytest.approx(1.0)
    s = summary(y, np.array([0.1, 0.6, 0.3, 0.9]), 0.5)
    assert s["recall"] == 0.5 and s["fpr"] == 0.5 and s["false_positives"] == 1
    assert summary(np.array([1, 1]), np.array([0.2, 0.9]), 0.5)["roc_auc"] is None


def test_every_feature_has_a_declared_direction():
    """Adding a feature means deciding which way it may push the score."""
    from features import FEATURE_NAMES
    from model.train import MONOTONE

    assert set(MONOTONE) == set(FEATURE_NAMES)
    assert set(MONOTONE.values()) <= {-1, 0, 1}


def test_undefined_reads_as_no_evidence():
    """nan is replaced before training and scoring: 0 for a feature that can only push towards spam, the
    legitimate pages' median for one that can only push towards ham, nan kept for one without a direction."""
    from features import FEATURE_NAMES
    from model.train import MONOTONE, fill_undefined, undefined_values

    n = len(FEATURE_NAMES)
    X = np.array([[1.0] * n, [3.0] * n, [5.0] * n, [np.nan] * n, [100.0] * n])
    y = np.array([0, 0, 0, 0, 1])
    families = ["real", "real", "real", "real", "aggregator"]
    fill = undefined_values(X, y, families)
    for name, value in zip(FEATURE_NAMES, fill, strict=True):
        assert value == {1: 0.0, -1: 3.0, 0: None}[MONOTONE[name]], name
    filled = fill_undefined(X, fill)
    assert not np.isnan(filled[:3]).any() and (filled[4] == 100.0).all()
    assert [math.isnan(v) for v in filled[3]] == [MONOTONE[name] == 0 for name in FEATURE_NAMES]


def test_trained_model_reads_nan_as_its_stand_in(trained):
    out, manifest = trained
    scorer = Scorer.load(out)
    fill = manifest["undefined_values"]
    vector = [np.nan] * len(fill)
    stand_in = [np.nan if v is None else v for v in fill]
    assert scorer.contributions(vector)[0] == scorer.contributions(stand_in)[0]
