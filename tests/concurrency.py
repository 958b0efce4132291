"""Running work in parallel threads, each with its own database connection.

For the tests that prove capacity holds under concurrency on PostgreSQL (seats,
beds, rooms, places, one certificate): every thread waits at a barrier so that
all start at once, and closes its connection when done.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import Client


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


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class PooledWSGIServer(WSGIServer):
    """A WSGI server answering with a fixed pool of threads (as gunicorn has a
    fixed number of workers, each with its own database connection: PostgreSQL
    refuses 200 connections at once); the listen backlog holds every client
    that connects at once."""

    def __init__(self, *args, workers: int, backlog: int, **kwargs):
        self.request_queue_size = backlog
        super().__init__(*args, **kwargs)
        self.pool = ThreadPoolExecutor(workers)

    def process_request(self, request, client_address):
        self.pool.submit(self._answer, request, client_address)

    def _answer(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - reported as the 5xx the client sees
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            connections.close_all()


def pooled_server(*, clients: int, workers: int):
    """For a fixture: the site served by a PooledWSGIServer on a free port;
    yields (host, port)."""
    httpd = PooledWSGIServer(
        ("127.0.0.1", 0), _QuietHandler, workers=workers, backlog=clients + 56
    )
    httpd.set_app(WSGIHandler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address
    finally:
        httpd.shutdown()
        httpd.pool.shutdown(wait=True)
        httpd.server_close()


def session_cookie(user) -> str:
    """A signed-in session for `user`, to send as the `sessionid` cookie."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
