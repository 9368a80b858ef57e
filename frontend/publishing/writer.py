"""Files inside a build directory, each written atomically: a temporary file, then a rename."""

import os
import shutil
import tempfile
from pathlib import Path


class UnsafePath(ValueError):
    pass


def resolve(root, relative):
    """The absolute path of `relative` inside `root`; refuses anything that escapes it."""
    root = Path(root)
    target = (root / relative.lstrip("/")).resolve()
    if target != root.resolve() and root.resolve() not in target.parents:
        raise UnsafePath(f"{relative!r} is outside the build directory")
    return target


def write_bytes(root, relative, content, *, skip_unchanged=True):
    """Write `content` to `root/relative` so a reader sees either the old or the new file.

    Returns False when `skip_unchanged` and the file already holds these bytes: its
    modification time (and so its ETag) only moves when its content does, and a publish
    applied twice touches nothing.
    """
    target = resolve(root, relative)
    if skip_unchanged and target.is_file():
        try:
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                return False
        except OSError:
            pass
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix="~")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with _suppress_missing():
            os.unlink(tmp)
        raise
    return True


def write_text(root, relative, text, **kwargs):
    return write_bytes(root, relative, text.encode("utf-8"), **kwargs)


def remove(root, relative):
    """Remove a file and then any directories it leaves empty, up to the root."""
    target = resolve(root, relative)
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    root = Path(root).resolve()
    parent = target.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent
    return True


def link_or_copy(source, root, relative):
    """Put a media or document file into the build: a hard link where possible, else a copy."""
    target = resolve(root, relative)
    if target.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix="~")
        os.close(fd)
        shutil.copy2(source, tmp)
        os.replace(tmp, target)
    return True


class _suppress_missing:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        return exc_type is not None and issubclass(exc_type, FileNotFoundError)


def remove_temporary_files(root):
    """Remove the temporary files a killed writer left behind; returns how many."""
    removed = 0
    for path in Path(root).rglob(".tmp-*~"):
        with _suppress_missing():
            path.unlink()
            removed += 1
    return removed
