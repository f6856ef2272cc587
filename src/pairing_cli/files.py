"""Writing an export file whole or not at all, and never over an existing file without --force."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from .errors import PairingError, UsageError, WriteError
from .interrupts import held

# The files this run has read a dataset from (a data package's tables too): no export replaces them, --force or
# not. Filled as they are read (dataset.read_bytes, package.read), emptied by the CLI at each run's start.
PROTECTED: set[Path] = set()


def protect(path: Path) -> None:
    """Never replace path (a file being read) in this run; through any spelling of it or a symlink to it."""
    with contextlib.suppress(OSError, RuntimeError):  # a symlink loop: nothing there to protect
        PROTECTED.add(path.resolve())


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same spelling once '..' and symlinks are resolved, or one file by two
    hard links."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_target(path: Path, option: str, *, force: bool) -> None:
    """Refuse, before anything is printed, a target that is a folder, exists (without --force), is anything but a
    regular file (a device, a FIFO, a socket: never replaced, even with --force) or has no folder."""
    try:
        _check_target(path, option, force=force)
    except OSError as e:  # a name too long, a path through a file: the system's own words
        raise UsageError(option, f"cannot write '{path}': {e.strerror or e}") from None
    except RuntimeError:  # pathlib's word for a symlink that leads back to itself
        raise UsageError(option, f"cannot write '{path}': a symlink loop") from None


def _check_target(path: Path, option: str, *, force: bool) -> None:
    if str(path) == "-":  # elsewhere '-' means stdout; here it would quietly make a file named '-'
        raise UsageError(option, "'-' is not a file name here (stdout has the command's own output); name a file")
    if path.is_dir() or path.name in ("", ".", ".."):
        raise UsageError(option, f"'{path}' is a folder, not a file")
    if path.resolve() in PROTECTED:  # also when it does not exist yet: a dataset read and deleted meanwhile
        raise UsageError(option, f"'{path}' is the dataset being read; it is never replaced")
    if path.exists() or path.is_symlink():
        if not force:
            raise UsageError(option, f"'{path}' exists; add --force to replace it")
        if not stat.S_ISREG(path.lstat().st_mode):
            raise UsageError(option, f"'{path}' is not a regular file; only a regular file is ever replaced")
    if not path.parent.is_dir():
        raise UsageError(option, f"no folder '{path.parent}' to write '{path.name}' in")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise UsageError(option, f"cannot write in the folder '{path.parent}': permission denied")


def _mode() -> int:
    return 0o666 & ~_umask()


def write_file_atomically(path: Path, fill: Callable[[str], None], option: str, *, force: bool) -> None:
    """Make a file with fill(temporary path) beside path, then move it into place in one step (as below); a signal
    that comes meanwhile ends the run once the file is in place or gone."""
    write_files_atomically([(path, fill, option)], force=force)


def write_files_atomically(files: Sequence[tuple[Path, Callable[[str], None], str]], *, force: bool) -> None:
    """Several files, all or none: each is checked, then each is made beside its target (fill(temporary path)),
    and only when every one is whole are they moved into place, each in one step. A failure while making them (a
    full disk) replaces nothing; a file that was new is taken back if a later move fails."""
    for path, _, option in files:
        check_target(path, option, force=force)
    staged: list[tuple[str, Path, str]] = []
    moved: list[Path] = []
    with held():
        try:
            for path, fill, option in files:
                staged.append((_stage(path, fill, option), path, option))
            for temporary, path, option in staged:
                existed = path.exists()
                _move_into_place(temporary, path, option, force=force)
                if not existed:
                    moved.append(path)
        except PairingError:
            for path in moved:
                path.unlink(missing_ok=True)
            raise
        finally:
            for temporary, _, _ in staged:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)


def _stage(path: Path, fill: Callable[[str], None], option: str) -> str:
    """A whole file beside path, under a temporary name; nothing of it is left if making it fails."""
    temporary = ""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp")
        os.close(fd)
        fill(temporary)
        os.chmod(temporary, _mode())
        return temporary
    except OSError as e:  # checked, then failed while writing: a full disk, an I/O error (status 1)
        if temporary:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        raise WriteError(option, path, e.strerror or str(e)) from None


def _move_into_place(temporary: str, path: Path, option: str, *, force: bool) -> None:
    try:
        if force:
            os.replace(temporary, path)
        else:
            _move_without_replacing(temporary, path)
    except FileExistsError:
        raise UsageError(option, f"'{path}' exists; add --force to replace it") from None
    except OSError as e:
        raise WriteError(option, path, e.strerror or str(e)) from None


def check_folder_target(path: Path, option: str, *, force: bool, ours: Collection[str]) -> None:
    """A folder to write: new, or (with --force) a folder holding only the files this export writes."""
    try:
        _check_folder_target(path, option, force=force, ours=ours)
    except OSError as e:
        raise UsageError(option, f"cannot write '{path}': {e.strerror or e}") from None


def _check_folder_target(path: Path, option: str, *, force: bool, ours: Collection[str]) -> None:
    if path.exists() or path.is_symlink():
        if not path.is_dir() or path.is_symlink():
            raise UsageError(option, f"'{path}' exists and is not a folder")
        if not force:
            raise UsageError(option, f"'{path}' exists; add --force to replace it")
        # Only the export's own files, as files: a user's symlink named like one of them is not ours to remove.
        others = sorted(p.name for p in path.iterdir() if p.name not in ours or p.is_symlink() or not p.is_file())
        if any(p.parent == path.resolve() for p in PROTECTED):
            raise UsageError(option, f"'{path}' holds the dataset being read; it is never replaced")
        if others:
            raise UsageError(option, f"'{path}' holds '{others[0]}', which this export did not write; not replaced")
    if not path.parent.is_dir():
        raise UsageError(option, f"no folder '{path.parent}' to write '{path.name}' in")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise UsageError(option, f"cannot write in the folder '{path.parent}': permission denied")


def write_folder_atomically(path: Path, files: dict[str, str], option: str, *, force: bool) -> None:
    """Write every file into a new folder beside path, then move the folder into place: all of it or nothing (a
    signal that comes meanwhile ends the run once the folder is in place, or gone and the earlier one back)."""
    check_folder_target(path, option, force=force, ours=files)
    with held():
        _write_folder(path, files, option)


def _write_folder(path: Path, files: dict[str, str], option: str) -> None:
    try:
        temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp"))
    except OSError as e:
        raise WriteError(option, path, e.strerror or str(e)) from None
    old: Path | None = None
    try:
        for name, text in files.items():
            with (temporary / name).open("w", encoding="utf-8", newline="\n") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
        temporary.chmod(0o777 & ~_umask())
        if path.exists():
            old = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old"))
            os.replace(path, old / path.name)
        os.rename(temporary, path)
    except OSError as e:
        if old is not None and not path.exists():  # put the previous export back
            os.replace(old / path.name, path)
        raise WriteError(option, path, e.strerror or str(e)) from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_atomically(path: Path, text: str, option: str, *, force: bool) -> None:
    """Write text to a temporary file beside path, then move it into place in one step.

    Without force the move is a hard link, which fails if the file appeared in the meantime; where the file system
    has no hard links, an exclusive create reserves the name first.
    """

    write_file_atomically(path, filled_with(text.encode("utf-8")), option, force=force)


def filled_with(data: bytes) -> Callable[[str], None]:
    """A fill for the writers above: data written to the temporary file and flushed to the disk."""

    def fill(temporary: str) -> None:
        with open(temporary, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())

    return fill


def _move_without_replacing(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: reserve the name, then replace the empty reservation
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.replace(temporary, path)
