"""The command line: validate, render, schema, example.

Exit codes: 0 success; 1 the record has problems (each printed as
"field: message"; "record: ..." for the record as a whole, e.g. altered since
it was sealed); 2 a usage error (bad arguments, a file that is missing,
unreadable, not a record, or from a newer version). Errors are one line each
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from . import example
from ._version import __version__
from .bridge import render_all
from .canonical import canonical_json
from .parse import MAX_BYTES, Loaded, RecordError, load
from .schema import schema_text
from .seal import record_problems, seal
from .validate import Problem, validate_answers

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


class _InvalidRecord(Exception):
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
    render = commands.add_parser("render", help="write a record as HTML, Markdown or JSON")
    render.add_argument("file", metavar="FILE")
    render.add_argument("--format", choices=("html", "md", "json"), required=True)
    render.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    commands.add_parser("schema", help="print the record's JSON Schema")
    commands.add_parser("example", help="print a complete example record")
    return parser


def _read(name: str) -> Loaded:
    path = Path(name)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _UsageError(f"{name}: The file is larger than {MAX_BYTES // (1024 * 1024)} MB, "
                              "so it cannot be a decision record")
        data = path.read_bytes()
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
            raise _InvalidRecord(exc.message) from None
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
    if problems:
        return _print_problems(problems)
    kind = "sealed record" if loaded.record is not None else "draft"
    print(f"{args.file}: valid {kind}")
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
    text = render_all(record)[args.format]
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise _UsageError(f"{args.output}: Cannot write the file "
                              f"({exc.strerror or exc})") from None
    else:
        _write(text)
    return EXIT_OK


def _write(text: str) -> None:
    # Bytes, so a console whose encoding cannot show a typed name still gets the file intact.
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


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
    except _InvalidRecord as exc:
        return _print_problems([Problem(None, str(exc))])
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a last resort: one line, never a traceback
        print(f"infoshare: error: unexpected {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE
