import threading
from collections.abc import Callable

import pytest

from csec_survey.build_exit import cancel_snakemake_timers


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


def test_snakemakes_waiting_timer_is_cancelled_and_its_thread_ends_without_firing(started):
    fired = threading.Event()
    # Where Snakemake 9 defines the function of its re-evaluation timer.
    timer = started(_defined_in("snakemake.scheduling.job_scheduler", fired))

    assert cancel_snakemake_timers() == 1

    timer.join(timeout=10)
    assert not timer.is_alive()
    assert not fired.is_set()


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
