"""Writing an export file whole or not at all, and never over an existing file without --force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import UsageError


def check_target(path: Path, option: str, *, force: bool) -> None:
    """Refuse, before anything is printed, a target that is a folder, exists (without --force) or has no folder."""
    if path.is_dir():
        raise UsageError(option, f"'{path}' is a folder, not a file")
    if path.exists() and not force:
        raise UsageError(option, f"'{path}' exists; add --force to replace it")
    if not path.parent.is_dir():
        raise UsageError(option, f"no folder '{path.parent}' to write '{path.name}' in")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise UsageError(option, f"cannot write in the folder '{path.parent}': permission denied")


def _mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, text: str, option: str, *, force: bool) -> None:
    """Write text to a temporary file beside path, then move it into place in one step.

    Without force the move is a hard link, which fails if the file appeared in the meantime; where the file system
    has no hard links, an exclusive create reserves the name first.
    """
    check_target(path, option, force=force)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, _mode())
        if force:
            os.replace(temporary, path)
        else:
            _move_without_replacing(temporary, path)
    except FileExistsError:
        raise UsageError(option, f"'{path}' exists; add --force to replace it") from None
    except OSError as e:
        raise UsageError(option, f"cannot write '{path}': {e.strerror or e}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _move_without_replacing(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: reserve the name, then replace the empty reservation
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.replace(temporary, path)
