"""The command line: validate, render, schema, example.

FILE is a regular file, or "-" for standard input (at most 5 MB is read);
anything else (a pipe, a socket, a device, a directory) is refused before it
is opened. Exit codes: 0 success; 1 the record has problems (each printed as
"field: message"; "record: ..." for the record as a whole, e.g. altered since
it was sealed); 2 a usage error (bad arguments, a file that is missing,
unreadable, not a record, or from a newer version). Errors are one line each
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from . import example
from ._version import __version__
from .amend import amendment_problems, descent_problems, link_problems
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
    check.add_argument("file", metavar="FILE", help="the file, or - for standard input")
    check.add_argument("--amends", metavar="EARLIER",
                       help="also check that FILE is an amendment of the sealed record EARLIER: "
                            "it names EARLIER's digest and says every answer it changed")
    check.add_argument("--against", metavar="EARLIER", action="append", default=[],
                       help="also check FILE against EARLIER, a copy of the same record or of "
                            "any earlier version of it kept elsewhere: every answer that differs "
                            "must be listed in an amendment since (may be given more than once)")
    render_cmd = commands.add_parser(
        "render", help="write a record as " + ", ".join(f.label for f in FORMATS))
    render_cmd.add_argument("file", metavar="FILE", help="the file, or - for standard input")
    render_cmd.add_argument("--format", choices=[f.key for f in FORMATS], required=True)
    render_cmd.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    commands.add_parser("schema", help="print the record's JSON Schema")
    commands.add_parser("example", help="print a complete example record")
    return parser


def _shown(name: str) -> str:
    """A file name fit for a one-line message: a name holding a line break or a
    terminal escape sequence is shown quoted, with those characters escaped."""
    return name if name.isprintable() else repr(name)


def _not_a_file(mode: int) -> str | None:
    """Why a file of this mode is refused, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "Is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "Is a pipe, not a file; to read standard input, give - as the file name"
    if stat.S_ISSOCK(mode):
        return "Is a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "Is a device, not a file"
    return "Is not a regular file"


def _read_bytes(name: str, shown: str) -> bytes:
    """At most MAX_BYTES + 1 bytes of a regular file, or of standard input for "-".

    Anything else (a pipe, a socket, a device such as /dev/zero, a directory)
    is refused before it is opened: opening a pipe waits for a writer, reading
    a device may never end, and opening some devices does something.
    """
    if name == "-":
        stdin = sys.stdin
        if stdin is None:  # started with standard input closed ("<&-")
            raise _UsageError("Cannot read standard input: it is closed")
        try:
            return stdin.buffer.read(MAX_BYTES + 1)
        except OSError as exc:
            raise _UsageError(f"Cannot read standard input ({exc.strerror or exc})") from None
    try:
        status = Path(name).stat()
        reason = _not_a_file(status.st_mode)
        if reason is not None:
            raise _UsageError(f"{shown}: {reason}")
        if status.st_size > MAX_BYTES:
            raise _UsageError(f"{shown}: {TOO_LARGE}")
        # Not blocking, and checked again once open, in case the name was
        # swapped for a pipe in between: the check and the read see one file.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            reason = _not_a_file(os.fstat(fd).st_mode)
            if reason is not None:
                raise _UsageError(f"{shown}: {reason}")
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _UsageError(f"{shown}: No such file") from None
    except OSError as exc:
        raise _UsageError(f"{shown}: Cannot read the file ({exc.strerror or exc})") from None


def _read(name: str) -> Loaded:
    shown = "standard input" if name == "-" else _shown(name)
    data = _read_bytes(name, shown)
    if len(data) > MAX_BYTES:
        raise _UsageError(f"{shown}: {TOO_LARGE}")
    try:
        return load(data)
    except RecordError as exc:
        if exc.invalid:
            raise _InvalidRecordError(exc.message) from None
        raise _UsageError(f"{shown}: {exc.message}") from None


def _print_problems(problems: Sequence[Problem]) -> int:
    for p in problems:
        print(f"{p.field or 'record'}: {p.message}", file=sys.stderr)
    return EXIT_INVALID


def _draft_problems(loaded: Loaded, now: datetime) -> list[Problem]:
    """A draft's problems: its answers, and for a draft of an amendment, the record it
    amends (as `validate` would find them in that record) and who is amending it and why."""
    problems = validate_answers(loaded.answers, now)
    if loaded.amends is not None:
        problems += [Problem(None, f"The record this draft amends: {p.message}")
                     for p in record_problems(loaded.amends, now)]
        problems += amendment_problems(loaded.amendment)
    return problems


def _earlier(name: str, option: str) -> Any:
    earlier = _read(name).record
    if earlier is None:
        raise _UsageError(f"{option}: both files must be sealed records")
    return earlier


def _validate(args: argparse.Namespace) -> int:
    loaded = _read(args.file)
    now = datetime.now().astimezone()
    if loaded.record is None:
        if args.amends is not None or args.against:
            option = "--amends" if args.amends is not None else "--against"
            raise _UsageError(f"{option}: both files must be sealed records")
        return _report(args, loaded, _draft_problems(loaded, now))
    problems = record_problems(loaded.record, now)
    if args.amends is not None:
        problems += link_problems(_earlier(args.amends, "--amends"), loaded.record)
    for name in args.against:
        problems += descent_problems(_earlier(name, "--against"), loaded.record)
    return _report(args, loaded, problems)


def _report(args: argparse.Namespace, loaded: Loaded, problems: list[Problem]) -> int:
    if problems:
        return _print_problems(problems)
    kind = "sealed record" if loaded.record is not None else (
        "draft of an amendment" if loaded.amends is not None else "draft")
    chained = f", an amendment of {_shown(args.amends)}" if args.amends is not None else ""
    chained += "".join(f", a later version of {_shown(name)}" for name in args.against)
    _write(f"{_shown(args.file)}: valid {kind}{chained}\n")
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    loaded = _read(args.file)
    record = loaded.record
    if record is None:
        # A draft of an amendment is sealed as the amendment it is, never as a second record.
        record, problems = seal(loaded.answers, datetime.now().astimezone(), loaded.amends,
                                loaded.amendment)
        if record is None:
            return _print_problems(problems)
    else:
        problems = record_problems(record, datetime.now().astimezone())
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
