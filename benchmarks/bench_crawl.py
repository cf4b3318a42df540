"""Crawl throughput with and without the SpamGuard add-on, measured side by side.

    python benchmarks/bench_crawl.py [--pages 300] [--repeat 3] [--concurrency 16] [--workers 1]

Builds a local site from real ham pages of ../shared/corpus (a few hundred, taken round-robin from every
source file), links them from one index page, serves it on 127.0.0.1 and crawls it with a real Scrapy
crawler: without the add-on, with ``ADDONS = {"spider_plugins.SpamGuardAddon": 0}`` (scoring in the crawl
process, the default), and with the add-on and ``SPAMGUARD_WORKERS = --workers`` (scoring in worker
processes; ``--workers 0`` leaves this one out), in turn, ``--repeat`` times each. Every crawl runs in a
fresh process (a Twisted reactor starts once per process).
The spider does what a real one does: it extracts a title, the first heading and the paragraph count with
selectors, so the baseline parses every page too. Reported: pages/s of each run, the medians, and the
ratio with/without (target: >= 0.90), the CPU time the crawl's process spent per page (the HTTP server
runs in the benchmark's parent process and the workers in their own: neither is counted), and the scorer's
own time per page on the same pages, to show where the difference goes. The workers need a spare core:
on a machine whose cores the crawl and the server already keep busy they cannot help.

This is a loopback crawl: no network latency, no download delay, so it is CPU-bound and the worst case for
the add-on. On a real crawl, where pages arrive over the network, the same per-page cost is a far smaller
share.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import statistics
import subprocess
import sys
import tempfile
import time
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ham"
DEFAULT_PAGES = 300
DEFAULT_REPEAT = 3
DEFAULT_CONCURRENCY = 16
DEFAULT_WORKERS = 1
TARGET_RATIO = 0.90
CHILD_TIMEOUT_S = 600
SCORER_SAMPLE = 100  # pages timed directly with Scorer.score_html for the breakdown


def corpus_pages(n: int) -> list[tuple[str, str]]:
    """``n`` (url, html) pairs taken round-robin from every source file, deterministic."""
    files = sorted(CORPUS.glob("*.jsonl.gz"))
    if not files:
        raise SystemExit(f"no corpus at {CORPUS} (expected ../shared/corpus/ham/*.jsonl.gz next to the repo)")
    per_file = -(-n // len(files))
    pools: list[list[tuple[str, str]]] = []
    for path in files:
        pool = []
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                pool.append((rec.get("url") or "", rec["html"]))
                if len(pool) >= per_file:
                    break
        pools.append(pool)
    pages: list[tuple[str, str]] = []
    for i in range(per_file):
        for pool in pools:
            if i < len(pool) and len(pages) < n:
                pages.append(pool[i])
    return pages


class _SlowHandler(SimpleHTTPRequestHandler):
    """Static files after a fixed delay: a stand-in for network latency (``--latency-ms``)."""

    latency_s = 0.0

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.latency_s:
            time.sleep(self.latency_s)
        super().do_GET()


def build_site(directory: Path, pages: list[tuple[str, str]]) -> int:
    links = []
    for i, (url, text) in enumerate(pages):
        (directory / f"p{i}.html").write_text(text, encoding="utf-8")
        links.append(f'<li><a href="p{i}.html">{html.escape(url or f"page {i}")}</a></li>')
    index = "<!DOCTYPE html><html><head><title>Benchmark index</title></head><body><ul>\n"
    (directory / "index.html").write_text(index + "\n".join(links) + "\n</ul></body></html>", encoding="utf-8")
    return len(pages)


# -- child process: one crawl ---------------------------------------------------------------------


def child(spec_path: str) -> int:
    import scrapy

    from spider_plugins.demo import crawl

    spec = json.loads(Path(spec_path).read_text())

    cpu: dict[str, float] = {}

    class BenchSpider(scrapy.Spider):
        name = "bench"

        def __init__(self, start_urls: list[str], hosts: list[str], **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.start_urls = start_urls

        @classmethod
        def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
            # CPU time of this process over the same span as Scrapy's elapsed_time_seconds: from the spider's
            # opening to its closing, so the add-on's start-up (loading the model) is left out of both.
            spider = super().from_crawler(crawler, *args, **kwargs)

            def opened() -> None:
                cpu["opened"] = time.process_time()

            def closed() -> None:
                cpu["closed"] = time.process_time()

            crawler.signals.connect(opened, signal=scrapy.signals.spider_opened, weak=False)
            crawler.signals.connect(closed, signal=scrapy.signals.spider_closed, weak=False)
            return spider

        def parse(self, response: Any, **kwargs: Any) -> Any:
            if response.url.endswith("/index.html"):
                for href in response.css("a::attr(href)").getall():
                    yield response.follow(href, callback=self.parse_page)

        def parse_page(self, response: Any) -> Any:
            yield {
                "url": response.url,
                "title": response.css("title::text").get(),
                "h1": " ".join(response.css("h1 ::text").getall()).strip(),
                "paragraphs": len(response.css("p")),
            }

    settings = {
        "CONCURRENT_REQUESTS": spec["concurrency"],
        "CONCURRENT_REQUESTS_PER_DOMAIN": spec["concurrency"],
        "CLOSESPIDER_PAGECOUNT": 0,
        "LOG_LEVEL": "ERROR",
        "SPAMGUARD_HOST_MIN_PAGES": 0,  # every page is ham; keep the comparison to scoring alone
    }
    if spec["addon"]:
        settings["ADDONS"] = {"spider_plugins.SpamGuardAddon": 0}
        settings["SPAMGUARD_WORKERS"] = spec["workers"]
    result = crawl([spec["start"]], ["127.0.0.1"], settings, BenchSpider)
    cpu_s = cpu["closed"] - cpu["opened"]
    Path(spec["out"]).write_text(json.dumps({"items": len(result.items), "stats": result.stats, "cpu_s": cpu_s}))
    return 0


def run_child(tmp: Path, start: str, addon: bool, workers: int, concurrency: int, run: int) -> dict[str, Any]:
    out = tmp / f"result-{run}-{int(addon)}-{workers}.json"
    spec = tmp / f"spec-{run}-{int(addon)}-{workers}.json"
    spec.write_text(
        json.dumps({"start": start, "addon": addon, "workers": workers, "concurrency": concurrency, "out": str(out)})
    )
    subprocess.run([sys.executable, __file__, "--child", str(spec)], check=True, timeout=CHILD_TIMEOUT_S)
    result = json.loads(out.read_text())
    stats = result["stats"]
    elapsed = float(stats["elapsed_time_seconds"])
    pages = int(stats.get("response_received_count", 0))  # dropped pages were crawled too
    return {
        "items": result["items"],
        "pages": pages,
        "elapsed_s": elapsed,
        "pages_per_s": pages / elapsed,
        "crawl_cpu_ms": result["cpu_s"] / pages * 1000,
        "scored": stats.get("spamguard/scored", 0),
        "by_workers": stats.get("spamguard/scored_by_workers", 0),
        "spam": stats.get("spamguard/spam", 0),
        "errors": {k: v for k, v in stats.items() if k.startswith("spamguard/error/")},
    }


def scorer_ms_per_page(pages: list[tuple[str, str]]) -> tuple[float, float]:
    """(parse ms/page, score_html-on-the-tree ms/page), the add-on's own work measured directly."""
    from parsel import Selector

    from model import Scorer

    scorer = Scorer.load()
    sample = pages[:SCORER_SAMPLE]
    t0 = time.perf_counter()
    roots = [Selector(text=text).root for _, text in sample]
    t1 = time.perf_counter()
    for (url, _), root in zip(sample, roots, strict=True):
        scorer.score_html(root, url=url or None)
    t2 = time.perf_counter()
    return (t1 - t0) / len(sample) * 1000, (t2 - t1) / len(sample) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES)
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT)
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    parser.add_argument(
        "--workers", type=int, default=DEFAULT_WORKERS, help="SPAMGUARD_WORKERS of the third crawl (0: no third crawl)"
    )
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="delay every response by this much, as a network would (default 0: the CPU-bound worst case)",
    )
    parser.add_argument("--child", metavar="SPEC", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)

    from spider_plugins.demo import LoopbackServer

    pages = corpus_pages(args.pages)
    with tempfile.TemporaryDirectory(prefix="spamguard-bench-") as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        site.mkdir()
        n = build_site(site, pages)
        print(
            f"site: {n} ham pages from {CORPUS} + index; "
            f"concurrency {args.concurrency}; latency {args.latency_ms:g} ms; {args.repeat} runs each"
        )
        # (label, add-on, SPAMGUARD_WORKERS) of each crawl, run in turn so that drift hits all alike
        variants = [("without add-on", False, 0), ("with add-on", True, 0)]
        if args.workers:
            variants.append((f"add-on, {args.workers} worker{'s' if args.workers > 1 else ''}", True, args.workers))
        width = max(len(label) for label, _, _ in variants)
        runs: dict[str, list[dict[str, Any]]] = {label: [] for label, _, _ in variants}
        handler = type("Handler", (_SlowHandler,), {"latency_s": args.latency_ms / 1000})
        server = LoopbackServer(site, handler).start()
        try:
            start = server.url("index.html")
            for run in range(args.repeat):
                for label, addon, workers in variants:
                    r = run_child(tmp, start, addon, workers, args.concurrency, run)
                    runs[label].append(r)
                    extra = ""
                    if addon:
                        by_workers = f", by workers {r['by_workers']}" if workers else ""
                        extra = f"  ({r['items']} items; scored {r['scored']}, spam {r['spam']}{by_workers})"
                    if r["errors"]:
                        extra += f"  errors {r['errors']}"
                    print(
                        f"  run {run + 1} {label:{width}s}: {r['pages']} pages in {r['elapsed_s']:.2f} s = "
                        f"{r['pages_per_s']:.1f} pages/s, crawl process CPU {r['crawl_cpu_ms']:.1f} ms/page{extra}"
                    )
        finally:
            server.stop()
    print()
    base_label = variants[0][0]
    without = statistics.median(r["pages_per_s"] for r in runs[base_label])
    for label, addon, _ in variants:
        rate = statistics.median(r["pages_per_s"] for r in runs[label])
        cpu = statistics.median(r["crawl_cpu_ms"] for r in runs[label])
        line = f"median pages/s {label + ':':{width + 1}s} {rate:6.1f}  (crawl process CPU {cpu:.1f} ms/page)"
        if addon:
            ratio = rate / without
            met = "met" if ratio >= TARGET_RATIO else "NOT met"
            line += f"  ratio to without: {ratio:.3f} (target >= {TARGET_RATIO:.2f}: {met})"
        print(line)
    parse_ms, score_ms = scorer_ms_per_page(pages)
    print(
        f"per page, measured directly on {min(len(pages), SCORER_SAMPLE)} of these pages: "
        f"lxml parse {parse_ms:.1f} ms, "
        f"Scorer.score_html on the parsed tree {score_ms:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
