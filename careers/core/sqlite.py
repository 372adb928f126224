"""The embedded default (SQLite): use the parameter limit the linked library really has.

Django assumes SQLite's old compile-time default of 999 variables per statement, so `bulk_create` of a
wide model (a student has ~45 columns) splits into an INSERT per ~20 rows. SQLite 3.32+ allows 32,766
(Debian builds more); with the real limit an import writes a few statements instead of hundreds, and a
query count no longer depends on the database (issue 12).
"""

import sqlite3

from django.db.backends.signals import connection_created

CAP = 32766  # SQLite's own default since 3.32: statements stay a sensible size where builds allow more


def use_the_real_parameter_limit(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    connection.features.max_query_params = max(999, min(limit, CAP))


def connect():
    connection_created.connect(use_the_real_parameter_limit, dispatch_uid="careers.core.sqlite.parameter_limit")
