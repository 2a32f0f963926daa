"""Writing results: to stdout, or atomically to a file (temporary file, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO

from .errors import UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is either complete or absent."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"{path}: is a directory; give a file name for -o")
    if not folder.is_dir():
        what = (
            f"{folder} is a file, not a folder"
            if folder.exists()
            else f"folder {folder} does not exist"
        )
        raise UsageError(f"{path}: {what}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise UsageError(f"{path}: cannot write here ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; follow the umask instead
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot write ({e.strerror or e})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class AtomicWriter:
    """A file written in pieces that appears whole, or not at all: the pieces go to
    a temporary file beside the target, renamed over it only on success."""

    def __init__(self, path: str):
        self.path = path
        self.tmp: str | None = None
        self.fh: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        target = Path(self.path)
        folder = target.parent if str(target.parent) else Path(".")
        if target.is_dir():
            raise UsageError(f"{self.path}: is a directory; give a file name for -o")
        if not folder.is_dir():
            what = (
                f"{folder} is a file, not a folder"
                if folder.exists()
                else f"folder {folder} does not exist"
            )
            raise UsageError(f"{self.path}: {what}")
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        except OSError as e:
            raise UsageError(f"{self.path}: cannot write here ({e.strerror or e})") from None
        self.fh = os.fdopen(fd, "wb")
        return self.fh

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        assert self.fh is not None and self.tmp is not None
        self.fh.close()
        if kind is not None:
            Path(self.tmp).unlink(missing_ok=True)
            return
        try:
            os.chmod(self.tmp, 0o666 & ~_umask())
            os.replace(self.tmp, self.path)
        except OSError as e:
            Path(self.tmp).unlink(missing_ok=True)
            raise UsageError(f"{self.path}: cannot write ({e.strerror or e})") from None
