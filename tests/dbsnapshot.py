"""Snapshots of the test database: build an expensive state once, then put it back in a fraction of a second.

    snapshot = Snapshot.take("demo")   # after building the state, outside any transaction
    snapshot.restore()                  # the database is exactly as it was when taken (rows and sequences)
    snapshot.drop()                     # at the end of the session

PostgreSQL: the snapshot is a database of its own, `CREATE DATABASE <test db>_<label> TEMPLATE <test db>`;
restoring drops the test database and creates it again from that template (every connection to either
database is closed first: a template must have none). SQLite (the embedded default: an in-memory test
database, or a file): the snapshot is an in-memory copy made with SQLite's backup API, copied back the same way.

Only between tests, never inside one (a test's transaction would be lost): the callers are session fixtures,
transactional tests' fixtures and the `pytest_runtest_teardown` hook in /conftest.py.

`code_tables_state` is the snapshot the session takes right after loading the code tables (/conftest.py:
django_db_setup): "the code tables after a flush" for every transactional test.
"""

import sqlite3

from django.db import connection, connections, transaction


class Snapshot:
    def __init__(self, label):
        self.label = label
        self.vendor = connection.vendor
        self.copy = None  # sqlite3.Connection (SQLite) or a database name (PostgreSQL)

    @classmethod
    def take(cls, label):
        snapshot = cls(label)
        if snapshot.vendor == "postgresql":
            # The copy carries the planner's statistics: taken now, they describe the rows just built (a
            # test that starts right after a build would otherwise plan as if every table were empty).
            analyze_tables()
            snapshot.copy = f"{connection.settings_dict['NAME']}_{label}"[:63]
            snapshot._pg_copy(source=connection.settings_dict["NAME"], target=snapshot.copy)
        elif snapshot.vendor == "sqlite":
            connection.ensure_connection()
            snapshot.copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(snapshot.copy)
        else:
            raise NotImplementedError(f"no database snapshots on {snapshot.vendor}")
        return snapshot

    def restore(self):
        if self.vendor == "postgresql":
            self._pg_copy(source=self.copy, target=connection.settings_dict["NAME"])
        else:
            connection.ensure_connection()
            self.copy.backup(connection.connection)

    def drop(self):
        if self.vendor == "postgresql":
            connections.close_all()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.copy}" WITH (FORCE)')
        elif self.copy is not None:
            self.copy.close()
        self.copy = None

    @staticmethod
    def _pg_copy(source, target):
        """`target` becomes a copy of `source` (dropped first when it exists)."""
        connections.close_all()
        with connection._nodb_cursor() as cursor:
            # FORCE: a connection a live-server request thread left open must not keep the database busy.
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            # No connection may be open to a template either (another thread's, in a race test).
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = %s AND pid <> pg_backend_pid()", [source])
            cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


def analyze_tables():
    """PostgreSQL: fresh planner statistics for this database's own tables. Listed by name: a bare ANALYZE also
    analyzes the shared catalogs (pg_database…), and inside a transaction it would hold their locks until the
    rollback, stalling another test process's CREATE DATABASE for minutes. Inside a transaction ANALYZE samples
    that transaction's own uncommitted rows, and its statistics go away with the rollback."""
    if connection.vendor != "postgresql":
        return
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def forget_cached_rows():
    """After the database was replaced: nothing cached about rows that are gone (the factories' code lookups;
    only this process's own memory cache: clearing a shared Redis would wipe other workers' keys)."""
    from django.conf import settings
    from django.core.cache import cache

    from tests.factories import forget_codes

    forget_codes()
    if "LocMemCache" in settings.CACHES["default"]["BACKEND"]:
        cache.clear()


class TableRows:
    """PostgreSQL: the rows of every non-empty table, copied out with COPY (binary) and back in after a flush
    emptied them — a few hundred milliseconds, where re-creating the whole database from a template costs
    seconds per transactional test. The tables a flush's post_migrate refills (content types, permissions)
    are left out."""

    REFILLED_AFTER_FLUSH = {"django_content_type", "auth_permission"}

    def __init__(self, label):
        self.label = label
        self.tables = {}  # table -> COPY data

    @classmethod
    def take(cls, label):
        rows = cls(label)
        with connection.cursor() as cursor:
            for table in connection.introspection.django_table_names(only_existing=True):
                if table in cls.REFILLED_AFTER_FLUSH:
                    continue
                cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')
                if not cursor.fetchone()[0]:
                    continue
                data = bytearray()
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy:
                    for block in copy:
                        data += block
                rows.tables[table] = bytes(data)
        return rows

    def restore(self, *, emptied=False):
        """The tables as they were; `emptied`: a flush just emptied them (no TRUNCATE needed). One transaction:
        Django's foreign keys are checked at commit, so the tables may be copied in any order."""
        with transaction.atomic(), connection.cursor() as cursor:
            if not emptied:
                tables = [t for t in connection.introspection.django_table_names(only_existing=True)
                          if t not in self.REFILLED_AFTER_FLUSH]
                cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables))
            # Sequences are never reset here or by the flush, so the copied ids stay below them.
            for table, data in self.tables.items():
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT binary)') as copy:
                    copy.write(data)

    def drop(self):
        self.tables = {}


class CodeTablesState:
    """The database right after the session loaded the code tables; put back after a flush emptied it."""

    def __init__(self):
        self.snapshot = None
        # True when a test left rows of its own behind without a flush (tests/browser: the next browser test
        # restores its whole database anyway): the next test that needs the code tables alone gets them back.
        self.dirty = False

    def take(self):
        # PostgreSQL: only the rows (the flush keeps the tables); SQLite: the backup API copies the file anyway.
        self.snapshot = TableRows.take("codes") if connection.vendor == "postgresql" else Snapshot.take("codes")

    def taken(self):
        return self.snapshot is not None

    def drop(self):
        if self.snapshot is not None:
            self.snapshot.drop()
            self.snapshot = None

    def ensure(self, *, alone=False):
        """The code tables are there (`alone`: and nothing else, between tests): when a flush removed them or a test
        left its rows behind, the snapshot is copied back (well under a second) instead of loading the published
        tables and the regions again. Inside a test's transaction (the tables are there) or before the test
        database exists, nothing."""
        from careers.codes.models import CodeTable

        if self.snapshot is None or connection.in_atomic_block:
            return
        if alone and self.dirty:  # between tests; a test asking for the code tables may have its own rows
            self.restore()
        elif not CodeTable.objects.exists():
            self.restore(emptied=True)

    def restore(self, *, emptied=False):
        if isinstance(self.snapshot, TableRows):
            self.snapshot.restore(emptied=emptied)
        else:
            self.snapshot.restore()
        self.dirty = False
        forget_cached_rows()


code_tables_state = CodeTablesState()
