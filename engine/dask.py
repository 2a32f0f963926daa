"""Scoring on Dask: a Dask DataFrame scored partition by partition, and the
clients that ``scorecard batch --dask`` uses. Needs the ``scale`` extra
(``pip install 'scorecard[scale]'``). See docs/en/scale.md.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base.i18n import _

if TYPE_CHECKING:
    from .spec.model import Spec


def score_dataframe(ddf: Any, spec: str | Path | Spec, *, missing: str = "error") -> Any:
    """A Dask DataFrame of results, one partition per partition of ``ddf``: the
    compiled spec (picklable) is mapped over the partitions, each scored as
    :func:`engine.score_table` scores a table. The columns are those of
    ``score_table`` (scores as ``Decimal`` objects); each result keeps its input
    row's index, and ``row`` counts within its partition (the header as row 1),
    which a row's error names (``partition 3:2:15``)."""
    from .api import _missing, _spec
    from .base.i18n import language

    loaded = _spec(spec)
    how = _missing(missing)
    meta = score_partition(ddf._meta, loaded, how)
    return ddf.map_partitions(score_partition, loaded, how, language(), meta=meta)


def score_partition(
    frame: Any,
    spec: Spec,
    missing: str = "error",
    lang: str = "",
    partition_info: dict[str, Any] | None = None,
) -> Any:
    """One pandas partition scored: a pandas DataFrame of results, indexed as the
    partition is; ``lang``: the language its rows' messages are in (a worker
    process speaks English until told). A row's error names its partition
    (``partition 3:2:15``; Dask gives ``partition_info``): rows count within it."""
    from .api import scored_table
    from .base.i18n import called_from, set_language
    from .batch.arrow import open_frame
    from .batch.tables import NA_TOKENS

    if lang:
        set_language(lang)
    name = type(frame).__name__
    if partition_info is not None and "number" in partition_info:
        name = _("partition {number}").format(number=partition_info["number"])
    with called_from("python"):
        table = open_frame(frame, spec, name)
    result = scored_table(spec, table, missing, NA_TOKENS, warn=False).to_pandas()
    if len(result) == len(frame):
        result.index = frame.index
    else:  # blank rows are skipped: index the rows that remain
        blank = frame.isna() | frame.astype(str).apply(lambda c: c.str.strip() == "")
        result.index = frame.index[~blank.all(axis=1)]
    return result


def client_for(address: str, workers: int) -> Any:
    """A Dask client: ``local`` starts a cluster of ``workers`` processes on this
    machine (closed with the client); otherwise the address of a running
    scheduler (``tcp://HOST:PORT``)."""
    try:
        import dask.distributed as distributed
    except ImportError:
        from .base.errors import UsageError

        raise UsageError(
            _("--dask needs dask.distributed: pip install 'scorecard[scale]'")
        ) from None

    def make(name: str, *args: Any, **kwargs: Any) -> Any:
        return getattr(distributed, name)(*args, **kwargs)

    if address == "local":
        cluster = make(
            "LocalCluster",
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: two batches at once do not clash
            # the workers' logs say nothing to the user and bring tracebacks: a
            # part's task cancelled as a batch stops on an error, or a worker's
            # heartbeat that finds the scheduler already closed on a busy machine.
            # What fails reaches the client, which says it in one line
            silence_logs=logging.CRITICAL,
        )
        client = make("Client", cluster)
        client._scorecard_cluster = cluster  # closed with the client
        return client
    try:
        return make("Client", address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as e:
        from .base.errors import UsageError

        raise UsageError(
            _(
                "--dask {address}: no Dask scheduler answers there ({problem}); give "
                "tcp://HOST:PORT of a running scheduler, or local"
            ).format(address=address, problem=str(e)[:80])
        ) from None


def close(client: Any) -> None:
    """Close the client, and the local cluster it started. A batch stopped by a
    part's error may close that cluster before the scheduler has dropped the
    data it still held: its log of the data lost as the workers leave says
    nothing to the user, and is not printed."""
    cluster = getattr(client, "_scorecard_cluster", None)
    client.close()
    if cluster is not None:
        log = logging.getLogger("distributed.scheduler")
        level = log.level
        log.setLevel(logging.CRITICAL)
        try:
            cluster.close()
        finally:
            log.setLevel(level)
