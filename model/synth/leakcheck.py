"""Does anything but the spam structure give synthetic pages away?

Trains a LightGBM classifier to separate synthetic pages from the real ham they were built from, using
only statistics that are *not* spam structure: markup furniture (script/style/meta/link/comment counts,
doctype, charset, sizes, line shape, tag case) and the URL's shape (length, depth, suffix, www, scheme,
query, digits). Cross-validation is grouped by site. An ROC-AUC near 0.5 means the synthesizer leaves no
such fingerprint; near 1.0 means a giveaway to remove. Per-family AUCs are printed too; parked pages are
small standalone pages by nature, so a higher figure there reflects their structure.

    python -m model.synth.leakcheck --corpus /work/shared/corpus/ham [--n 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import logging
import math
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from model.corpus import Record, read_jsonl, site_of
from model.synth import FAMILIES, HAM_FAMILIES, synthesize
from model.synth._sources import _TLD_EXTRACT

logger = logging.getLogger(__name__)

#: Folds of the grouped cross-validation.
N_FOLDS = 5
#: LightGBM settings: small and regularized, the point is detecting a shortcut, not a good model.
LGB_PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "verbose": -1,
    "seed": 1,
}
N_ROUNDS = 200
#: AUC above which the report calls a family's markup/URL statistics a giveaway.
GIVEAWAY_AUC = 0.8
#: Suffixes seen often enough to get their own code; others share one.
TOP_SUFFIXES = ("com", "de", "org", "net", "co.uk", "ch", "at", "fr", "pl", "info", "gov", "it", "jp", "eu")

_COUNTERS = {
    "script_tag_count": re.compile(r"<script\b", re.I),
    "script_src_count": re.compile(r"<script\b[^>]*\bsrc=", re.I),
    "style_tag_count": re.compile(r"<style\b", re.I),
    "stylesheet_count": re.compile(r"<link\b[^>]*stylesheet", re.I),
    "meta_tag_count": re.compile(r"<meta\b", re.I),
    "link_tag_count": re.compile(r"<link\b", re.I),
    "comment_count": re.compile(r"<!--"),
    "conditional_comment_count": re.compile(r"<!--\[if", re.I),
    "iframe_count": re.compile(r"<iframe\b", re.I),
    "noscript_count": re.compile(r"<noscript\b", re.I),
    "uppercase_tag_count": re.compile(r"<[A-Z][A-Za-z]*[\s>]"),
    "self_closing_count": re.compile(r"/>"),
    "single_quoted_attr_count": re.compile(r"=\s*'"),
    "json_ld_count": re.compile(r"application/ld\+json", re.I),
    "og_meta_count": re.compile(r"property=[\"']og:", re.I),
}
_DOCTYPE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<!doctype\s+([^>]*)>", re.I | re.S)
_CHARSET = re.compile(r"<meta\b[^>]*charset\s*=\s*[\"']?([\w-]+)", re.I)
_HTML_LANG = re.compile(r"<html\b[^>]*\blang=", re.I)
_HEAD_END = re.compile(r"</head\s*>", re.I)


def markup_stats(record: Record) -> dict[str, float]:
    """Statistics that are not spam structure: shell furniture and URL shape."""
    html = record.html
    n = max(len(html), 1)
    feats: dict[str, float] = {"log_html_chars": math.log1p(len(html))}
    for name, rx in _COUNTERS.items():
        count = len(rx.findall(html))
        feats[name] = count
        feats[name + "_per_100k"] = count * 1e5 / n
    head_end = _HEAD_END.search(html)
    feats["head_share"] = head_end.start() / n if head_end else float("nan")
    doctype = _DOCTYPE.match(html)
    kind = doctype.group(1).lower() if doctype else ""
    feats["doctype_kind"] = 0 if not doctype else 1 if kind.strip() == "html" else 2 if "xhtml" in kind else 3
    charset = _CHARSET.search(html)
    feats["charset_kind"] = 0 if not charset else 1 if charset.group(1).lower().replace("-", "") == "utf8" else 2
    feats["html_lang_declared"] = float(bool(_HTML_LANG.search(html[:5000])))
    lines = html.count("\n") + 1
    feats["log_lines"] = math.log1p(lines)
    feats["chars_per_line"] = n / lines
    feats["non_ascii_ratio"] = sum(1 for c in html[:200_000] if ord(c) > 127) / min(n, 200_000)
    feats["crlf"] = float("\r\n" in html[:20000])
    url = record.url
    feats["url_missing"] = float(url is None)
    if url:
        parts = urlsplit(url)
        ext = _TLD_EXTRACT(parts.hostname or "")
        path = parts.path
        feats["url_chars"] = len(url)
        feats["url_path_depth"] = len([s for s in path.split("/") if s])
        feats["url_https"] = float(parts.scheme == "https")
        feats["url_www"] = float((parts.hostname or "").startswith("www."))
        feats["url_subdomain"] = float(bool(ext.subdomain) and ext.subdomain != "www")
        feats["url_query"] = float(bool(parts.query))
        feats["url_digits"] = sum(c.isdigit() for c in url)
        feats["url_hyphens"] = path.count("-")
        feats["url_html_ext"] = float(bool(re.search(r"\.s?html?$", path)))
        feats["url_trailing_slash"] = float(path.endswith("/"))
        feats["url_domain_chars"] = len(ext.domain)
        feats["url_domain_hyphen"] = float("-" in ext.domain)
        feats["url_suffix"] = TOP_SUFFIXES.index(ext.suffix) if ext.suffix in TOP_SUFFIXES else len(TOP_SUFFIXES)
    return feats


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    # average ranks of ties
    s_sorted = score[order]
    i = 0
    while i < len(s_sorted):
        j = i
        while j + 1 < len(s_sorted) and s_sorted[j + 1] == s_sorted[i]:
            j += 1
        if j > i:
            ranks[order[i : j + 1]] = (i + j + 2) / 2
        i = j + 1
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def grouped_oof(x: np.ndarray, y: np.ndarray, groups: list[str], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold scores of a grouped K-fold LightGBM, and the summed gain importances."""
    import lightgbm as lgb

    uniq = sorted(set(groups))
    rng = np.random.default_rng(0)
    fold_of = dict(zip(uniq, rng.integers(0, N_FOLDS, len(uniq)), strict=True))
    folds = np.array([fold_of[g] for g in groups])
    oof = np.zeros(len(y))
    importance = np.zeros(x.shape[1])
    for k in range(N_FOLDS):
        tr, te = folds != k, folds == k
        booster = lgb.train(LGB_PARAMS, lgb.Dataset(x[tr], y[tr], feature_name=names), N_ROUNDS)
        oof[te] = booster.predict(x[te])
        importance += booster.feature_importance("gain")
    return oof, importance


