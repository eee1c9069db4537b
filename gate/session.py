"""One judgement as a command runs it: never raises, an error is a Result too.

Shared by ``gate check`` and the pre-push hook, which judges each pushed ref.
"""

from __future__ import annotations

import traceback

from gate import monitor
from gate.engine import Options, evaluate
from gate.errors import GateError
from gate.result import Result


def judge(options: Options) -> Result:
    """Evaluate ``options``; a GateError (or a bug) becomes an error Result, never a pass."""
    try:
        return evaluate(options)
    except GateError as exc:
        return stopped(str(exc), options)
    except Exception as exc:  # a bug must still block, not pass, and say so in one line
        return stopped(_internal(exc, debug=bool(options.env.get("GATE_DEBUG"))), options)


def stopped(error: str, options: Options) -> Result:
    """The result of a run that stopped before the checks; ``--mode monitor`` still never blocks."""
    if options.mode != "monitor":
        return Result(verdict="error", error=error)
    return Result(
        verdict="error",
        error=error,
        mode="monitor",
        enforced="pass",
        warnings=(monitor.stopped("error"),),
    )


def _internal(exc: Exception, *, debug: bool) -> str:
    if debug:
        traceback.print_exception(exc)
    return (
        f"internal error: {type(exc).__name__}: {exc} "
        f"(a bug in merge-gate; GATE_DEBUG=1 shows the traceback)"
    )
