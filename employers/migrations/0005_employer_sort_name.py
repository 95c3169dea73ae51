"""Employers get their name's Norwegian sort key, filled for the rows there are, and the
indexes the employer search sorts and filters with."""

from django.db import migrations, models

import norwegian.fields
from norwegian.collation import stored_sort_key

BATCH = 2000


def fill(apps, schema_editor):
    employer = apps.get_model("employers", "Employer")
    rows = employer._base_manager.order_by("pk").only("name")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        for row in batch:
            row.sort_name = stored_sort_key(row.name)
        employer._base_manager.bulk_update(batch, ["sort_name"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0004_employment_title_index"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="employer",
            name="employer_municipality_name",
        ),
        migrations.AddField(
            model_name="employer",
            name="sort_name",
            field=norwegian.fields.SortKeyField(default=b"", source="name"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="employer",
            index=models.Index(
                condition=models.Q(("closed_on__isnull", True)),
                fields=["sort_name", "id"],
                name="employer_open_sorted",
            ),
        ),
        migrations.AddIndex(
            model_name="employer",
            index=models.Index(
                condition=models.Q(("closed_on__isnull", True)),
                fields=["municipality", "sort_name", "id"],
                name="employer_open_municipality",
            ),
        ),
        migrations.AddIndex(
            model_name="employer",
            index=models.Index(fields=["sort_name", "id"], name="employer_sorted"),
        ),
        migrations.AddIndex(
            model_name="employer",
            index=models.Index(
                fields=["municipality", "sort_name", "id"], name="employer_municipality_sorted"
            ),
        ),
    ]
