"""Bringing the derived stores up to date for a merged ChangeSet (see rules.py).

Called by the change path (`changes.apply.changes_apply`) inside its transaction, never by a
write path: writes only say what changed (`changes.record.changes_record`).
"""

from derived.rules import (
    EVERYTHING,
    employer_rows_scope,
    employers_scope,
    job_title_employees_scope,
    related_scope,
    search_scope,
)
from employers.summary import job_title_employees_refresh, occupation_employers_refresh
from pagecache.cache import pagecache_invalidate
from related.compute import related_refresh
from search.index import search_index_rebuild, search_index_update


def derived_refresh(changes):
    # Employer rows first (the related occupations read them), and the pages last.
    rows, employers = employer_rows_scope(changes), employers_scope(changes)
    if rows == EVERYTHING:
        occupation_employers_refresh()
    elif rows:
        occupation_employers_refresh(occupations=sorted(rows))
    titles = job_title_employees_scope(changes)
    if titles == EVERYTHING:
        job_title_employees_refresh()
    elif titles:
        job_title_employees_refresh(job_titles=sorted(titles))
    related = related_scope(changes, employers=employers)
    if related == EVERYTHING:
        related_refresh()
    elif related:
        related_refresh(occupations=sorted(related))
    documents = search_scope(changes)
    if documents == EVERYTHING:
        search_index_rebuild()
    elif documents:
        search_index_update(occupations=sorted(documents))
    pagecache_invalidate()
