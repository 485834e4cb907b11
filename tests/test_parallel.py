"""``parallel.Forked``: a step run by a forked process gives back its result or raises its
exception in the build, as the call in the same process would; it never hangs the build."""

from __future__ import annotations

import os
import time

import pytest

from generator.parallel import Forked


def double(n: int) -> int:
    return 2 * n


def refuse(reason: str) -> None:
    raise ValueError(reason)


def die() -> None:
    os._exit(3)


@pytest.mark.parametrize("inline", [False, True])
def test_result_and_exception_come_back(inline):
    assert Forked(double, 21, inline=inline).result(timeout=60) == 42
    with pytest.raises(ValueError, match="不能发布"):
        Forked(refuse, "不能发布", inline=inline).result(timeout=60)


def test_a_process_that_dies_is_an_error():
    with pytest.raises(RuntimeError, match="退出码 3"):
        Forked(die).result(timeout=60)


def test_a_process_that_takes_too_long_is_stopped():
    work = Forked(time.sleep, 60)
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        work.result(timeout=0.5)
    assert time.monotonic() - start < 30
    work.close()  # already reaped: closing again is harmless


def leave() -> None:
    raise SystemExit(4)


def test_a_process_that_exits_is_an_error():
    with pytest.raises(RuntimeError, match="退出码 4"):
        Forked(leave).result(timeout=60)
