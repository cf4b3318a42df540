"""How fast is scoring? Side by side, in one run, on the same real pages.

For each of N pages sampled from the ham corpus (``../shared/corpus``) three things are timed back to
back on the same bytes, in a rotating order so that cache warmth and machine noise hit all three alike:

* ``lxml.html.document_fromstring``: parsing alone, the floor for anything that looks at the DOM;
* ``Scorer.score_html``: the full path (decode, parse, features, LightGBM, reasons);
* ``trafilatura.extract``: what a user would otherwise run before a text-quality filter.

Targets (issue 4), at the median page: ``score_html`` <= 3.2x the parse alone, and >= 8x faster than
trafilatura. Then the batch throughput of ``spamguard score --jobs 2`` (and ``--jobs 1`` for scale) over a
JSONL file of the same pages, in pages/s, wall clock including start-up.

    /tmp/venv/bin/python benchmarks/bench_score.py            # 300 pages
    /tmp/venv/bin/python benchmarks/bench_score.py --pages 50 --no-batch
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_PAGES = 300
DEFAULT_SEED = 20240601
#: Pages scored before timing starts (imports, lazy tables, the model's first prediction).
WARMUP_PAGES = 5
#: Targets from issue 4, checked at the median page.
MAX_SCORE_TO_PARSE_RATIO = 3.2
MIN_TRAFILATURA_TO_SCORE_RATIO = 8.0
#: Worker counts whose batch throughput is measured.
BATCH_JOBS = (1, 2)
#: Runs of each worker count, alternated; the best is reported (the machine is shared).
BATCH_REPEATS = 3
PERCENTILE = 95


def sample_pages(corpus: Path, n: int, seed: int) -> list[tuple[str, str | None, bytes]]:
    """A reproducible uniform sample of ``n`` records (reservoir sampling: one pass, n pages in memory)."""
    from model.corpus import iter_corpus

    rng = random.Random(seed)
    reservoir: list[tuple[str, str | None, bytes]] = []
    for i, record in enumerate(iter_corpus([corpus])):
        page = (record.id, record.url, record.html.encode("utf-8"))
        if len(reservoir) < n:
            reservoir.append(page)
        else:
            j = rng.randrange(i + 1)
            if j < n:
                reservoir[j] = page
    return reservoir


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def time_per_page(
    pages: list[tuple[str, str | None, bytes]], methods: dict[str, Callable[[bytes, str | None], object]]
) -> dict[str, list[float]]:
    """Seconds per page for each method, measured back to back on each page, order rotated per page."""
    names = list(methods)
    times: dict[str, list[float]] = {name: [] for name in names}
    clock = time.perf_counter
    for i, (_, url, body) in enumerate(pages):
        gc.collect()
        gc.disable()  # a collection triggered by one method's garbage must not be billed to the next
        try:
            shift = i % len(names)
            for name in names[shift:] + names[:shift]:
                fn = methods[name]
                start = clock()
                fn(body, url)
                times[name].append(clock() - start)
        finally:
            gc.enable()
    return times


def batch_throughput(
    pages: list[tuple[str, str | None, bytes]], jobs: int, workdir: Path, model: str | None
) -> tuple[float, float]:
    """Wall-clock seconds and pages/s of ``spamguard score --jobs N`` over a JSONL of the pages."""
    path = workdir / "pages.jsonl"
    if not path.exists():
        with path.open("w", encoding="utf-8") as fh:
            for page_id, url, body in pages:
                fh.write(json.dumps({"id": page_id, "url": url, "html": body.decode("utf-8")}) + "\n")
    cmd = [
        sys.executable,
        "-m",
        "spider_plugins.cli",
        "score",
        "--format",
        "jsonl",
        "--jobs",
        str(jobs),
        str(path),
    ]
    if model:
        cmd += ["--model", model]
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"spamguard score failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    lines = result.stdout.count(b"\n")
    if lines != len(pages):
        raise SystemExit(f"spamguard score printed {lines} records for {len(pages)} pages")
    return elapsed, len(pages) / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES, help="pages to time (default %(default)s)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="ham corpus (default %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="page sample seed")
    parser.add_argument("--model", help="model directory (default: the bundled model)")
    parser.add_argument("--no-batch", action="store_true", help="skip the spamguard score throughput runs")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"corpus not found: {args.corpus} (pass --corpus)")
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # "discarding data" notes on pages it skips

    import lxml.etree
    import lxml.html
    import trafilatura

    from model import Scorer

    pages = sample_pages(args.corpus, args.pages + WARMUP_PAGES, args.seed)
    warmup, pages = pages[:WARMUP_PAGES], pages[WARMUP_PAGES:]
    scorer = Scorer.load(args.model)

    def parse(body: bytes, url: str | None) -> object:
        try:
            return lxml.html.document_fromstring(body)
        except (lxml.etree.ParserError, ValueError):  # an empty document: timed all the same
            return None

    def score(body: bytes, url: str | None) -> object:
        return scorer.score_html(body, url)

    def extract(body: bytes, url: str | None) -> object:
        return trafilatura.extract(body, url=url)

    methods = {"lxml parse": parse, "score_html": score, "trafilatura": extract}
    time_per_page(warmup, methods)
    times = time_per_page(pages, methods)

    n = len(pages)
    sizes = sorted(len(body) for _, _, body in pages)
    median_kib = statistics.median(sizes) / 1024
    print(f"{n} pages from {args.corpus} (seed {args.seed}), median size {median_kib:.0f} KiB")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPUs, load average {load} (other work on the machine skews all three alike)")
    print(f"{'':<14}{'median ms':>11}{f'p{PERCENTILE} ms':>10}{'mean ms':>10}")
    for name, values in times.items():
        ms = [v * 1000 for v in values]
        median, high, mean = statistics.median(ms), percentile(ms, PERCENTILE), statistics.mean(ms)
        print(f"{name:<14}{median:>11.2f}{high:>10.2f}{mean:>10.2f}")

    med = {name: statistics.median(values) for name, values in times.items()}
    p95 = {name: percentile(values, PERCENTILE) for name, values in times.items()}
    score_vs_parse = med["score_html"] / med["lxml parse"]
    traf_vs_score = med["trafilatura"] / med["score_html"]
    per_page_ratio = statistics.median(s / p for s, p in zip(times["score_html"], times["lxml parse"], strict=True))
    print()
    parse_ok = "met" if score_vs_parse <= MAX_SCORE_TO_PARSE_RATIO else "MISSED"
    print(
        f"score_html / parse at the median: {score_vs_parse:5.2f}x  (target <= {MAX_SCORE_TO_PARSE_RATIO}x: {parse_ok})"
    )
    print(
        f"score_html / parse, median per-page ratio: {per_page_ratio:5.2f}x; at p{PERCENTILE}: "
        f"{p95['score_html'] / p95['lxml parse']:.2f}x"
    )
    traf_ok = "met" if traf_vs_score >= MIN_TRAFILATURA_TO_SCORE_RATIO else "MISSED"
    print(
        f"trafilatura / score_html at the median: {traf_vs_score:5.2f}x  "
        f"(target >= {MIN_TRAFILATURA_TO_SCORE_RATIO}x: {traf_ok})"
    )
    print(f"single-process score_html throughput: {n / sum(times['score_html']):.1f} pages/s")

    if not args.no_batch:
        print()
        runs: dict[int, list[float]] = {jobs: [] for jobs in BATCH_JOBS}
        with tempfile.TemporaryDirectory(prefix="bench_score_") as tmp:
            for _ in range(BATCH_REPEATS):  # alternate the worker counts so that load spikes hit both
                for jobs in BATCH_JOBS:
                    runs[jobs].append(batch_throughput(pages, jobs, Path(tmp), args.model)[0])
        for jobs, walls in runs.items():
            best = min(walls)
            print(
                f"spamguard score --jobs {jobs}: {n} pages in {best:.2f} s = {n / best:.1f} pages/s "
                f"(best of {len(walls)}: {', '.join(f'{w:.2f}' for w in walls)} s; wall clock including "
                f"start-up and model load)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
