"""The command line: a thin layer that parses options, calls the core, and hands the result to render.

`app` (the Typer app, and how a run ends) is in app.py; what commands share in options.py; the commands by group in
figures.py, sources.py and tools.py, registered on import. `run(argv, env)` runs one command line in-process.
"""

from . import figures, sources, tools  # noqa: F401 - importing them registers their commands
from .app import INTERNAL_ERROR, app, invoked_command, main, run

__all__ = ["INTERNAL_ERROR", "app", "invoked_command", "main", "run"]
