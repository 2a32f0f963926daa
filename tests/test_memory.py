"""numpy's huge pages, off while a table is scored (engine.batch.memory)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from engine.batch import memory


@pytest.fixture
def switch() -> Iterator[Callable[[bool], bool]]:
    """numpy's switch, with huge pages on to begin with and put back after."""
    found = memory._switch()
    assert found is not None  # every numpy this project supports has one
    before = found(True)
    yield found
    found(before)


def _now(switch: Callable[[bool], bool]) -> bool:
    state = switch(False)
    switch(state)
    return state


def test_threads_scoring_at_once_share_the_switch(switch: Callable[[bool], bool]) -> None:
    """The first in turns huge pages off, the last out puts back what the first
    found: one thread leaving must not turn them on under another still scoring,
    nor leave them off for the caller."""
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with memory.huge_pages_off():
            a_in.set()
            b_in.wait(30)  # a hang guard only
        a_out.set()

    def second() -> None:
        a_in.wait(30)
        with memory.huge_pages_off():
            b_in.set()
            a_out.wait(30)
            seen.append(_now(switch))  # the first has left: still off here

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert seen == [False]
    assert _now(switch) is True  # as the caller had it


def test_a_block_puts_back_what_it_found_even_on_an_error(switch: Callable[[bool], bool]) -> None:
    switch(False)
    with pytest.raises(ValueError), memory.huge_pages_off():
        raise ValueError
    assert _now(switch) is False  # off before: off after
    switch(True)
    with memory.huge_pages_off(), memory.huge_pages_off():
        assert _now(switch) is False
    assert _now(switch) is True


def test_a_worker_turns_them_off_for_good(switch: Callable[[bool], bool]) -> None:
    memory.no_huge_pages()
    assert _now(switch) is False
