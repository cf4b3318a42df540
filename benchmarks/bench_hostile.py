"""Time and memory per pathological page (issue 6), each measured in a fresh process.

For every page of tests/features/test_hostile.py's ``pathological()`` set (50 MB pages, 100,000-deep
nesting, a million links, a 10 MB line, ...), a child process builds the input, records its peak RSS,
scores the page with the bundled model through ``Scorer.score_html`` (the path the CLI and the crawl
take), and reports the wall time and the growth of its peak RSS. Prints a table, the worst case, and
whether it stays within the named bounds below.

    python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Bounds per page, for the worst pathological input, on a 2-core machine.
MAX_SECONDS_PER_PAGE = 5.0
MAX_EXTRA_MEMORY_MB = 1024


def _child(name: str) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "features"))
    from test_hostile import pathological

    from model import Scorer

    scorer = Scorer.load()
    page = pathological()[name]
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    verdict = scorer.score_html(page, url="https://hostile.example/")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"seconds": seconds, "extra_mb": (peak - base) / 1024, "bytes": len(page), "score": verdict.score}
    print(json.dumps(result))


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        _child(sys.argv[2])
        return 0
    sys.path.insert(0, str(ROOT / "tests" / "features"))
    from test_hostile import pathological

    rows = []
    print(f"{'page':20s}{'input MB':>10s}{'seconds':>10s}{'extra MB':>10s}{'score':>8s}")
    for name in pathological():
        out = subprocess.run([sys.executable, __file__, "--case", name], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append((name, r))
        print(f"{name:20s}{r['bytes'] / 1e6:10.2f}{r['seconds']:10.3f}{r['extra_mb']:10.1f}{r['score']:8.3f}")
    worst_t = max(rows, key=lambda x: x[1]["seconds"])
    worst_m = max(rows, key=lambda x: x[1]["extra_mb"])
    ok = worst_t[1]["seconds"] <= MAX_SECONDS_PER_PAGE and worst_m[1]["extra_mb"] <= MAX_EXTRA_MEMORY_MB
    print(
        f"worst time: {worst_t[0]} {worst_t[1]['seconds']:.3f}s (bound {MAX_SECONDS_PER_PAGE}s); "
        f"worst memory: {worst_m[0]} +{worst_m[1]['extra_mb']:.0f} MB (bound {MAX_EXTRA_MEMORY_MB} MB): "
        f"{'within bounds' if ok else 'OUT OF BOUNDS'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
