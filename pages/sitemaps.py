"""sitemap.xml (Django's sitemaps framework): the published occupation pages and the pages
that list them, each with the time it last changed as far as publishing tells."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from occupations.models import Occupation


class OccupationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Occupation.objects.published().only("slug", "published_at").order_by("slug")

    def lastmod(self, occupation):
        return occupation.published_at


class ListPagesSitemap(Sitemap):
    """Home, the A–Å index and the employer search; they change when an occupation is
    published, so their lastmod is the newest publication."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["occupations:home", "occupations:index", "employers:search"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if not hasattr(self, "_newest"):
            self._newest = Occupation.objects.published().aggregate(newest=Max("published_at"))[
                "newest"
            ]
        return self._newest


SITEMAPS = {"pages": ListPagesSitemap, "occupations": OccupationSitemap}
