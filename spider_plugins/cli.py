"""The ``spamguard`` command line: ``score``, ``explain``, ``train``, ``evaluate`` and ``demo``.

``main(argv)`` parses the arguments and returns the exit status; it has no side effects at import time and
imports the model (LightGBM, lxml) only inside the subcommand that needs it, so ``spamguard --help`` is
instant. ``train``, ``evaluate`` and ``demo`` are provided by :mod:`model.train`, :mod:`model.evaluate` and
:mod:`spider_plugins.demo`: each exposes ``add_arguments(parser)`` and ``run(args) -> int``, imported only
when that subcommand is run.

Exit status: 0 success; 1 with ``score --fail-on-spam`` when any page is spam; 2 for usage errors
(bad options, missing or unreadable inputs, a model directory that does not load); 3 when ``score``
cannot finish the batch because its worker processes keep dying.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import math
import os
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, TextIO

from spider_plugins.workers import init_worker, worker_context, worker_scorer

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from model import Scorer
    from model.inputs import InputError, InputPage

__all__ = ["main"]

logger = logging.getLogger(__name__)

PROG = "spamguard"
DIST_NAME = "scrapy-spamguard"

EXIT_OK = 0
#: ``score --fail-on-spam`` and at least one page was spam.
EXIT_SPAM = 1
#: Bad options, a missing or unreadable input, a model that does not load.
EXIT_USAGE = 2
#: The batch could not be finished (worker processes kept dying); the pages before are printed.
EXIT_FAILURE = 3
#: Interrupted with Ctrl-C (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130

#: Inputs of at most this many pages are scored in this process: starting the workers (about a second:
#: a fork server importing LightGBM) would cost more than it saves on so few pages.
SERIAL_MAX_PAGES = 40
#: The progress bar appears (on a terminal) only for inputs of more than this many pages.
PROGRESS_MIN_PAGES = 8
#: Pages sent to a worker process in one task (amortizes the inter-process round trip).
CHUNK_PAGES = 8
#: Tasks queued per worker beyond the one it is running: keeps workers busy while bounding the memory
#: held by pages read ahead of the output.
IN_FLIGHT_CHUNKS_PER_WORKER = 3

#: Worker-pool restarts in a row, without a page scored in between, before the batch is abandoned.
MAX_CONSECUTIVE_RESTARTS = 5

#: ``--format table``: longest id shown; a longer one is shortened from the left (its end is kept).
TABLE_MAX_ID_WIDTH = 60
#: Decimal places of scores and thresholds in human-readable output.
SCORE_DECIMALS = 3

#: Log level for each ``-v`` count (more ``-v`` than listed: the last).
LOG_LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)

SUBCOMMANDS = ("score", "explain", "train", "evaluate", "demo")
#: Subcommands implemented in another module: name -> (module, one-line help).
PLUGGABLE_SUBCOMMANDS = {
    "train": ("model.train", "train a model directory from labelled corpora (and synthesized spam)"),
    "evaluate": ("model.evaluate", "measure a model on labelled pages: recall, false positives, what it gets wrong"),
    "demo": ("spider_plugins.demo", "crawl a local demo site with the Scrapy add-on enabled"),
}


# --- argument parsing --------------------------------------------------------------------------------


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DIST_NAME)
    except PackageNotFoundError:
        return "unknown (package not installed)"


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def _add_verbose(parser: argparse.ArgumentParser, dest: str) -> None:
    parser.add_argument(
        "-v", "--verbose", dest=dest, action="count", default=0, help="more log output (-v info, -vv debug)"
    )


def _add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="DIR",
        help="model directory written by 'spamguard train' (default: the bundled model)",
    )


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser. ``command`` names the subcommand about to run: only that one of the
    pluggable subcommands (train, demo) has its module imported to register its options."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Page-level spam detection: score HTML pages with the spamguard model.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    _add_verbose(parser, "verbose")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")

    score = subparsers.add_parser(
        "score",
        help="score pages: files, directories, JSONL(.gz), WARC(.gz) or - for stdin",
        description=(
            "Score every page of every INPUT and print one result per page, in input order. INPUT is an "
            "HTML file, a directory (recursive: .html/.htm, .jsonl(.gz) and .warc(.gz) files in it), a "
            '.jsonl/.jsonl.gz file of {"id"?, "url"?, "html"} records (a Scrapy feed export with an html '
            "field works), a .warc/.warc.gz file (its HTML responses), or - for one page on stdin. A page "
            "that cannot be read gives a record with an 'error' field and the batch goes on."
        ),
        epilog="Exit status: 0 success, 1 with --fail-on-spam when any page is spam, 2 usage error, "
        "3 the worker processes kept dying.",
    )
    score.add_argument("inputs", nargs="+", metavar="INPUT", help="what to score (see above)")
    score.add_argument(
        "--format",
        choices=("jsonl", "table"),
        help="jsonl: one JSON object per page; table: aligned, with the top reason "
        "(default: table on a terminal, jsonl otherwise)",
    )
    score.add_argument(
        "--threshold",
        type=_threshold,
        metavar="T",
        help="call a page spam when its score is >= T (default: the model's calibrated threshold)",
    )
    score.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        default=_default_jobs(),
        metavar="N",
        help="worker processes (default: the number of CPUs, %(default)s here)",
    )
    _add_model_options(score)
    score.add_argument("--fail-on-spam", action="store_true", help="exit with status 1 when any page is spam")
    _add_verbose(score, "sub_verbose")
    score.set_defaults(handler=_run_score)

    explain = subparsers.add_parser(
        "explain",
        help="explain the score of one page, feature by feature",
        description=(
            "Print a readable report on one page: its score, the threshold, the verdict and every "
            "feature with its value, its contribution to the score and what it measures, most "
            "spam-ward first. FILE is an HTML file (or a JSONL/WARC file holding one page), or - for stdin."
        ),
    )
    explain.add_argument("file", metavar="FILE", help="the page: an HTML file, or - for stdin")
    explain.add_argument("--url", help="the page's URL (URL features are undefined without one)")
    _add_model_options(explain)
    _add_verbose(explain, "sub_verbose")
    explain.set_defaults(handler=_run_explain)

    for name, (module_name, help_text) in PLUGGABLE_SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        _add_verbose(sub, "sub_verbose")
        if command == name:
            _register_pluggable(sub, name, module_name)
    return parser


def _register_pluggable(sub: argparse.ArgumentParser, name: str, module_name: str) -> None:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        message = f"{PROG} {name}: not available in this installation ({module_name} is missing)"
        sub.set_defaults(handler=lambda args: _fail(message), accepts_unknown_arguments=True)
        return
    module.add_arguments(sub)
    sub.set_defaults(handler=module.run)


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv``: the first argument that is not an option (top-level options
    take no values)."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg if arg in SUBCOMMANDS else None
    return None


def _configure_logging(verbosity: int) -> None:
    level = LOG_LEVELS[min(verbosity, len(LOG_LEVELS) - 1)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger().setLevel(level)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    """Run the ``spamguard`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(argv))
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown and not getattr(args, "accepts_unknown_arguments", False):
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:  # --help, --version, or a usage error already printed by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if getattr(args, "handler", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    _configure_logging(args.verbose + getattr(args, "sub_verbose", 0))
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`spamguard score ... | head`): stop quietly
        _silence_stdout()
        return EXIT_OK


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# --- spamguard score ---------------------------------------------------------------------------------


def _clean_number(value: float | None) -> float | None:
    """JSON has no NaN or infinity: an undefined feature value is written as null."""
    return None if value is None or not math.isfinite(value) else float(value)


def result_record(scorer: Scorer, item: InputPage | InputError, threshold: float | None) -> dict[str, Any]:
    """The output object of one input item: a verdict (id, url, score, spam, threshold, reasons) or an
    error record (id, error)."""
    from model.inputs import InputError

    if isinstance(item, InputError):
        return {"id": item.id, "error": item.error}
    try:
        verdict = scorer.score_html(item.html, item.url, threshold=threshold)
    except Exception as exc:  # one page that cannot be scored must not end the batch
        logger.debug("scoring %s failed", item.id, exc_info=True)
        return {"id": item.id, "error": f"cannot score this page: {type(exc).__name__}: {exc}"}
    out = verdict.to_dict()
    out["reasons"] = [
        {
            **reason,
            "value": _clean_number(reason["value"]),
            "contribution": _clean_number(reason["contribution"]),
        }
        for reason in out["reasons"]
    ]
    return {"id": item.id, "url": item.url, **out}


def _score_chunk(chunk: list[InputPage | InputError]) -> list[dict[str, Any]]:
    scorer, threshold = worker_scorer()
    return [result_record(scorer, item, threshold) for item in chunk]


def _chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class WorkerPoolError(RuntimeError):
    """The worker processes keep dying: the batch cannot be finished."""


class _ParallelScorer:
    """Scores chunks of pages in worker processes and yields the results in input order.

    At most ``jobs * (1 + IN_FLIGHT_CHUNKS_PER_WORKER)`` chunks are in flight, so a huge input is read
    only as fast as it is scored. Workers are started with ``forkserver`` (``spawn`` where unavailable),
    never forked from this process, which may hold OpenMP threads from LightGBM.

    If a worker dies (a crash in a native library on a hostile page), every chunk that was in flight is
    suspect: the pool is restarted and those chunks are scored again one page at a time with nothing else
    in flight, so only a page that kills a worker on its own gets an error record; the batch goes on.
    """

    def __init__(self, jobs: int, model_dir: str | None, threshold: float | None) -> None:
        self._jobs = jobs
        self._initargs = (model_dir, threshold, logging.getLogger().level)
        self._max_in_flight = jobs * (1 + IN_FLIGHT_CHUNKS_PER_WORKER)
        self._executor: ProcessPoolExecutor | None = None
        # Each entry: a chunk and either its future or, once re-scored in isolation, its results.
        self._pending: deque[tuple[list[Any], Future[list[dict[str, Any]]] | list[dict[str, Any]]]] = deque()
        self._restarts_in_a_row = 0

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            from concurrent.futures import ProcessPoolExecutor

            self._executor = ProcessPoolExecutor(
                self._jobs, mp_context=worker_context(), initializer=init_worker, initargs=self._initargs
            )
        return self._executor

    def _restart(self) -> None:
        self._restarts_in_a_row += 1
        if self._restarts_in_a_row > MAX_CONSECUTIVE_RESTARTS:
            raise WorkerPoolError(
                f"worker processes died {self._restarts_in_a_row} times in a row; "
                f"try --jobs 1, and -vv to see which page fails"
            )
        logger.warning("a worker process died; restarting the worker pool")
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def _submit(self, chunk: list[Any]) -> Future[list[dict[str, Any]]]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._pool().submit(_score_chunk, chunk)
        except BrokenProcessPool:  # broke since the last collection; the chunks in flight notice on collection
            self._pool().shutdown(wait=False, cancel_futures=True)
            self._executor = None
            return self._pool().submit(_score_chunk, chunk)

    def results(self, items: Iterable[InputPage | InputError]) -> Iterator[dict[str, Any]]:
        try:
            for chunk in _chunked(items, CHUNK_PAGES):
                self._pending.append((chunk, self._submit(chunk)))
                while len(self._pending) >= self._max_in_flight:
                    yield from self._collect()
            while self._pending:
                yield from self._collect()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)

    def _collect(self) -> list[dict[str, Any]]:
        from concurrent.futures.process import BrokenProcessPool

        _, outcome = self._pending[0]
        if not isinstance(outcome, list):
            try:
                outcome = outcome.result()
                self._restarts_in_a_row = 0
            except BrokenProcessPool:
                self._rescore_in_isolation()
                outcome = self._pending[0][1]
                assert isinstance(outcome, list)
        self._pending.popleft()
        return outcome

    def _rescore_in_isolation(self) -> None:
        """After a crash: score every unfinished chunk in flight one page at a time, alone in the pool."""
        self._restart()
        for i, (chunk, outcome) in enumerate(self._pending):
            if isinstance(outcome, list) or (outcome.done() and _succeeded(outcome)):
                continue
            self._pending[i] = (chunk, [self._score_alone(item) for item in chunk])

    def _score_alone(self, item: InputPage | InputError) -> dict[str, Any]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            (result,) = self._submit([item]).result()
        except BrokenProcessPool:
            logger.warning("page %s killed a worker process", item.id)
            self._restart()
            return {"id": item.id, "error": "a worker process died while scoring this page"}
        self._restarts_in_a_row = 0
        return result


def _succeeded(future: Future[Any]) -> bool:
    return not future.cancelled() and future.exception() is None


def _score_serial(
    scorer: Scorer, items: Iterable[InputPage | InputError], threshold: float | None
) -> Iterator[dict[str, Any]]:
    for item in items:
        yield result_record(scorer, item, threshold)


def _progress(stream: TextIO, enabled: bool):
    from tqdm import tqdm

    return tqdm(unit=" pages", desc="scoring", file=stream, disable=not enabled, dynamic_ncols=True)


def _run_score(args: argparse.Namespace) -> int:
    if args.jobs > 1:  # before the imports below: the worker fork server imports the model meanwhile
        worker_context(start=True)
    from model import ModelError, Scorer
    from model.inputs import STDIN_ARG, InputArgumentError, iter_inputs

    if args.inputs.count(STDIN_ARG) > 1:
        return _fail(f"{PROG} score: error: '-' (stdin) can be given only once")
    sources = []
    for arg in args.inputs:
        try:
            sources.append(iter_inputs(arg))
        except InputArgumentError as exc:
            return _fail(f"{PROG} score: error: {exc}")
    try:
        scorer = Scorer.load(args.model)
    except ModelError as exc:
        return _fail(f"{PROG} score: error: {exc}")
    threshold = scorer.threshold if args.threshold is None else args.threshold

    items = chain.from_iterable(sources)
    head = list(islice(items, max(SERIAL_MAX_PAGES, PROGRESS_MIN_PAGES) + 1))
    everything = chain(head, items)
    if args.jobs > 1 and len(head) > SERIAL_MAX_PAGES:
        results = _ParallelScorer(args.jobs, args.model, args.threshold).results(everything)
    else:
        results = _score_serial(scorer, everything, args.threshold)

    out_format = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    show_progress = len(head) > PROGRESS_MIN_PAGES and sys.stderr.isatty()
    widest = max((len(_printable(item.id)) for item in head), default=0)
    table = _TableWriter(widest) if out_format == "table" else None
    pages = spam = errors = 0
    failure = None
    with _progress(sys.stderr, show_progress) as bar:

        def emit(line: str) -> None:
            try:
                write(line)
            except UnicodeEncodeError:  # stdout's encoding cannot take it: escape what it cannot
                write(line.encode("ascii", "backslashreplace").decode("ascii"))

        def write(line: str) -> None:
            if show_progress:  # clear the bar, print the line, redraw the bar (stdout may be the terminal)
                bar.write(line, file=sys.stdout)
            else:
                sys.stdout.write(line + "\n")

        if table is not None:
            emit(table.header())
        try:
            for record in results:
                pages += 1
                if "error" in record:
                    errors += 1
                elif record["spam"]:
                    spam += 1
                emit(_jsonl_line(record) if table is None else table.row(record))
                bar.update()
        except WorkerPoolError as exc:
            failure = exc
    sys.stdout.flush()
    print(
        f"{PROG}: {pages} page{'s' * (pages != 1)}, {spam} spam, {errors} error{'s' * (errors != 1)} "
        f"(threshold {threshold:.{SCORE_DECIMALS}f})",
        file=sys.stderr,
    )
    if failure is not None:
        print(f"{PROG} score: error: stopped after {pages} pages: {failure}", file=sys.stderr)
        return EXIT_FAILURE
    if not pages:
        print(
            f"{PROG} score: warning: no pages found in {' '.join(args.inputs)} (a directory is searched for "
            f".html/.htm, .jsonl(.gz) and .warc(.gz) files)",
            file=sys.stderr,
        )
    return EXIT_SPAM if args.fail_on_spam and spam else EXIT_OK


#: Lone UTF-16 surrogates: a JSON ``\\ud800`` escape or an undecodable file name yields them in a str.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _jsonl_line(record: dict[str, Any]) -> str:
    """One output record as JSON text; a record holding a lone surrogate is written with ASCII escapes
    (valid JSON, and the same string when read back), since it cannot be encoded as UTF-8."""
    line = json.dumps(record, ensure_ascii=False)
    return json.dumps(record) if _SURROGATE.search(line) else line


def _printable(text: str) -> str:
    """Text from a page or a file name made safe for a terminal: control characters (newlines, escape
    sequences) and lone surrogates are shown as Python escapes instead of acting on the terminal."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _format_value(value: float | None) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    return f"{value:g}"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[-(width - 1) :]


class _TableWriter:
    """``--format table``: score, verdict, id, and the top reason (or the error), one aligned line per
    page, written as results arrive. The id column is as wide as the longest id among the first pages
    (all of them for a small batch); a longer id met later overflows its column rather than being cut to
    nothing. Ids longer than TABLE_MAX_ID_WIDTH are shortened from the left, keeping their end."""

    def __init__(self, id_width: int) -> None:
        self._id_width = max(len("ID"), min(TABLE_MAX_ID_WIDTH, id_width))
        self._score_width = SCORE_DECIMALS + 2

    def header(self) -> str:
        return f"{'SCORE':>{self._score_width}}  {'VERDICT':<7}  {'ID':<{self._id_width}}  TOP REASON"

    def row(self, record: dict[str, Any]) -> str:
        page_id = _shorten(_printable(record["id"]), TABLE_MAX_ID_WIDTH)
        if "error" in record:
            score, verdict, detail = "-", "ERROR", _printable(record["error"])
        else:
            score = f"{record['score']:.{SCORE_DECIMALS}f}"
            verdict = "SPAM" if record["spam"] else "ok"
            detail = ""
            if record["reasons"]:
                top = record["reasons"][0]
                detail = f"{top['feature']}={_format_value(top['value'])} ({top['contribution']:+.2f})"
        line = f"{score:>{self._score_width}}  {verdict:<7}  {page_id:<{self._id_width}}  {detail}"
        return line.rstrip()


# --- spamguard explain -------------------------------------------------------------------------------


def _run_explain(args: argparse.Namespace) -> int:
    from model import ModelError, Scorer
    from model.inputs import InputArgumentError, InputError, iter_inputs

    try:
        items = list(islice(iter_inputs(args.file), 2))
    except InputArgumentError as exc:
        return _fail(f"{PROG} explain: error: {exc}")
    if len(items) != 1:
        what = "no page" if not items else "more than one page"
        return _fail(
            f"{PROG} explain: error: {args.file!r} holds {what}; explain takes one page (use '{PROG} score' for many)"
        )
    (item,) = items
    if isinstance(item, InputError):
        return _fail(f"{PROG} explain: error: cannot read {item.id}: {item.error}")
    try:
        scorer = Scorer.load(args.model)
    except ModelError as exc:
        return _fail(f"{PROG} explain: error: {exc}")
    url = args.url or item.url
    verdict, rows = scorer.explain(item.html, url)
    _write_explanation(sys.stdout, item.id, url, verdict, rows)
    return EXIT_OK


def _write_explanation(out: TextIO, page_id: str, url: str | None, verdict: Any, rows: list[tuple]) -> None:
    label = "SPAM" if verdict.is_spam else "not spam"
    relation = ">=" if verdict.is_spam else "<"
    out.write(f"page:      {_printable(page_id)}\n")
    out.write(f"url:       {_printable(url) if url else '(none given: URL features are undefined)'}\n")
    out.write(
        f"score:     {verdict.score:.{SCORE_DECIMALS}f}  ({relation} threshold "
        f"{verdict.threshold:.{SCORE_DECIMALS}f})\n"
    )
    out.write(f"verdict:   {label}\n\n")
    out.write("Features, most spam-ward first (a positive contribution pushes towards spam):\n\n")
    name_width = max([len("feature"), *(len(row[0]) for row in rows)])
    values = [_format_value(row[1]) for row in rows]
    value_width = max([len("value"), *(len(v) for v in values)])
    out.write(f"  {'contribution':>12}  {'value':>{value_width}}  {'feature':<{name_width}}  description\n")
    for (feature, _value, contribution, description), value_text in zip(rows, values, strict=True):
        out.write(f"  {contribution:>+12.4f}  {value_text:>{value_width}}  {feature:<{name_width}}  {description}\n")


if __name__ == "__main__":
    sys.exit(main())
