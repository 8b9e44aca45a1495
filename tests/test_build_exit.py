import threading

from csec_survey.build_exit import cancel_pending_timers


def test_a_waiting_timer_is_cancelled_and_its_thread_ends_without_firing():
    fired = threading.Event()
    timer = threading.Timer(600, fired.set)
    timer.start()

    assert cancel_pending_timers() >= 1

    timer.join(timeout=10)
    assert not timer.is_alive()
    assert not fired.is_set()


def test_threads_that_are_not_timers_are_left_running():
    release = threading.Event()
    worker = threading.Thread(target=release.wait, args=(600,))
    worker.start()
    try:
        cancel_pending_timers()
        assert worker.is_alive()
    finally:
        release.set()
        worker.join(timeout=10)


def test_with_no_timer_waiting_nothing_is_cancelled():
    assert not any(isinstance(t, threading.Timer) for t in threading.enumerate())
    assert cancel_pending_timers() == 0
