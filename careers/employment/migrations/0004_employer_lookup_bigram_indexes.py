"""单位查询 (careers/employment/employers.py) is type-ahead over tens of thousands of unit names: on PostgreSQL
a GIN index over each name's character pairs (careers_bigrams(upper(name))) finds the candidates of a
keyword of two or more characters — most Chinese keywords are two characters, which give pg_trgm no
trigram — and the usual UPPER(name) LIKE '%…%' rechecks them. Whole-table indexes, not partial ones:
PostgreSQL keeps statistics of an index expression (the frequent pairs, e.g. 有限 in most unit names) only
for a non-partial index, and without them it took the index for a pair found in 140,000 records.
`fastupdate = off`: with GIN's pending list on, every lookup also scanned the entries written since the
last vacuum (after a bulk update of records, 300 pages: ~15 ms for a keyword that matches nothing).

SQLite (the embedded default) has no such index and scans, which is fine at its scale.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION careers_bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}'::text[])
  FROM generate_series(1, length(value) - 1) AS i
$$
"""

# (app label, model, index name, column)
INDEXES = [
    ("recruitment", "Employer", "recruitment_employer_name_bigrams", "name"),
    ("accounts", "User", "accounts_user_name_bigrams", "name"),
    ("employment", "EmploymentRecord", "employment_record_employer_name_bigrams", "employer_name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for app, model, name, column in INDEXES:
        table = schema_editor.quote_name(apps.get_model(app, model)._meta.db_table)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                              f"USING gin (careers_bigrams(upper({column}::text))) WITH (fastupdate = off)")
        schema_editor.execute(f"ANALYZE {table}")  # the expression's statistics, before the first lookup


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, _, name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS careers_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("employment", "0003_dispatch_employment_fields"),
        ("recruitment", "0002_jobs"),
        ("accounts", "0003_historicaluser_initial_credential_and_more"),
    ]

    operations = [migrations.RunPython(create, drop)]
