"""The occupation fields editors write in Markdown, and the help text that explains it.

Each is stored twice: the Markdown the editor wrote, and beside it (`<field>_html`) the
sanitised HTML the page prints, rendered at every save by `richtext.fields`.
"""

from django.utils.translation import gettext_lazy as _

RICH_TEXT_FIELDS = [
    "description",
    "delegated_tasks",
    "authorisation_text",
    "workplaces_text",
    "personal_traits",
    "education_text",
]
# Where each field's HTML is stored.
RICH_TEXT_HTML_FIELDS = {name: f"{name}_html" for name in RICH_TEXT_FIELDS}

RICH_TEXT_HELP = _(
    "Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, «- » for punktliste, «1. » for "
    "nummerert liste, [lenketekst](https://…) for lenke (https, http eller mailto), «### » og "
    "«#### » for mellomtitler og «> » for sitat. Bilder, tabeller, farger og annen HTML "
    "fjernes før teksten vises på siden."
)
