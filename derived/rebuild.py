"""Rebuilding every derived store from scratch, through the change path."""

from django.db import transaction

from changes.apply import changes_apply
from changes.record import changes_record
from classifications.models import JobTitle, StyrkGroup
from employers.models import Employer
from occupations.models import Occupation


def derived_rebuild():
    """Record every occupation, employer, job title and STYRK group as changed, and apply:
    the search index, the employers per occupation, the employees per job title, the related
    occupations and the cached pages are built again.
    Raises changes.apply.RefreshFailed; returns what changes_apply returns."""
    with transaction.atomic():
        changes_record(models=[Occupation, Employer, JobTitle, StyrkGroup])
    return changes_apply()
