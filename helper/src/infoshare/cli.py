"""The command line: validate, render, schema, example.

Exit codes: 0 success; 1 the record has problems (each printed as
"field: message"; "record: ..." for the record as a whole, e.g. altered since
it was sealed); 2 a usage error (bad arguments, a file that is missing,
unreadable, not a record, or from a newer version). Errors are one line each
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from . import example
from ._version import __version__
from .amend import link_problems
from .canonical import canonical_json
from .formats import FORMATS, render
from .parse import MAX_BYTES, TOO_LARGE, Loaded, RecordError, load
from .schema import schema_text
from .seal import record_problems, seal
from .validate import Problem, validate_answers

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


class _InvalidRecordError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exit code for usage errors is 2
        self.print_usage(sys.stderr)
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="infoshare",
        description="Check and render information sharing decision records. A record-keeping "
                    "aid, not legal advice.",
    )
    parser.add_argument("--version", action="version", version=f"infoshare {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)
    check = commands.add_parser("validate", help="check a record or draft file")
    check.add_argument("file", metavar="FILE")
    check.add_argument("--amends", metavar="EARLIER",
                       help="also check that FILE is an amendment of the sealed record EARLIER: "
                            "it names EARLIER's digest and says every answer it changed")
    render_cmd = commands.add_parser(
        "render", help="write a record as " + ", ".join(f.label for f in FORMATS))
    render_cmd.add_argument("file", metavar="FILE")
    render_cmd.add_argument("--format", choices=[f.key for f in FORMATS], required=True)
    render_cmd.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    commands.add_parser("schema", help="print the record's JSON Schema")
    commands.add_parser("example", help="print a complete example record")
    return parser


def _shown(name: str) -> str:
    """A file name fit for a one-line message: a name holding a line break or a
    terminal escape sequence is shown quoted, with those characters escaped."""
    return name if name.isprintable() else repr(name)


def _read(name: str) -> Loaded:
    path = Path(name)
    name = _shown(name)
    too_large = _UsageError(f"{name}: {TOO_LARGE}")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise too_large
        # Read no more than the limit allows: a device or a pipe (/dev/zero,
        # a FIFO) reports size 0 and may never end.
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise too_large
    except FileNotFoundError:
        raise _UsageError(f"{name}: No such file") from None
    except IsADirectoryError:
        raise _UsageError(f"{name}: Is a directory, not a file") from None
    except OSError as exc:
        raise _UsageError(f"{name}: Cannot read the file ({exc.strerror or exc})") from None
    try:
        return load(data)
    except RecordError as exc:
        if exc.invalid:
            raise _InvalidRecordError(exc.message) from None
        raise _UsageError(f"{name}: {exc.message}") from None


def _print_problems(problems: Sequence[Problem]) -> int:
    for p in problems:
        print(f"{p.field or 'record'}: {p.message}", file=sys.stderr)
    return EXIT_INVALID


def _validate(args: argparse.Namespace) -> int:
    loaded = _read(args.file)
    if loaded.record is not None:
        problems = record_problems(loaded.record)
    else:
        problems = validate_answers(loaded.answers, datetime.now().astimezone())
    if args.amends is not None:
        earlier = _read(args.amends).record
        if earlier is None or loaded.record is None:
            raise _UsageError("--amends: both files must be sealed records")
        problems += link_problems(earlier, loaded.record)
    if problems:
        return _print_problems(problems)
    kind = "sealed record" if loaded.record is not None else "draft"
    chained = f", an amendment of {_shown(args.amends)}" if args.amends is not None else ""
    _write(f"{_shown(args.file)}: valid {kind}{chained}\n")
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    loaded = _read(args.file)
    record = loaded.record
    if record is None:
        record, problems = seal(loaded.answers, datetime.now().astimezone())
        if record is None:
            return _print_problems(problems)
    else:
        problems = record_problems(record)
        if problems:
            return _print_problems(problems)
    text = render(record, args.format)
    if args.output is not None:
        if args.output == "":
            # Most likely an unset shell variable: not a request for stdout.
            raise _UsageError("-o: Enter the name of the file to write")
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise _UsageError(f"{_shown(args.output)}: Cannot write the file "
                              f"({exc.strerror or exc})") from None
    else:
        _write(text)
    return EXIT_OK


def _write(text: str) -> None:
    # Bytes, so a console whose encoding cannot show a typed name still gets the file intact.
    stdout = sys.stdout
    if stdout is None:  # started with standard output closed (">&-")
        raise _UsageError("Cannot write to standard output: it is closed")
    try:
        stdout.flush()
        stdout.buffer.write(text.encode("utf-8"))
        stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (as "| head -1" does). Point standard output
        # at the null device so Python's own flush at exit cannot fail again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        raise _UsageError("Cannot write to standard output: the pipe was closed before all "
                          "the output was read") from None
    except OSError as exc:
        raise _UsageError(f"Cannot write to standard output ({exc.strerror or exc})") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises, bar SystemExit from --help)."""
    try:
        args = _parser().parse_args(argv)
        if args.command == "validate":
            return _validate(args)
        if args.command == "render":
            return _render(args)
        if args.command == "schema":
            _write(schema_text())
            return EXIT_OK
        _write(canonical_json(example.record()))
        return EXIT_OK
    except _UsageError as exc:
        print(f"infoshare: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except _InvalidRecordError as exc:
        return _print_problems([Problem(None, str(exc))])
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 (a last resort: one line, never a traceback)
        print(f"infoshare: error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE
