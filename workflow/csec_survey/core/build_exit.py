"""The end of a build: what the workflow's ``onsuccess`` hook does in Snakemake's process.

Snakemake 9's scheduler, at every round that leaves jobs running, starts a
non-daemon `threading.Timer` that wakes it again once the
``--max-jobs-per-timespan`` window (1 s by default) has passed. The timer armed
in the last round outlives the build, and the interpreter waits for it before
it exits: up to a second added to every build that ran a job, a quarter of the
rebuild after a prose edit. Sub-second windows cannot be configured (the option
reads ``500ms`` as 500 minutes) and a zero window makes the scheduler spin.
Once the build has succeeded, nothing is left for those timers to wake.
"""

from __future__ import annotations

import threading

__all__ = ["cancel_snakemake_timers"]


def cancel_snakemake_timers() -> int:
    """Cancel Snakemake's `threading.Timer` threads still waiting to fire; return how many.

    Meant for the end of a Snakemake run, when no scheduling round is left to
    come: a cancelled timer never calls its function, and its thread ends at
    once. Timers whose function is not Snakemake's (a program that runs the
    workflow through Snakemake's API may have its own) are left alone.
    """
    pending = [thread for thread in threading.enumerate()
               if isinstance(thread, threading.Timer) and thread.is_alive()
               and _is_snakemakes(thread.function)]
    for timer in pending:
        timer.cancel()
    return len(pending)


def _is_snakemakes(function: object) -> bool:
    module = getattr(function, "__module__", None) or ""
    return module == "snakemake" or module.startswith("snakemake.")
