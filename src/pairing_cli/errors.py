"""The error types of pairing and the exit statuses they end with."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit statuses (README, `pairing --help`)."""

    OK = 0
    DATA = 1  # the dataset is missing, unreadable, malformed or invalid; a validation found problems
    USAGE = 2  # an unknown command or option, a bad value
    INTERRUPTED = 130  # Ctrl-C


class PairingError(Exception):
    """An error meant for the user: its message is one line, its exit status documented."""

    exit_code: ExitCode = ExitCode.DATA


class DataError(PairingError):
    """A dataset that cannot be found, read, parsed or validated."""

    exit_code = ExitCode.DATA

    def __init__(self, path: str, message: str, location: str | None = None) -> None:
        self.path = path
        self.location = location
        self.detail = message
        where = f"{path}: {location}" if location else path
        super().__init__(f"{where}: {message}")


class QueryError(PairingError):
    """A question the dataset cannot answer: an unknown category, source, figure or measure, an empty search.

    `parameter` names the core function's parameter that holds the bad value (`category`, `figure_id`); the CLI,
    which alone knows how each parameter is spelled on the command line, says which option or argument that is.
    """

    exit_code = ExitCode.USAGE

    def __init__(self, parameter: str, message: str, listing: str | None = None) -> None:
        self.parameter = parameter
        self.detail = message
        # What lists the valid values ('measures'): the CLI names the command that shows them.
        self.listing = listing
        super().__init__(f"{parameter}: {message}")


class UsageError(PairingError):
    """A bad value on the command line; `option` names it."""

    exit_code = ExitCode.USAGE

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(f"invalid value for {option}: {message}")


class EncodingError(PairingError):
    """Output that a program reads byte for byte (CSV, Markdown, a citation) holds a character stdout's encoding
    cannot: refused before anything is written, not changed into escapes (a usage problem: the encoding is chosen)."""

    exit_code = ExitCode.USAGE

    def __init__(self, encoding: str, instead: str = "--json") -> None:
        super().__init__(
            f"standard output's encoding ({encoding}) cannot hold this output; "
            f"set PYTHONIOENCODING=utf-8 (or PYTHONUTF8=1), or use {instead}"
        )


class WriteError(PairingError):
    """A file that was fine to write could not be written (a full disk, an I/O error): the output, not the usage."""

    exit_code = ExitCode.DATA

    def __init__(self, option: str, path: object, reason: str) -> None:
        super().__init__(f"{option}: cannot write '{path}': {reason}")


class OutputClosed(PairingError):
    """The reader of stdout went away (`pairing ... | head`): not an error; the command ends quietly."""

    exit_code = ExitCode.OK
