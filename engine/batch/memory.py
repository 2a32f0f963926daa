"""Memory for a batch's columns: numpy's transparent huge pages off while it runs.

numpy asks the kernel for huge pages (``madvise(MADV_HUGEPAGE)``) on every array
of 4 MB or more. A batch allocates such arrays by the dozen (a column of scores,
a result's decimals) and touches each once; on a virtual machine that returns
free memory to its host (free page reporting), a fault on a huge page then
stalls. Measured on one (2 cores, Linux 6.18, numpy 2.4): ``engine.score_table``
on 200,000 rows of spreadsheet forms, run twice in one process, 2.5 s of CPU with
huge pages off against 3.3 to 4.8 s with them on. A batch reads its arrays in
order, once, so huge pages save it little anywhere.

The command line sets ``NUMPY_MADVISE_HUGEPAGE=0`` before numpy is imported
(:func:`engine.cli.main._process_settings`); the library, in someone else's
process, turns them off only while it scores a table (:func:`huge_pages_off`)
and puts back what it found.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _switch() -> Callable[[bool], bool] | None:
    """numpy's switch of huge pages (it returns the setting it replaced), where
    this numpy has one (since 1.20; ``numpy._core`` since 2.0)."""
    for name in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        switch = getattr(module, "_set_madvise_hugepage", None)
        if callable(switch):
            return switch  # type: ignore[no-any-return]
    return None


@contextmanager
def huge_pages_off() -> Iterator[None]:
    """numpy's huge pages off within the block, then as they were."""
    switch = _switch()
    if switch is None:
        yield
        return
    before = switch(False)
    try:
        yield
    finally:
        switch(before)
