"""PostgreSQL only: pg_trgm and the trigram GIN indexes the search reads.

- the vocabulary's words and stems, for prefixes, compound endings and typos;
- employers' folded names (`search.expressions.Fold`), for "name contains" at 200,000 rows.
  The index is built from the same expression the search filters on, so the two match.

SQLite needs none of them (it reads the small demo vocabulary and scans its few employers).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models import F
from django.db.models.sql import Query

from search.expressions import Fold

WORD_INDEXES = [
    GinIndex(fields=["word"], opclasses=["gin_trgm_ops"], name="searchword_word_trgm"),
    GinIndex(fields=["stem"], opclasses=["gin_trgm_ops"], name="searchword_stem_trgm"),
]
EMPLOYER_INDEX = "employer_name_folded_trgm"


def folded_name_sql(model, schema_editor):
    query = Query(model)
    expression = Fold(F("name")).resolve_expression(query)
    sql, params = expression.as_sql(query.get_compiler(connection=schema_editor.connection), schema_editor.connection)
    sql = sql.replace(f'{schema_editor.quote_name(model._meta.db_table)}.', "")
    return sql % tuple(schema_editor.quote_value(param) for param in params)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in WORD_INDEXES:
        schema_editor.add_index(apps.get_model("search", "SearchWord"), index)
    employer = apps.get_model("employers", "Employer")
    schema_editor.execute(
        f"CREATE INDEX {EMPLOYER_INDEX} ON {schema_editor.quote_name(employer._meta.db_table)} "
        f"USING gin (({folded_name_sql(employer, schema_editor)}) gin_trgm_ops)"
    )


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in WORD_INDEXES:
        schema_editor.remove_index(apps.get_model("search", "SearchWord"), index)
    schema_editor.execute(f"DROP INDEX IF EXISTS {EMPLOYER_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("employers", "0004_employment_title_index"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(add_indexes, remove_indexes),
    ]
