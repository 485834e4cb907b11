"""Work whose cost a hostile input controls runs here: in a child process with a memory limit and a
time limit per call, so that no record body or attachment can hang or exhaust ``check`` or
``build``.

Python-Markdown and pypdf are not linear on every input (a body of 100,000 ``[`` takes hours to
render; a 41 KB PDF whose 200 pages share one stream of 200,000 empty ``TJ`` operators takes hours
to read). The checker rejects the known shapes cheaply (GK208's nesting and bracket caps, the PDF
reader's content budget); this module is the bound for everything else: a call that runs past its
time is killed with its process, and the next call starts a fresh one.

One child serves many calls (it is started once per command, on first use), so the cost per call is
a round trip through a pipe.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import struct
import subprocess
import sys
import threading

MEMORY_LIMIT = 2 * 1024 ** 3
"""Address space of the child: ample for a 50 MB attachment, finite for a bomb."""
_HEADER = struct.Struct("!Q")
INSIDE = False
"""True in the sandbox process itself (work there needs no further sandbox)."""


class Timeout(Exception):
    """The call ran past its time limit; its process was killed."""


class Failed(Exception):
    """The call raised, ran out of memory, or its process died; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _read_exactly(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _write_frame(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _read_frame(fd: int) -> bytes:
    (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size))
    return _read_exactly(fd, size)


def _serve(memory: int) -> None:  # pragma: no cover - runs in the child process
    """The child: calls arrive on stdin, replies leave on the original stdout; anything the work
    itself prints goes to stderr."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass
    global INSIDE
    INSIDE = True
    sys.setrecursionlimit(4000)
    out = os.dup(1)
    os.dup2(2, 1)
    while True:
        try:
            fn, args = pickle.loads(_read_frame(0))
        except EOFError:
            return
        try:
            reply = ("ok", fn(*args))
        except RecursionError:
            reply = ("error", "嵌套层次过深")
        except MemoryError:
            reply = ("error", "内存不足")
        except Exception as exc:  # reported to the parent, which turns it into a finding
            reply = ("error", f"{type(exc).__name__}: {exc}"[:200])
        try:
            data = pickle.dumps(reply)
        except MemoryError:
            data = pickle.dumps(("error", "结果过大，内存不足"))
        _write_frame(out, data)


class Sandbox:
    """A child Python process that runs picklable module-level functions, one call at a time."""

    def __init__(self, memory: int = MEMORY_LIMIT) -> None:
        self.memory = memory
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def _start(self) -> None:
        code = f"from generator.sandbox import _serve; _serve({self.memory})"
        env = dict(os.environ)
        package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        env=env, close_fds=True)

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            for stream in (self.process.stdin, self.process.stdout):
                stream.close()
        self.process = None

    def run(self, seconds: float, fn, *args):
        """``fn(*args)`` in the child; raises :class:`Timeout` or :class:`Failed`."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self._stop()
                self._start()
            try:
                _write_frame(self.process.stdin.fileno(), pickle.dumps((fn, args)))
                ready, _, _ = select.select([self.process.stdout], [], [], seconds)
                if not ready:
                    self._stop()
                    raise Timeout()
                kind, value = pickle.loads(_read_frame(self.process.stdout.fileno()))
            except (EOFError, OSError, pickle.UnpicklingError):
                self._stop()
                raise Failed("处理进程异常退出（可能内存不足）") from None
            if kind == "error":
                raise Failed(value)
            return value

    def close(self) -> None:
        with self.lock:
            if self.process is not None and self.process.poll() is None:
                self.process.stdin.close()  # the child sees EOF and returns
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
            if self.process is not None:
                self.process.kill()
                self.process.wait(timeout=10)
                self.process.stdout.close()
            self.process = None


_shared: Sandbox | None = None
_owner = 0
_shared_lock = threading.Lock()


def shared() -> Sandbox:
    """The process's sandbox, started on first use and stopped at exit. A forked process (the
    build renders pages in shares) gets its own: the parent's child and pipes are left alone."""
    global _shared, _owner
    with _shared_lock:
        if _shared is None or _owner != os.getpid():
            _shared, _owner = Sandbox(), os.getpid()
            atexit.register(_shared.close)
        return _shared


def run(seconds: float, fn, *args):
    return shared().run(seconds, fn, *args)
