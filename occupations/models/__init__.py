"""The occupations app's models, one module per concern; import them from here."""

from occupations.models.education import (
    TOP_OUTCOMES,
    Education,
    GraduateOutcome,
    OccupationEducation,
)
from occupations.models.lists import AlternativeTitle, Duty, OrderedItem, Workplace
from occupations.models.occupation import (
    OCCUPATION_HISTORY,
    Occupation,
    OccupationManager,
    OccupationQuerySet,
    OccupationVersionLists,
)
from occupations.models.redirects import SlugRedirect
from occupations.models.reviews import QualityReview, ReviewOrganisation
from occupations.models.statistics import SalaryStatistic, SalaryStatisticQuerySet

__all__ = [
    "OCCUPATION_HISTORY",
    "TOP_OUTCOMES",
    "AlternativeTitle",
    "Duty",
    "Education",
    "GraduateOutcome",
    "Occupation",
    "OccupationEducation",
    "OccupationManager",
    "OccupationQuerySet",
    "OccupationVersionLists",
    "OrderedItem",
    "QualityReview",
    "ReviewOrganisation",
    "SalaryStatistic",
    "SalaryStatisticQuerySet",
    "SlugRedirect",
    "Workplace",
]
