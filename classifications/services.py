"""Write paths for the register code lists, called from the admin, commands and tests."""

from django.db import transaction

from employers.summary import occupation_employers_refresh
from pagecache.cache import pagecache_invalidate
from search.index import search_index_update


def job_titles_map(*, job_titles, occupation):
    """Link job titles to an occupation and rebuild its employer rows.

    Titles already linked are left as they are. The occupation is found by its new titles in
    the search, and its page's employer list changes, so cached pages are made stale. Returns
    the number of titles newly linked.
    """
    with transaction.atomic():
        linked = set(occupation.job_titles.values_list("pk", flat=True))
        new = [title for title in job_titles if title.pk not in linked]
        if new:
            occupation.job_titles.add(*new)
            occupation_employers_refresh(occupations=[occupation])
            search_index_update(occupations=[occupation])
    if new:
        pagecache_invalidate()
    return len(new)
