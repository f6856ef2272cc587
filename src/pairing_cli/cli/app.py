"""The Typer app and how a run goes: parse, call the command, turn every error into one line with its status.

The core (models, reports, render) is imported inside the commands, so that `--help` and `--version` do not pay
for building the pydantic models or importing Rich's tables. `run(argv, env)` is the whole program, in-process.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from typing import Annotated, Any, NoReturn

import typer
import typer.main

# Typer (from 0.29) vendors Click; its exceptions are what parsing raises.
from typer._click import core as click_core
from typer._click import exceptions as click_exceptions
from typer.core import TyperCommand, TyperGroup, TyperOption
from typer.models import CommandInfo

from .. import __version__
from ..data.vocabulary import Lang
from ..environment import Environment, current, using
from ..errors import ExitCode, OutputClosed, PairingError, QueryError, UsageError
from ..text import escape_controls

EXIT_STATUSES = (
    "Exit statuses: 0 success; 1 a data problem (a missing, unreadable, malformed or invalid dataset); "
    "2 a usage problem (an unknown command, option or figure id, a bad value, an export file that exists); "
    "130 interrupted (Ctrl-C; 143 SIGTERM, 129 SIGHUP)."
)
# The panels that group the commands in `pairing --help`.
FIGURES_PANEL = "Figures"
SOURCES_PANEL = "Sources and citations"
TOOLS_PANEL = "Tools"
OUTPUT_PANEL = "Output"


def _without_type_word(params: Sequence[click_core.Parameter]) -> None:
    """A flag takes no value, so --help shows no type after it (Typer's own would be `<bool>`)."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""


class PairingCommand(TyperCommand):
    """A command whose flags, --help among them, show no type word in its --help."""

    def get_params(self, ctx: click_core.Context) -> list[click_core.Parameter]:
        params = super().get_params(ctx)
        _without_type_word(params)
        return params


class PairingGroup(TyperGroup):
    """Runs the app and turns every error into one line on stderr with its documented exit status; its flags (the
    root's, completion's, --help) show no type word in --help."""

    def get_params(self, ctx: click_core.Context) -> list[click_core.Parameter]:
        params = super().get_params(ctx)
        _without_type_word(params)
        return params

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        """Click's entry (Typer's `app()`, click.testing): the run's exit status as SystemExit."""
        with using(current()):
            sys.exit(self.run(list(sys.argv[1:] if args is None else args), prog_name, complete_var, **extra))

    def invoke(self, ctx: click_core.Context) -> Any:
        """Run the command; a question the core could not answer is said with the option or argument that asked
        it (the core names its own parameter, `category`; only here is that `--category`)."""
        try:
            return super().invoke(ctx)
        except QueryError as e:
            command = self.get_command(ctx, ctx.invoked_subcommand or "")
            listed = f" ('pairing {e.listing}' lists them)" if e.listing else ""
            raise UsageError(_spelling(command, e.parameter), e.detail + listed) from None

    def run(self, argv: list[str], prog_name: str | None = None, complete_var: str | None = None, **extra: Any) -> int:
        """Run one command line in the current environment; the exit status, with every error said in one line."""
        env = current()
        _forget_protected()
        try:
            rv = super().main(
                args=argv, prog_name=prog_name or "pairing", complete_var=complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) else ExitCode.OK
            env.stdout.flush()  # a full disk or a closed stream shows here, not at exit
        except OutputClosed:
            code = _pipe_closed()
        except PairingError as e:
            _traceback_if_asked(argv)
            code = _fail(f"pairing: error: {e}", e.exit_code)
        except click_exceptions.NoArgsIsHelpError as e:
            env.stdout.write(e.format_message())  # `pairing` alone: the help, and a usage problem (2) said on stderr
            code = _fail("pairing: error: missing command (see 'pairing --help')", ExitCode.USAGE)
        except click_exceptions.UsageError as e:
            code = _fail(_usage_message(e), ExitCode.USAGE)
        except click_exceptions.ClickException as e:
            code = _fail(f"pairing: error: {e.format_message()}", e.exit_code)
        except (typer.Abort, KeyboardInterrupt):
            code = ExitCode.INTERRUPTED
        except BrokenPipeError:
            code = _pipe_closed()
        except SystemExit as e:  # Typer's own handling of a closed pipe exits 1; a closed reader is 0 here
            if not _closed_pipe(e):
                raise
            code = _pipe_closed()
        except OSError as e:  # stdout full or failing (`> /dev/full`): say so, and write nothing more
            env.discard("stdout")
            code = _fail(f"pairing: error: cannot write the output: {e.strerror or e}", ExitCode.DATA)
        except Exception as e:  # a bug: still one line, never a traceback (unless asked for)
            _traceback_if_asked(argv)
            code = _fail(f"pairing: {INTERNAL_ERROR}: {type(e).__name__}: {e}", ExitCode.DATA)
        return code


def _forget_protected() -> None:
    """The files an earlier run in this process read are its own: this run protects only those it reads."""
    if "pairing_cli.files" in sys.modules:
        sys.modules["pairing_cli.files"].PROTECTED.clear()


def _usage_message(e: click_exceptions.UsageError) -> str:
    """A usage problem in one line, with where to look: the command's --help, or where a global option goes."""
    command = e.ctx.command_path if e.ctx else "pairing"
    hint = f" (see '{command} --help')"
    # Typer checks a choice through pydantic, whose message starts 'Value error, ': the value is what matters.
    message = e.format_message().replace("Value error, ", "")
    misplaced = [o for o in ROOT_OPTIONS if f"No such option: {o}" in message and command != "pairing"]
    if misplaced:
        hint = f" ({misplaced[0]} is a global option: it goes before the command, 'pairing {misplaced[0]} ...')"
    return f"{command}: error: {message}{hint}"


def _closed_pipe(e: SystemExit) -> bool:
    """Whether Typer exited because the reader of stdout went away."""
    context = e.__context__
    return isinstance(context, OSError) and context.errno == errno.EPIPE


def _traceback_if_asked(argv: Sequence[str]) -> None:
    """With --debug, the traceback of the error being handled goes to stderr before its one line; the exit status
    stays the documented one."""
    if "--debug" in argv[: argv.index("--") if "--" in argv else len(argv)]:
        import traceback

        traceback.print_exc(file=current().stderr)


def _spelling(command: click_core.Command | None, parameter: str) -> str:
    """How a command's parameter is written on its command line: `--category`, or an argument's metavar `ID`."""
    for param in command.params if command is not None else []:
        if param.name == parameter:
            if isinstance(param, TyperOption):
                return max(param.opts, key=len)
            return (param.metavar or parameter.upper()).strip("[]")
    return parameter


# What a bug says of itself, in one line; the tests look for it, and it must never appear.
INTERNAL_ERROR = "internal error (a bug: please report it; --debug shows the traceback)"

# The most of a message a user sees: a megabyte argument quoted back in full helps no one.
MAX_MESSAGE = 600


def _warn(message: str) -> None:
    """One line on stderr; whatever the message quotes from input is shown escaped, never raw. With stderr closed
    or full the line is lost, never sent to stdout."""
    line = escape_controls(" ".join(message.split()))
    if len(line) > MAX_MESSAGE:
        line = line[: MAX_MESSAGE // 2] + " … " + line[-MAX_MESSAGE // 4 :]
    env = current()
    if env.stderr is None:
        return
    try:
        env.stderr.write(line + "\n")
        env.stderr.flush()
    except (OSError, ValueError):
        env.discard("stderr")


def _fail(message: str, code: int) -> int:
    _warn(message)
    return code


def _pipe_closed() -> int:
    """The reader went away (`pairing ... | head`): stop quietly, with nothing left to flush into the pipe."""
    current().discard("stdout")
    return ExitCode.OK


app = typer.Typer(
    cls=PairingGroup,
    name="pairing",
    help="Explore the public record of China's East–West pairing-up poverty-alleviation programs, source by source."
    "\n\n"
    "Every figure comes with its unit, its qualifier, its period, its scope and the source that printed it; "
    "'compare' shows where sources agree or differ, 'trend' how a figure moved. Datasets ship for Fujian–Ningxia (the "
    "default), other East–West pairings and the national record: --program picks one, 'pairing programs' lists them, "
    "'pairing across' lines one concept up across them; --data reads a dataset of your own.",
    epilog=EXIT_STATUSES,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},  # inherited by every command's context
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        current().stdout.write(f"pairing {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            help="Dataset to use instead of the shipped one (also $PAIRING_DATA).",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,  # a plain string: the dataset's own checks say what is wrong with it, as for $PAIRING_DATA (status 1)
    program: Annotated[
        str | None,
        typer.Option(
            "--program",
            help="A shipped program (default fujian-ningxia; also $PAIRING_PROGRAM; 'pairing programs' lists them).",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            show_default=False,
            help="Language for every command: en, or zh for Chinese (also $PAIRING_LANG); a command's own --lang wins.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Say nothing of the files written (no 'wrote FILE' lines).")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the Python traceback of an error.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Explore the cited public record of a pairing-up poverty-alleviation program."""
    ctx.obj = {
        "data": str(data) if data is not None else None,
        "program": program,
        "lang": lang,
        "quiet": quiet,
        "debug": debug,
    }


# Root options that take a value, so that the value is not mistaken for the command's name; and all of them.
ROOT_OPTIONS_WITH_VALUES = ("--data", "--program", "--lang")
ROOT_OPTIONS = ("--data", "--program", "--lang", "--quiet", "-q", "--debug", "--version")


def invoked_command(argv: Sequence[str]) -> str | None:
    """The command a call names (`pairing --data x.json summary --json` -> 'summary'), or None."""
    args = iter(argv)
    for arg in args:
        if arg in ROOT_OPTIONS_WITH_VALUES:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def _command_name(info: CommandInfo) -> str:
    callback = info.callback.__name__ if info.callback is not None else ""
    return info.name or callback.replace("_", "-")


def register_only(name: str | None, environ: Mapping[str, str]) -> None:
    """Keep only the named command registered, when it is one of ours (`run` puts the others back).

    Typer turns every registered command into a Click command at each start, which for eleven commands with their
    options costs more than a tenth of the start-up; a call names one command and needs only that one (Click's
    "lazy subcommands" idea). `pairing --help`, completion and an unknown name keep them all.
    """
    if name is None or environ.get("_PAIRING_COMPLETE"):
        return
    chosen = [info for info in app.registered_commands if _command_name(info) == name]
    if chosen:
        app.registered_commands = chosen


def _standard_streams(env: Environment) -> bool:
    """A standard stream closed before the start (`pairing summary >&-`) is opened on /dev/null: stderr so that an
    error is lost rather than sent to stdout; stdout so that the command can say it has nowhere to write. False
    when stdout is closed."""
    for fd, name in ((1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            env.discard(name)
            stream = open(fd, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
            setattr(sys, name, stream)
            setattr(env, name, stream)
            if fd == 1:
                return False
    return True


@contextmanager
def _third_party_streams(env: Environment) -> Iterator[None]:
    """Click and Typer write help and completions to sys.stdout: for an injected environment, that is its stdout."""
    if env.process:
        yield
        return
    with redirect_stdout(env.stdout), redirect_stderr(env.stderr):
        yield


# The widest terminal a table or the help is drawn for: COLUMNS=2147483648 would have Rich pad every line to it.
MAX_COLUMNS = 1000


def _bounded_columns(env: Environment) -> None:
    """COLUMNS beyond MAX_COLUMNS is taken as MAX_COLUMNS (for Typer's help too, which reads the process's own)."""
    text = env.environ.get("COLUMNS", "").strip()
    if not text.isdigit() or int(text) <= MAX_COLUMNS:
        return
    if env.process:
        os.environ["COLUMNS"] = str(MAX_COLUMNS)
    else:
        env.environ = {**env.environ, "COLUMNS": str(MAX_COLUMNS)}


# The Click group Typer builds for each set of registered commands: built once per process, as it depends on nothing
# but the commands (a run's environment, width and streams are read when it runs). A process that runs pairing more
# than once (the tests, a program using it in-process) pays for the build once, not at every run.
_GROUPS: dict[tuple[CommandInfo, ...], PairingGroup] = {}


def _group() -> PairingGroup:
    key = tuple(app.registered_commands)
    group = _GROUPS.get(key)
    if group is None:
        built = typer.main.get_command(app)
        assert isinstance(built, PairingGroup)
        group = _GROUPS[key] = built
    return group


def run(argv: Sequence[str], env: Environment | None = None) -> int:
    """The whole program: run `pairing argv...` in env (the process's own by default) and return the exit status.

    Tests pass an Environment of their own (streams, variables, terminal width and colour) and run every command
    in-process; the console script passes the process's.
    """
    env = env if env is not None else Environment.from_process()
    _bounded_columns(env)
    with using(env), _third_party_streams(env):
        if env.process and not _standard_streams(env):
            _warn("pairing: error: standard output is closed; nothing to write to")
            return ExitCode.DATA
        commands = app.registered_commands
        register_only(invoked_command(argv), env.environ)
        try:
            return _group().run(list(argv))
        except KeyboardInterrupt:  # Ctrl-C while the commands are being built
            return ExitCode.INTERRUPTED
        finally:
            app.registered_commands = commands


def main() -> NoReturn:
    """The `pairing` console script."""
    for stream in (sys.stdout, sys.stderr):
        # Where the output cannot show a character (PYTHONIOENCODING=ascii), write its escape (\u4fdd), not a crash
        # and not a '?' that would lose the text without a word.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    code = run(sys.argv[1:])
    # End here, without the interpreter's tear-down: the output is flushed and nothing is left to clean up, and a
    # signal that came during the tear-down would find Python's default handlers back (and no line said).
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)
