"""Races: the same action from several threads at the same moment, each with a database connection of its own.

    outcomes = run_concurrently(lambda: registration.register(student, talk), 3)
    outcomes = run_concurrently(approve, args=talks)          # approve(talk) per talk, one thread each

Every call starts together (a barrier releases all threads at once), runs in its own thread (so its own
connection: on PostgreSQL the row locks really meet), and closes its connections when done, so the
transactional test's flush is never kept waiting. Returns, in order, what each call returned or the exception
it raised (an exception is a value: the test says which refusals it expects). A thread still running after
`timeout` seconds fails the test.

The tests that use it are transactional (`@pytest.mark.django_db(transaction=True)`, usually with
`@pytest.mark.postgres_only`): a thread never sees the rows of an uncommitted test transaction.
"""

import threading

from django.db import connections


def run_concurrently(fn, n=None, *, args=None, timeout=30):
    if (n is None) == (args is None):
        raise TypeError("run_concurrently(fn, n) or run_concurrently(fn, args=[...])")
    calls = [()] * n if args is None else [(arg,) for arg in args]
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call_args):
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = fn(*call_args)
        except BaseException as exc:  # noqa: BLE001  (handed back to the test, which decides)
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call_args), daemon=True) for i, call_args in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    stuck = sum(thread.is_alive() for thread in threads)
    assert not stuck, f"{stuck} of {len(threads)} concurrent calls still running after {timeout} s"
    return outcomes
