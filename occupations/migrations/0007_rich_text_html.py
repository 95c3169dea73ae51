"""The occupations' Markdown stored as sanitised HTML too, filled for the rows there are."""

from django.db import migrations

import richtext.fields
from richtext.render import render_markdown

FIELDS = [
    "description",
    "delegated_tasks",
    "authorisation_text",
    "workplaces_text",
    "personal_traits",
    "education_text",
]


def fill(apps, schema_editor):
    model = apps.get_model("occupations", "Occupation")
    rows = list(model._default_manager.only(*FIELDS))
    for row in rows:
        for name in FIELDS:
            setattr(row, f"{name}_html", str(render_markdown(getattr(row, name))))
    model._default_manager.bulk_update(rows, [f"{name}_html" for name in FIELDS], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("occupations", "0006_fields_of_work_overrides"),
    ]

    operations = [
        migrations.AddField(
            model_name="occupation",
            name="authorisation_text_html",
            field=richtext.fields.RenderedMarkdownField(
                default="", editable=False, source="authorisation_text"
            ),
        ),
        migrations.AddField(
            model_name="occupation",
            name="delegated_tasks_html",
            field=richtext.fields.RenderedMarkdownField(
                default="", editable=False, source="delegated_tasks"
            ),
        ),
        migrations.AddField(
            model_name="occupation",
            name="description_html",
            field=richtext.fields.RenderedMarkdownField(
                default="", editable=False, source="description"
            ),
        ),
        migrations.AddField(
            model_name="occupation",
            name="education_text_html",
            field=richtext.fields.RenderedMarkdownField(
                default="", editable=False, source="education_text"
            ),
        ),
        migrations.AddField(
            model_name="occupation",
            name="personal_traits_html",
            field=richtext.fields.RenderedMarkdownField(
                default="", editable=False, source="personal_traits"
            ),
        ),
        migrations.AddField(
            model_name="occupation",
            name="workplaces_text_html",
            field=richtext.fields.RenderedMarkdownField(
                default="", editable=False, source="workplaces_text"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