def run(corpus: Path, n: int, seed: int, out=sys.stdout) -> dict[str, float]:
    ham: list[Record] = []
    for path in sorted(corpus.glob("*.jsonl*")):
        ham.extend(read_jsonl(path))
    if not ham:
        raise SystemExit(f"no *.jsonl[.gz] files in {corpus}")
    t0 = time.perf_counter()
    synth = synthesize(ham, n, seed=seed, families=FAMILIES + HAM_FAMILIES)
    elapsed = time.perf_counter() - t0
    print(f"synthesized {n} pages from {len(ham)} ham records in {elapsed:.1f} s", file=out)
    records = ham + synth
    rows = [markup_stats(r) for r in records]
    names = sorted({k for row in rows for k in row})
    x = np.array([[row.get(k, float("nan")) for k in names] for row in rows], dtype=float)
    kinds = ["ham"] * len(ham) + [r.kind or "" for r in synth]
    groups = [site_of(r) for r in ham] + [f"synth:{site_of(r)}" for r in synth]
    results: dict[str, float] = {}
    for label, fams in (("synthetic spam", FAMILIES), ("synthetic ham", HAM_FAMILIES)):
        keep = np.array([k == "ham" or k in fams for k in kinds])
        y = np.array([0 if k == "ham" else 1 for k in kinds])[keep]
        sub_groups = [g for g, kp in zip(groups, keep, strict=True) if kp]
        sub_kinds = [k for k, kp in zip(kinds, keep, strict=True) if kp]
        oof, imp = grouped_oof(x[keep], y, sub_groups, names)
        auc = _auc(y, oof)
        results[label] = auc
        print(f"\n{label} vs real ham, markup+URL statistics only, {N_FOLDS}-fold grouped by site:", file=out)
        print(f"  ROC-AUC all families: {auc:.3f}", file=out)
        per_family: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(sub_kinds):
            per_family[k].append(i)
        ham_idx = per_family["ham"]
        for fam in fams:
            idx = ham_idx + per_family[fam]
            fam_auc = _auc(y[idx], oof[idx])
            results[fam] = fam_auc
            flag = "  <- giveaway?" if fam_auc > GIVEAWAY_AUC and fam != "parked" else ""
            print(f"  {fam:22s} {fam_auc:.3f}{flag}", file=out)
        top = sorted(zip(imp, names, strict=True), reverse=True)[:8]
        total = imp.sum() or 1.0
        print(
            "  most used statistics: " + ", ".join(f"{name} {gain / total:.0%}" for gain, name in top),
            file=out,
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model.synth.leakcheck", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory of ham *.jsonl[.gz] files")
    parser.add_argument("--n", type=int, default=2400, help="synthetic pages to build (default 2400)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    run(args.corpus, args.n, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
