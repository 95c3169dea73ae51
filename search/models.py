"""The search index: a denormalised copy of what visitors search in published occupations.

Derived data: kept current by the change path (derived/rules.py says which changes reach it,
`search.index` rebuilds the documents); `manage.py refresh_derived` rebuilds it from scratch.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable text of an occupation: its title, an alternative title, a job title…"""

    class Field(models.IntegerChoices):
        # The texts in the order of their weight in the ranking (search/scoring.py), then the
        # codes the pages print, which outweigh them all: an exact code is the top hit.
        TITLE = 1, _("tittel")
        ALTERNATIVE_TITLE = 2, _("alternativ tittel")
        JOB_TITLE = 3, _("stillingstittel")
        UNIT_GROUP = 4, _("yrkesgruppe i STYRK-08")
        LEAD = 5, _("ingress")
        DUTY = 6, _("arbeidsoppgave")
        DESCRIPTION = 7, _("beskrivelse")
        JOB_TITLE_CODE = 8, _("stillingskode")
        STYRK_CODE = 9, _("STYRK-08-kode")
        NUS_CODE = 10, _("NUS-kode")

    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="search_documents"
    )
    field = models.PositiveSmallIntegerField(_("felt"), choices=Field.choices)
    text = models.TextField(_("tekst"), help_text=_("Ren tekst, vises som utdrag i treffene."))

    class Meta:
        verbose_name = _("søkedokument")
        verbose_name_plural = _("søkedokumenter")
        indexes = [models.Index(fields=["occupation", "field"], name="searchdoc_occupation")]

    def __str__(self):
        return f"{self.occupation_id} {self.get_field_display()}: {self.text[:60]}"


class SearchWord(models.Model):
    """A folded word that occurs in the index, with its stem.

    The vocabulary that a query's words are matched against: exactly, by stem, as a prefix, as
    the end of a compound, or by trigram similarity (typos). On PostgreSQL a trigram GIN index
    on `word` and `stem` (migration 0002) finds these candidates without reading the table.
    """

    word = models.CharField(_("ord"), max_length=100, unique=True)
    stem = models.CharField(_("stamme"), max_length=100)

    class Meta:
        verbose_name = _("ord i søkeindeksen")
        verbose_name_plural = _("ord i søkeindeksen")
        indexes = [models.Index(fields=["stem"], name="searchword_stem")]

    def __str__(self):
        return self.word


class SearchPosting(models.Model):
    """A word in a document: which occupations (and through which field) a word finds."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="+")
    # Copied from the document, so that ranking needs no join.
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    field = models.PositiveSmallIntegerField(_("felt"), choices=SearchDocument.Field.choices)
    word = models.CharField(_("ord"), max_length=100)

    class Meta:
        verbose_name = _("forekomst")
        verbose_name_plural = _("forekomster")
        constraints = [
            models.UniqueConstraint(fields=["document", "word"], name="searchposting_unique"),
        ]
        indexes = [
            models.Index(
                fields=["word", "occupation", "field", "document"], name="searchposting_word"
            ),
            models.Index(fields=["occupation"], name="searchposting_occupation"),
        ]

    def __str__(self):
        return f"{self.word} → {self.occupation_id}"
