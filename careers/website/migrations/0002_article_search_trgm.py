"""网站资讯's search text, trigram-indexed on PostgreSQL (the site search; core.search). No-op elsewhere."""

from django.db import migrations


def create_trgm_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS website_article_search_trgm "
                          "ON website_article USING gin (search_text gin_trgm_ops)")


def drop_trgm_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS website_article_search_trgm")


class Migration(migrations.Migration):

    dependencies = [("website", "0001_initial")]

    operations = [migrations.RunPython(create_trgm_index, drop_trgm_index)]
