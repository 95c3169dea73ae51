"""PostgreSQL only: a trigram index for the employer search's name filter.

The filter is Django's `icontains`, which PostgreSQL runs as UPPER(name::text) LIKE
UPPER('%…%'); a GIN index with pg_trgm's operator class on that same expression serves it for
any part of a name of three characters or more. SQLite needs none (it scans its few employers).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "employer_name_upper_trgm"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("employers", "Employer")._meta.db_table)
    schema_editor.execute(
        f"CREATE INDEX {INDEX} ON {table} USING gin ((UPPER(name::text)) gin_trgm_ops)"
    )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("employers", "0005_employer_sort_name")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(add_index, remove_index),
    ]
