"""Feature extraction speed relative to parsing alone.

For each page of a sample of ../shared/corpus, measured back to back on the same bytes (so machine noise
hits both alike): ``lxml.html.document_fromstring`` alone, and the full feature extraction from bytes
(decode + parse + walk + every feature). Prints the median and p95 per-page times of both and their ratios.

    python benchmarks/bench_features.py [--pages 400] [--repeat 3] [--corpus ../shared/corpus/ham]

Targets (issue 2): extraction at most 3x the parse alone at the median page, 5x at p95.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import lxml.html

from features import Page, feature_vector

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ham"
#: Targets of issue 2: extraction time over parse time.
MAX_MEDIAN_RATIO = 3.0
MAX_P95_RATIO = 5.0


def sample_pages(corpus: Path, n: int) -> list[bytes]:
    """Every k-th record of every corpus file, so all sources are represented, about ``n`` in all."""
    files = sorted(corpus.glob("*.jsonl.gz"))
    if not files:
        sys.exit(f"no *.jsonl.gz files in {corpus}: pass --corpus")
    records: list[list[str]] = []
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            records.append([json.loads(line)["html"] for line in fh])
    total = sum(map(len, records))
    step = max(1, total // n)
    return [html.encode("utf-8") for recs in records for html in recs[::step]]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3, help="passes over the sample; the fastest of each is kept")
    args = ap.parse_args(argv)
    pages = sample_pages(args.corpus, args.pages)
    parse_t = [float("inf")] * len(pages)
    extract_t = [float("inf")] * len(pages)
    clock = time.perf_counter
    for _ in range(args.repeat):
        for i, body in enumerate(pages):
            t0 = clock()
            lxml.html.document_fromstring(body)
            t1 = clock()
            feature_vector(Page.from_html(body))
            t2 = clock()
            parse_t[i] = min(parse_t[i], t1 - t0)
            extract_t[i] = min(extract_t[i], t2 - t1)
    per_page = [e / p for e, p in zip(extract_t, parse_t, strict=True)]
    med_p, med_e = statistics.median(parse_t), statistics.median(extract_t)
    p95_p, p95_e = p95(parse_t), p95(extract_t)
    print(f"{len(pages)} pages from {args.corpus}, best of {args.repeat} passes")
    print(f"{'':24s}{'median ms':>12s}{'p95 ms':>12s}")
    print(f"{'lxml.html parse':24s}{med_p * 1e3:12.3f}{p95_p * 1e3:12.3f}")
    print(f"{'feature extraction':24s}{med_e * 1e3:12.3f}{p95_e * 1e3:12.3f}")
    print(
        f"ratio extraction/parse: median {med_e / med_p:.2f}x (target <= {MAX_MEDIAN_RATIO}x), "
        f"p95 {p95_e / p95_p:.2f}x (target <= {MAX_P95_RATIO}x); "
        f"median of per-page ratios {statistics.median(per_page):.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
