"""Memory for a batch's columns: numpy's transparent huge pages off while it runs.

numpy asks the kernel for huge pages (``madvise(MADV_HUGEPAGE)``) on every array
of 4 MB or more. A batch allocates such arrays by the dozen (a column of scores,
a result's decimals) and touches each once; on a virtual machine that returns
free memory to its host (free page reporting), a fault on a huge page then
stalls. Measured on one (2 cores, Linux 6.18, numpy 2.4): ``engine.score_table``
on 200,000 rows of spreadsheet forms, three times in one process, 8.3 s of CPU
(0.6 s of it system time) with huge pages off against 15.5 s (7.5 s) with them on,
medians of six alternating pairs; ``scorecard batch`` on the same table, 0.94× the
CPU (eight pairs). A batch reads its arrays in order, once, so huge pages save it
little anywhere.

The command line sets ``NUMPY_MADVISE_HUGEPAGE=0`` before numpy is imported
(:func:`engine.cli.main._process_settings`); the library, in someone else's
process, turns them off only while it scores a table (:func:`huge_pages_off`)
and puts back what it found; the workers of ``--jobs``, however they were
started, turn them off themselves (:func:`no_huge_pages`).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _switch() -> Callable[[bool], bool] | None:
    """numpy's switch of huge pages (it returns the setting it replaced), where
    this numpy has one (since 1.19; ``numpy._core`` since 2.0)."""
    for name in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        switch = getattr(module, "_set_madvise_hugepage", None)
        if callable(switch):
            return switch  # type: ignore[no-any-return]
    return None


#: the blocks within :func:`huge_pages_off` now (threads may score at once), and
#: the setting the first of them found
_held = 0
_found = True
_lock = threading.Lock()


@contextmanager
def huge_pages_off() -> Iterator[None]:
    """numpy's huge pages off within the block, then as they were. Blocks in several
    threads at once (Dask's threaded scheduler) share one switch: the first turns
    huge pages off, the last puts back what the first found."""
    global _held, _found
    switch = _switch()
    if switch is None:
        yield
        return
    with _lock:
        if _held == 0:
            _found = switch(False)
        _held += 1
    try:
        yield
    finally:
        with _lock:
            _held -= 1
            if _held == 0:
                switch(_found)


def no_huge_pages() -> None:
    """numpy's huge pages off for good, in a process scorecard owns (a worker of
    ``--jobs``: however it was started, it may have imported numpy afresh)."""
    switch = _switch()
    if switch is not None:
        switch(False)
