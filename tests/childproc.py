"""Reading a child process's output in tests without ever hanging: a reader thread moves lines into
a queue, and every wait has a deadline (``readline()`` on a pipe blocks, so a timeout checked
between reads never fires when the child goes quiet)."""

from __future__ import annotations

import queue
import re
import subprocess
import threading
import time


class Output:
    """Lines a child writes to ``stream``, waited for with real timeouts."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream) -> None:
        try:
            for line in iter(stream.readline, ""):
                self._queue.put(line)
        except (OSError, ValueError):
            pass
        finally:
            self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float = 120) -> re.Match:
        """The first new line matching ``pattern``; AssertionError (with what was seen) after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                raise AssertionError(f"the process ended before a line matching {pattern!r}:\n{''.join(self.lines)}")
            self.lines.append(line)
            m = re.search(pattern, line)
            if m:
                return m
        raise AssertionError(f"no line matching {pattern!r} within {timeout} s:\n{''.join(self.lines[-40:])}")


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """Terminate ``proc`` and wait (bounded); kill it if it does not end."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)
