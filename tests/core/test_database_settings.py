"""The PostgreSQL connection settings the figures in docs/performance.md rely on."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def test_connections_run_without_jit():
    # docs/decisions/0005: a 50-row list spent 0.9 s compiling a plan that ran in 1 ms
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
