import threading
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from snakemake.scheduling.job_scheduler import JobScheduler

from csec_survey.core.build_exit import cancel_snakemake_timers


def _defined_in(module: str, fired: threading.Event) -> Callable[[], None]:
    def fire() -> None:
        fired.set()

    fire.__module__ = module
    return fire


@pytest.fixture
def started():
    timers: list[threading.Timer] = []

    def start(function: Callable[[], None]) -> threading.Timer:
        timer = threading.Timer(600, function)
        timer.start()
        timers.append(timer)
        return timer

    yield start
    for timer in timers:
        timer.cancel()
        timer.join(timeout=10)


def test_the_timer_snakemakes_scheduler_leaves_armed_is_cancelled_before_it_fires():
    # The scheduler's own method, on a stand-in holding just what it touches: the
    # semaphore its timer releases to wake the next scheduling round.
    scheduler = SimpleNamespace(_open_jobs=threading.Semaphore(0))
    before = set(threading.enumerate())
    JobScheduler._schedule_reevalutation(scheduler, 600)
    armed = [t for t in threading.enumerate()
             if t not in before and isinstance(t, threading.Timer)]
    try:
        assert len(armed) == 1
        assert cancel_snakemake_timers() == 1
        armed[0].join(timeout=10)
        assert not armed[0].is_alive()
        assert not scheduler._open_jobs.acquire(blocking=False)
    finally:
        # Should the hook miss it, the test fails rather than hold pytest's exit.
        for timer in armed:
            timer.cancel()


def test_timers_of_other_code_are_left_waiting(started):
    fired = threading.Event()
    own = started(_defined_in("some_host_program", fired))
    lookalike = started(_defined_in("snakemake_like", fired))

    assert cancel_snakemake_timers() == 0
    assert own.is_alive() and lookalike.is_alive()


def test_threads_that_are_not_timers_are_left_running():
    release = threading.Event()
    worker = threading.Thread(target=release.wait, args=(600,))
    worker.start()
    try:
        assert cancel_snakemake_timers() == 0
        assert worker.is_alive()
    finally:
        release.set()
        worker.join(timeout=10)
