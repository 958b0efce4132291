"""Running work in parallel threads, each with its own database connection.

For the tests that prove capacity holds under concurrency on PostgreSQL (seats,
beds, rooms, places, one certificate): every thread waits at a barrier so that
all start at once, and closes its connection when done.
"""

import threading

from django.db import connection


def in_parallel(
    work, items, *, timeout: float = 120
) -> tuple[list, list[BaseException]]:
    """`work(item)` in one thread per item, all released at once.

    Returns what the calls returned and what they raised (in completion order);
    fails the test if a thread is still running after `timeout` seconds.
    """
    barrier = threading.Barrier(len(items))
    results: list = []
    errors: list[BaseException] = []

    def run(item):
        try:
            barrier.wait(timeout=60)
            results.append(work(item))
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results, errors
