"""Old addresses of occupations, kept working."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SlugRedirect(models.Model):
    """An address an occupation had before; requests for it are sent on with 301."""

    old_slug = models.SlugField(_("gammel adresse"), max_length=140, unique=True)
    occupation = models.ForeignKey(
        "occupations.Occupation", on_delete=models.CASCADE, related_name="slug_redirects"
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("videresending")
        verbose_name_plural = _("videresendinger")

    def __str__(self):
        return f"{self.old_slug} → {self.occupation.slug}"
