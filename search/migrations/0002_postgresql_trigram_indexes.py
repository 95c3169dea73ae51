"""PostgreSQL only: pg_trgm and the trigram GIN indexes the search reads.

- the vocabulary's words and stems, for prefixes, compound endings and typos;
- employers' folded names (`search.expressions.Fold`), for "name contains" at 200,000 rows.

SQLite needs none of them (it reads the small demo vocabulary and scans its few employers).
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models import F

from search.expressions import Fold

INDEXES = [
    ("search", "SearchWord", GinIndex(OpClass(F("word"), name="gin_trgm_ops"), name="searchword_word_trgm")),
    ("search", "SearchWord", GinIndex(OpClass(F("stem"), name="gin_trgm_ops"), name="searchword_stem_trgm")),
    (
        "employers",
        "Employer",
        GinIndex(OpClass(Fold(F("name")), name="gin_trgm_ops"), name="employer_name_folded_trgm"),
    ),
]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, index in INDEXES:
        schema_editor.add_index(apps.get_model(app_label, model_name), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, index in INDEXES:
        schema_editor.remove_index(apps.get_model(app_label, model_name), index)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("employers", "0004_employment_title_index"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(add_indexes, remove_indexes),
    ]
