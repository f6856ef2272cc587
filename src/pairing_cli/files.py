"""Files: reading a dataset's bytes safely, and writing an export whole or not at all, never over an existing file
without --force."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import DataError, UsageError, WriteError
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


class Target(NamedTuple):
    """One file, or one folder of files, that a run writes: fill(temporary path) makes it whole beside path (a file,
    or, where `folder` names the files it holds, a folder filled with them)."""

    path: Path
    fill: Callable[[str], None]
    option: str
    folder: Collection[str] | None = None


def write_file_atomically(path: Path, fill: Callable[[str], None], option: str, *, force: bool) -> None:
    """Make a file with fill(temporary path) beside path, then move it into place in one step (as below); a signal
    that comes meanwhile ends the run once the file is in place or gone."""
    write_outputs([Target(path, fill, option)], force=force)


def write_files_atomically(files: Sequence[tuple[Path, Callable[[str], None], str]], *, force: bool) -> None:
    """Several files, all or none (write_outputs)."""
    write_outputs([Target(path, fill, option) for path, fill, option in files], force=force)


def write_outputs(outputs: Sequence[Target], *, force: bool) -> None:
    """A run's files and folders, all or none: the one mechanism every export goes through.

    Each target is checked; each is made whole beside its target; only when every one is whole are they moved into
    place, each in one step, an earlier file or folder kept aside meanwhile. On any failure (a full disk, a database
    error, a failed move) every target is as it was before the run and no temporary is left. A replaced file keeps
    its mode. A signal that comes meanwhile ends the run after this, with every file in place or every one back.
    """
    for o in outputs:
        if o.folder is None:
            check_target(o.path, o.option, force=force)
        else:
            check_folder_target(o.path, o.option, force=force, ours=o.folder)
    staged: list[tuple[str, Target]] = []
    placed: list[tuple[Target, Path | None]] = []  # each target moved into place, and where its earlier self is
    with held():
        try:
            for o in outputs:
                staged.append((_stage(o), o))
            for temporary, o in staged:
                placed.append((o, _place(temporary, o, force=force)))
        except BaseException:
            for o, kept in reversed(placed):
                with contextlib.suppress(OSError):  # each one that can be put back is; one that cannot stays kept
                    _take_back(o, kept)
            raise
        else:
            for _, kept in placed:
                if kept is not None:
                    _remove(kept.parent)
        finally:
            for temporary, _ in staged:
                _remove(Path(temporary))


def _remove(path: Path) -> None:
    """A temporary file or folder, gone; nothing said if it is already."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _stage(o: Target) -> str:
    """The output whole beside its target, under a temporary name; nothing of it is left if making it fails."""
    temporary = ""
    prefix = f".{o.path.name[:100]}."
    try:
        try:
            if o.folder is None:
                fd, temporary = tempfile.mkstemp(dir=o.path.parent, prefix=prefix, suffix=".tmp")
                os.close(fd)
            else:
                temporary = tempfile.mkdtemp(dir=o.path.parent, prefix=prefix, suffix=".tmp")
        except FileNotFoundError:
            if not o.path.parent.is_dir():
                raise
            # A folder that is there and makes no file (/proc, /sys) answers 'No such file': said as it is.
            raise WriteError(o.option, o.path, f"its folder '{o.path.parent}' takes no new files") from None
        o.fill(temporary)
        _keep_mode(o.path, Path(temporary), o.folder)
        return temporary
    except BaseException as e:
        if temporary:
            _remove(Path(temporary))
        if isinstance(e, OSError):  # checked, then failed while writing: a full disk, an I/O error (status 1)
            raise WriteError(o.option, o.path, e.strerror or str(e)) from None
        raise


def _keep_mode(target: Path, temporary: Path, folder: Collection[str] | None) -> None:
    """The mode the target has now (a file the user made private stays private), else the usual one."""
    try:
        earlier: int | None = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        earlier = None
    if folder is None:
        os.chmod(temporary, _mode() if earlier is None else earlier)
        return
    os.chmod(temporary, (0o777 & ~_umask()) if earlier is None else earlier)
    for name in folder:
        with contextlib.suppress(OSError):  # a file the earlier folder did not have keeps the usual mode
            os.chmod(temporary / name, stat.S_IMODE((target / name).stat().st_mode))


