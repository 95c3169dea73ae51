"""The lists on an occupation page that editors write line by line."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlternativeTitle(models.Model):
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="alternative_titles"
    )
    title = models.CharField(
        _("alternativ tittel"),
        max_length=120,
        help_text=_("Andre navn folk bruker om yrket, for eksempel «klinikkassistent»."),
    )

    class Meta:
        verbose_name = _("alternativ tittel")
        verbose_name_plural = _("alternative titler")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "title"], name="alternativetitle_unique_per_occupation"
            ),
        ]

    def __str__(self):
        return self.title


class OrderedItem(models.Model):
    """A line in one of the page's ordered lists; editors drag the position in the admin."""

    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class Duty(OrderedItem):
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="duties"
    )
    text = models.CharField(_("oppgave"), max_length=300)

    class Meta(OrderedItem.Meta):
        verbose_name = _("arbeidsoppgave")
        verbose_name_plural = _("arbeidsoppgaver")

    def __str__(self):
        return self.text


class Workplace(OrderedItem):
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="workplaces"
    )
    name = models.CharField(
        _("arbeidssted"),
        max_length=200,
        help_text=_("For eksempel «Den offentlige tannhelsetjenesten»."),
    )

    class Meta(OrderedItem.Meta):
        verbose_name = _("arbeidssted")
        verbose_name_plural = _("arbeidssteder")

    def __str__(self):
        return self.name


# The education block shows this many occupations: the ones most of the graduates work in.
