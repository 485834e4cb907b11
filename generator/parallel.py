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


class Forked:
    """``fn(*args)`` run by a forked process while this one goes on (``result`` waits for it and
    raises here what it raised), or at once in this process when ``inline``. Forking means ``fn``
    sees everything this process built without pickling it; only its result travels back. Fork
    before starting threads: a forked child holds only the thread that forked."""

    def __init__(self, fn: Callable[..., Any], *args: Any, inline: bool = False) -> None:
        self._process = None
        if inline or sys.platform == "win32":
            try:
                self._outcome: tuple[bool, Any] = (True, fn(*args))
            except Exception as exc:  # raised by result(), where the forked call's would be
                self._outcome = (False, exc)
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_send_outcome, args=(writer, fn, args))
        self._process.start()
        writer.close()

    def result(self, timeout: float = 3600.0) -> Any:
        if self._process is not None:
            if not self._reader.poll(timeout):
                self.close()
                raise TimeoutError(f"后台任务 {timeout:.0f} 秒内未完成")
            try:
                self._outcome = self._reader.recv()
            except EOFError:  # it ended without a word
                self._process.join(60)
                self._outcome = (False, RuntimeError(f"后台任务异常退出（退出码 {self._process.exitcode}）"))
            except Exception as exc:  # an outcome that does not unpickle here
                self._outcome = (False, RuntimeError(f"后台任务的结果无法读取：{exc}"))
            finally:
                self.close()
        ok, value = self._outcome
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the process if it still runs (the build failed elsewhere) and reap it."""
        if self._process is None:
            return
        if self._process.is_alive():
            self._process.join(0.1)
        if self._process.is_alive():
            self._process.kill()
        self._process.join(60)
        self._reader.close()
        self._process = None


def _send_outcome(writer, fn: Callable[..., Any], args: tuple) -> None:
    try:
        outcome = (True, fn(*args))
    except Exception as exc:  # raised by the parent's result(); an exit ends the child unsent (an error there too)
        outcome = (False, exc)
    try:
        writer.send(outcome)
    except Exception:  # an exception that does not pickle still reaches the parent, as text
        writer.send((False, RuntimeError(str(outcome[1]))))
    writer.close()


class Removal:
    """A directory tree being removed by another process while this one goes on (``join`` waits
    for it): unlinking thousands of files is system time that a thread would share with this
    process's interpreter lock."""

    def __init__(self, path) -> None:
        self._work = Forked(shutil.rmtree, path, True)

    def join(self, timeout: float = 600.0) -> None:
        self._work.result(timeout)