def _place(temporary: str, o: Target, *, force: bool) -> Path | None:
    """Move a whole output into place; an earlier one is kept aside (its path returned) until the run is over."""
    kept: Path | None = None
    try:
        if force and (o.path.exists() or o.path.is_symlink()):
            # A folder of our own beside the target, so that a long name needs no longer one.
            aside = Path(tempfile.mkdtemp(dir=o.path.parent, prefix=f".{o.path.name[:100]}.", suffix=".old"))
            kept = aside / "earlier"
            if o.folder is None:
                try:  # the target stays in place until the new file replaces it in one step
                    os.link(o.path, kept, follow_symlinks=False)
                except OSError:
                    os.rename(o.path, kept)
                os.replace(temporary, o.path)
            else:
                os.rename(o.path, kept)
                os.rename(temporary, o.path)
        elif o.folder is None:
            _move_without_replacing(temporary, o.path)
        else:
            os.rename(temporary, o.path)  # fails on a folder that appeared meanwhile
        return kept
    except FileExistsError:  # a file that appeared meanwhile (without --force): not ours to take away
        raise UsageError(o.option, f"'{o.path}' exists; add --force to replace it") from None
    except OSError as e:
        if kept is not None:
            with contextlib.suppress(OSError):
                _take_back(o, kept)
        raise WriteError(o.option, o.path, e.strerror or str(e)) from None


def _take_back(o: Target, kept: Path | None) -> None:
    """Undo _place: the earlier file or folder back in place, or the new one gone where there was none."""
    if kept is None:
        _remove(o.path)
        return
    if kept.exists() or kept.is_symlink():
        if o.folder is None and same_file(o.path, kept):
            pass  # the move never happened: the earlier file is still in place (kept is a second link to it)
        else:
            if o.folder is not None and o.path.exists():
                shutil.rmtree(o.path, ignore_errors=True)
            os.replace(kept, o.path)  # if this fails, the earlier file stays where it was kept, never removed
    shutil.rmtree(kept.parent, ignore_errors=True)


def check_folder_target(path: Path, option: str, *, force: bool, ours: Collection[str]) -> None:
    """A folder to write: new, or (with --force) a folder holding only the files this export writes."""
    try:
        _check_folder_target(path, option, force=force, ours=ours)
    except OSError as e:
        raise UsageError(option, f"cannot write '{path}': {e.strerror or e}") from None


def _check_folder_target(path: Path, option: str, *, force: bool, ours: Collection[str]) -> None:
    if str(path) == "-":  # elsewhere '-' means stdout; here it would quietly make a folder named '-'
        raise UsageError(option, "'-' is not a folder name here; name a folder")
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


def folder_output(path: Path, files: dict[str, str], option: str) -> Target:
    """A folder of text files (name -> text) to write with write_outputs."""

    def fill(temporary: str) -> None:
        for name, text in files.items():
            with (Path(temporary) / name).open("w", encoding="utf-8", newline="\n") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())

    return Target(path, fill, option, folder=list(files))


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


# Checked before reading: a dataset larger than this is refused rather than read into memory.
MAX_BYTES = 512 * 1024 * 1024


class ReadBudget:
    """The bytes a dataset read from several files (a data package's tables) may still take: MAX_BYTES in all,
    not each."""

    def __init__(self) -> None:
        self.left = MAX_BYTES


def read_bytes(path: Path, budget: ReadBudget | None = None) -> bytes:
    """The file's bytes, after checking that it is a readable regular file of a sane size (with a budget: of the
    bytes left in it, which it then takes). No export of this run may replace it."""
    name = str(path)
    if "\x00" in name:  # from a script (a command line cannot hold one); the OS takes no such name
        raise DataError(name.replace("\x00", "\\x00"), "is no file name: it holds a NUL character")
    protect(path)
    limit = MAX_BYTES if budget is None else budget.left
    too_large = f"datasets over {MAX_BYTES:,} bytes" + (" (all their files together)" if budget else "")
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataError(name, "no such file") from None
    except OSError as e:
        raise DataError(name, f"cannot read: {e.strerror or e}") from None
    if path.is_dir():
        raise DataError(name, "is a folder, not a dataset file")
    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):  # /dev/zero would be read to the size limit
        raise DataError(name, "is a device, not a dataset file (a pipe or a file is read; --data /dev/stdin works)")
    if info.st_size > limit:
        raise DataError(name, f"is {info.st_size:,} bytes; {too_large} are refused")
    try:
        raw = _read_at_most(path, limit + 1)
    except OSError as e:
        raise DataError(name, f"cannot read: {e.strerror or e}") from None
    if len(raw) > limit:
        raise DataError(name, f"is over {limit:,} bytes; {too_large} are refused")
    if budget is not None:
        budget.left -= len(raw)
    return raw


def _read_at_most(path: Path, limit: int) -> bytes:
    """Up to limit bytes. Opened without waiting, so that a FIFO nobody writes to reads as empty rather than
    hanging (a pipe with a writer, `--data /dev/stdin`, is then read as usual)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(fd, True)
        chunks = []
        size = 0
        while size < limit:
            chunk = os.read(fd, min(1 << 20, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
