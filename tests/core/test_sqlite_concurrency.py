"""The embedded default (SQLite file, config.settings.SQLITE_OPTIONS) under concurrent connections, as
runserver's threads meet it: a reader must not make a writer fail, and two read-then-write transactions
must take turns instead of one failing with "database is locked" (issue 12: 立即运行 answered 500).

The test database itself is in memory, so these tests open two connections on a temporary file."""

import sqlite3
import threading

import pytest
from django.db.utils import ConnectionHandler

from config.settings import SQLITE_OPTIONS


@pytest.fixture
def two_connections(tmp_path, django_db_blocker):
    """Connections of their own on a file (not the test database: pytest-django lets them through)."""
    with django_db_blocker.unblock():
        yield from _connections(tmp_path)


def _connections(tmp_path):
    path = str(tmp_path / "embedded.sqlite3")
    options = {**SQLITE_OPTIONS, "timeout": 2}  # fail fast if it would lock
    handler = ConnectionHandler({alias: {"ENGINE": "django.db.backends.sqlite3", "NAME": path, "OPTIONS": options}
                                 for alias in ("default", "first", "second")})
    first = handler["first"]
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id integer PRIMARY KEY, value integer)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
    yield path, first, handler  # handler["second"] in another thread is that thread's own connection
    first.close()


def begin(connection):
    """What transaction.atomic() does on a connection."""
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def commit(connection):
    connection.commit()
    connection.set_autocommit(True)


def test_an_open_read_does_not_make_a_write_fail(two_connections):
    path, first, _ = two_connections
    reader = sqlite3.connect(path, isolation_level=None)  # e.g. a long list page or export still reading
    reader.execute("BEGIN")
    reader.execute("SELECT value FROM counter").fetchall()
    try:
        with first.cursor() as cursor:
            cursor.execute("UPDATE counter SET value = value + 1")
    finally:
        reader.execute("COMMIT")
        reader.close()
    with first.cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        assert cursor.fetchone() == (1,)


def test_two_read_then_write_transactions_take_turns(two_connections):
    _, first, handler = two_connections
    errors, started = [], threading.Event()

    def other():
        second = handler["second"]
        try:
            started.set()
            begin(second)  # waits while `first` holds its transaction
            with second.cursor() as cursor:
                cursor.execute("SELECT value FROM counter")
                (value,) = cursor.fetchone()
                cursor.execute("UPDATE counter SET value = %s", [value + 1])
            commit(second)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            second.close()

    begin(first)
    with first.cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        (value,) = cursor.fetchone()
        thread = threading.Thread(target=other)
        thread.start()
        started.wait(2)
        thread.join(0.3)  # give the other transaction time to begin (and, if it could, to commit)
        cursor.execute("UPDATE counter SET value = %s", [value + 1])
    commit(first)
    thread.join(5)
    assert not errors
    with first.cursor() as cursor:
        cursor.execute("SELECT value FROM counter")
        assert cursor.fetchone() == (2,)  # neither update was lost
