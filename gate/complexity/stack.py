"""A deep stack for deep but valid files: one call on a thread of its own.

Generated Python (a table of nested literals holding a long sum) is valid, and
radon analyses it in a fraction of a second, but its syntax tree is deeper than
Python's default recursion limit (1,000 frames) allows: ``ast.parse`` and radon's
visitor raise RecursionError. Raising the limit on the main thread would trade
that error for a crash (its C stack is a few MiB), so the retry runs on a thread
created with a large stack, under a deeper but bounded limit. What is too deep
even then stays "not analysed".
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# 512 MiB of address space (only the pages used are ever committed) for 100,000
# frames: about 5 KiB a frame, several times what ast.parse and radon use.
STACK_BYTES = 512 * 2**20
RECURSION_LIMIT = 100_000
_LOCK = threading.Lock()  # the recursion limit is the interpreter's, not the thread's


def deep(call: Callable[[], T]) -> T:
    """``call()`` on a thread with a large stack and a deeper recursion limit.

    Exceptions ``call`` raises (RecursionError when even this is too shallow)
    are raised here.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the caller's thread, raised there
            failure.append(exc)

    with _LOCK:
        old_limit, old_size = sys.getrecursionlimit(), threading.stack_size()
        threading.stack_size(STACK_BYTES)
        try:
            thread = threading.Thread(target=run, name="gate-deep-stack")
            sys.setrecursionlimit(RECURSION_LIMIT)
            thread.start()
            thread.join()
        finally:
            sys.setrecursionlimit(old_limit)
            threading.stack_size(old_size)
    if failure:
        raise failure[0]
    return outcome[0]
