"""Jobs: the denormalised search text of the public job search, trigram-indexed on PostgreSQL.

pg_trgm extracts trigrams from Chinese text on this UTF-8 database (C.UTF-8 ctype), so LIKE '%关键字%'
of three or more characters uses the GIN index; SQLite (the embedded default) scans, which is fine there.
"""

from django.db import migrations, models


def create_trgm_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS recruitment_job_search_trgm "
                          "ON recruitment_job USING gin (search_text gin_trgm_ops)")


def drop_trgm_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS recruitment_job_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="job", name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索文本")),
        migrations.RunPython(create_trgm_index, drop_trgm_index),
    ]
