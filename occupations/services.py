"""Write paths for occupations, called the same way from the admin, commands and tests."""

from django.db import transaction
from django.utils import timezone

from occupations.models import Occupation, SlugRedirect
from pagecache.cache import pagecache_invalidate
from search.index import search_index_update


def occupation_publish(*, occupation, at=None):
    occupation.status = Occupation.Status.PUBLISHED
    occupation.published_at = at or timezone.now()
    occupation.save(update_fields=["status", "published_at", "updated_at"])
    pagecache_invalidate()
    search_index_update(occupations=[occupation])


def occupation_unpublish(*, occupation):
    occupation.status = Occupation.Status.DRAFT
    occupation.save(update_fields=["status", "updated_at"])
    pagecache_invalidate()
    search_index_update(occupations=[occupation])


@transaction.atomic
def occupation_slug_changed(*, occupation, old_slug):
    """Keep the old address working: it redirects to the occupation's new one."""
    SlugRedirect.objects.filter(old_slug=occupation.slug).delete()
    if old_slug and old_slug != occupation.slug:
        SlugRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"occupation": occupation}
        )
