"""pairing: the public record of a pairing-up poverty-alleviation program, from a terminal or from Python.

    from pairing_cli import load
    data = load()
    data.compare("schools")

The names below are the stable Python interface (see pairing_cli.api); they are imported when first used, so that
`import pairing_cli` stays as cheap as the CLI's start-up needs.
"""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing, which would double this import's cost
__version__ = "0.1.0"
__all__ = ["DataError", "Pairing", "QueryError", "__version__", "load", "programs"]

if TYPE_CHECKING:
    from .api import Pairing, load, programs
    from .errors import DataError, QueryError


def __getattr__(name: str) -> object:
    if name in ("load", "Pairing", "programs"):
        from . import api

        return getattr(api, name)
    if name in ("DataError", "QueryError"):
        from . import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'pairing_cli' has no attribute {name!r}")
