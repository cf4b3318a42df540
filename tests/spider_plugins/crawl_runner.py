"""Run one real crawl in a fresh process and write what happened as JSON (used by test_crawl.py).

    python crawl_runner.py SPEC.json

SPEC: {"start_urls": [...], "hosts": [...], "settings": {...}, "out": "result.json", "fail_on": "substring"?}.
Each crawl gets its own process so that Twisted/asyncio state never leaks between tests. With ``fail_on``
the spider's callback raises RuntimeError on URLs containing it (a spider bug the crawl must survive).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from spider_plugins.demo import crawl, site_spider


def failing_spider(fragment: str) -> type:
    base: Any = site_spider()

    class FailingSpider(base):  # type: ignore[misc, valid-type]
        def parse(self, response: Any, **kwargs: Any) -> Any:
            if fragment in response.url:
                self.reached.append(response.url)
                raise RuntimeError(f"spider bug on {response.url}")
            yield from super().parse(response, **kwargs)

    return FailingSpider


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    spidercls = failing_spider(spec["fail_on"]) if spec.get("fail_on") else None
    try:
        result = crawl(spec["start_urls"], spec["hosts"], spec["settings"], spidercls)
    except Exception as exc:
        Path(spec["out"]).write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), encoding="utf-8")
        return 3
    Path(spec["out"]).write_text(json.dumps(result.to_json()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
