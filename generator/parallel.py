"""Both cores: a step split into shares, each share in a forked process.

Forking means the shares inherit everything the parent built (the public view, the page plan)
without pickling it; only each share's result travels back. A share must write disjoint files and
produce exactly what the serial step would (tests/test_build_speed.py compares the outputs).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable

PARALLEL_FROM = 400
"""Units (pages) from which a step is split: below it, forking costs more than it saves."""

_JOB: tuple[Callable[..., Any], tuple] | None = None


def workers(units: int) -> int:
    """How many processes: GONGKAI_WORKERS if set (1 = serial), else one per usable core."""
    wanted = os.environ.get("GONGKAI_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    if units < PARALLEL_FROM or sys.platform == "win32":
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, 8))


def _run(share: int, of: int) -> Any:
    assert _JOB is not None
    fn, args = _JOB
    return fn(share, of, *args)


def in_shares(fn: Callable[..., Any], of: int, *args: Any) -> list[Any]:
    """``[fn(k, of, *args) for k in range(of)]``, each call in its own forked process (in this
    process when ``of`` is 1). Exceptions are raised here, as the serial call would."""
    global _JOB
    if of <= 1:
        return [fn(0, 1, *args)]
    _JOB = (fn, args)
    try:
        with ProcessPoolExecutor(of, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run, k, of) for k in range(of)]
            return [f.result() for f in futures]
    finally:
        _JOB = None


class Removal:
    """A directory tree being removed by another process while this one goes on (``join`` waits
    for it): unlinking thousands of files is system time that a thread would share with this
    process's interpreter lock."""

    def __init__(self, path) -> None:
        if sys.platform == "win32":
            self._worker = threading.Thread(target=shutil.rmtree, args=(path,), kwargs={"ignore_errors": True})
        else:
            self._worker = multiprocessing.get_context("fork").Process(
                target=shutil.rmtree, args=(path,), kwargs={"ignore_errors": True})
        self._worker.start()

    def join(self, timeout: float = 600.0) -> None:
        self._worker.join(timeout)
