"""A pool of worker processes for table shards that is safe under every start method.

Each worker is a fresh interpreter started as ``python -m mathref.tables.workers``
(never a fork, and never a re-import of the caller's ``__main__``, so a script
without an ``if __name__ == "__main__"`` guard is fine).  Tasks and results
travel as length-prefixed pickles over the worker's stdin and stdout; a worker
finds the table kind by its registered name.  One thread per worker feeds it,
so results come back in completion order and the caller puts them in shard
order.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator

__all__ = ["WorkerPool"]

_HEADER = struct.Struct("<Q")


def _send(fh, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    fh.write(_HEADER.pack(len(data)) + data)
    fh.flush()


def _receive(fh):
    head = fh.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("the worker closed its pipe")
    (size,) = _HEADER.unpack(head)
    return pickle.loads(fh.read(size))


class WorkerPool:
    """``jobs`` worker interpreters that run ``function(*arguments)`` tasks.

    ``function`` must be importable by module and name.  Use as a context
    manager; :meth:`run` yields ``(tag, result)`` pairs as tasks finish and
    re-raises the first worker error.

    Examples
    --------
    >>> with WorkerPool(1) as pool:
    ...     list(pool.run([("a", "math", "factorial", (5,))]))
    [('a', 120)]
    """

    def __init__(self, jobs: int) -> None:
        if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= 4096:
            from mathref.errors import InvalidArgumentError

            raise InvalidArgumentError(f"jobs={jobs!r} must be an integer between 1 and 4096")
        self.jobs = jobs
        self.procs: list[subprocess.Popen] = []

    def __enter__(self):
        env = dict(os.environ)
        for _ in range(self.jobs):
            self.procs.append(subprocess.Popen([sys.executable, "-m", "mathref.tables.workers"], stdin=subprocess.PIPE,
                                               stdout=subprocess.PIPE, env=env))
        return self

    def __exit__(self, *exc) -> None:
        for proc in self.procs:
            try:
                proc.stdin.close()
            except OSError:
                pass
        for proc in self.procs:
            if exc[0] is not None:
                proc.kill()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # pragma: no cover
                proc.kill()
                proc.wait()

    def run(self, tasks: Iterable[tuple[object, str, str, tuple]]) -> Iterator[tuple[object, object]]:
        """Run ``(tag, module, function name, arguments)`` tasks; yield ``(tag, result)`` as they finish."""
        todo: queue.Queue = queue.Queue()
        for task in tasks:
            todo.put(task)
        pending = todo.qsize()  # before any worker takes a task
        results: queue.Queue = queue.Queue()
        stop = threading.Event()

        def feed(proc):
            while not stop.is_set():
                try:
                    tag, module, name, arguments = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    _send(proc.stdin, (module, name, arguments))
                    ok, value = _receive(proc.stdout)
                except (OSError, EOFError) as exc:
                    ok, value = False, RuntimeError(f"a table worker died ({exc})")
                results.put((ok, tag, value))
                if not ok:
                    return

        threads = [threading.Thread(target=feed, args=(p,), daemon=True) for p in self.procs]
        for t in threads:
            t.start()
        try:
            while pending:
                ok, tag, value = results.get()
                pending -= 1
                if not ok:
                    raise value
                yield tag, value
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=0.1)


def _serve() -> None:  # pragma: no cover - runs in the worker interpreters
    import importlib

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything a task prints must not corrupt the result pipe
    while True:
        try:
            module, name, arguments = _receive(stdin)
        except EOFError:
            return
        try:
            result = (True, getattr(importlib.import_module(module), name)(*arguments))
        except BaseException as exc:  # the caller re-raises it
            result = (False, exc)
        try:
            _send(stdout, result)
        except Exception as exc:  # a result or error that does not pickle: say so instead of dying
            _send(stdout, (False, RuntimeError(f"table worker: {name} returned something unpicklable ({exc})")))


if __name__ == "__main__":  # pragma: no cover
    _serve()
