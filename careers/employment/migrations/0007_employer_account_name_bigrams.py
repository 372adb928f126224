"""The character-pair index of 单位查询 over account names (migration 0004) covers employer accounts only.

The lookup only ever searches employer accounts (`kind = 'employer'`, employers.employer_accounts), but the
whole-table index held the pairs of every account name: 200,000 student accounts against 3,330 employers at
the benchmark's scale, and each imported student paid a GIN insert of its name's pairs (0.2 s of the 5,000-row
student import's server time). A partial index has no expression statistics (see 0004), which matters for a
table where a common pair matches 140,000 rows; here it holds only the employer accounts, so even a pair in
every one of them reads a few thousand entries (单位 in all 3,330 bench employers: 1.5 ms, was 2.1 ms).
"""

from django.db import migrations

CREATE = ("CREATE INDEX IF NOT EXISTS accounts_employer_name_bigrams ON accounts_user "
          "USING gin (careers_bigrams(upper(name::text))) WITH (fastupdate = off) WHERE kind = 'employer'")
WHOLE_TABLE = ("CREATE INDEX IF NOT EXISTS accounts_user_name_bigrams ON accounts_user "
               "USING gin (careers_bigrams(upper(name::text))) WITH (fastupdate = off)")


def employers_only(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    schema_editor.execute("DROP INDEX IF EXISTS accounts_user_name_bigrams")
    schema_editor.execute("ANALYZE accounts_user")


def whole_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(WHOLE_TABLE)
    schema_editor.execute("DROP INDEX IF EXISTS accounts_employer_name_bigrams")


class Migration(migrations.Migration):
    dependencies = [
        ("employment", "0006_student_outcome_index"),
        ("accounts", "0003_historicaluser_initial_credential_and_more"),
    ]

    operations = [migrations.RunPython(employers_only, whole_table)]
