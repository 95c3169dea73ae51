"""The register explanations stored as sanitised HTML too, filled for the rows there are."""

from django.db import migrations

import richtext.fields
from richtext.render import render_markdown

FIELDS = ["explanation"]


def fill(apps, schema_editor):
    model = apps.get_model("registers", "DataSource")
    rows = list(model._default_manager.only(*FIELDS))
    for row in rows:
        for name in FIELDS:
            setattr(row, f"{name}_html", str(render_markdown(getattr(row, name))))
    model._default_manager.bulk_update(rows, [f"{name}_html" for name in FIELDS], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("registers", "0004_source_downloads"),
    ]

    operations = [
        migrations.AddField(
            model_name="datasource",
            name="explanation_html",
            field=richtext.fields.RenderedMarkdownField(
                default="", editable=False, source="explanation"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
