"""What depends on what: the one place that knows which derived data a change makes stale.

Three derived stores follow the editors' and the registers' data:

- the search index (`search.index`), per published occupation;
- the employers per occupation (`employers.summary`, the OccupationEmployer read model);
- the cached pages (`pagecache`), all at once.

`DEPENDENTS` lists every model of the project with the stores that depend on it; a model that
public pages show but no store depends on is listed with PAGES alone, one the public never
sees with nothing. `tests/derived/` fails for a model missing here. The scope functions turn
a merged ChangeSet into the occupations whose documents or rows must be rebuilt, or
EVERYTHING.
"""

from classifications.models import JobTitle, StyrkGroup, Trade
from employers.models import ApprenticeshipApproval, Employer, Employment, OccupationEmployer
from occupations.models import AlternativeTitle, Duty, Education, Occupation, OccupationEducation
from regions.models import County, Municipality

EVERYTHING = "everything"

SEARCH = "search index"
EMPLOYER_ROWS = "employers per occupation"
PAGES = "cached pages"

DEPENDENTS = {
    "occupations.occupation": {SEARCH, EMPLOYER_ROWS, PAGES},
    "occupations.alternativetitle": {SEARCH, PAGES},
    "occupations.duty": {SEARCH, PAGES},
    "occupations.workplace": {PAGES},
    "occupations.education": {SEARCH, PAGES},  # its NUS code finds the occupation
    "occupations.occupationeducation": {SEARCH, PAGES},
    "occupations.graduateoutcome": {PAGES},
    "occupations.salarystatistic": {PAGES},
    "occupations.revieworganisation": {PAGES},
    "occupations.qualityreview": {PAGES},
    "occupations.slugredirect": {PAGES},
    "occupations.historicaloccupation": set(),  # the admin's version history
    "classifications.jobtitle": {SEARCH, EMPLOYER_ROWS, PAGES},
    "classifications.styrkgroup": {SEARCH, PAGES},
    "classifications.trade": {EMPLOYER_ROWS, PAGES},
    "classifications.fieldofwork": {PAGES},
    "employers.employer": {EMPLOYER_ROWS, PAGES},
    "employers.employment": {EMPLOYER_ROWS, PAGES},
    "employers.apprenticeshipapproval": {EMPLOYER_ROWS, PAGES},
    "regions.county": {EMPLOYER_ROWS, PAGES},
    "regions.municipality": {EMPLOYER_ROWS, PAGES},
    "regions.postalcode": {PAGES},
    "regions.regionchange": {PAGES},  # old numbers in addresses lead to today's regions
    "registers.datasource": {PAGES},  # explanations and "Oppdatert" dates on the pages
    "registers.importrun": set(),  # the import log, in the admin
    # Derived stores themselves, and the change path's own queue.
    "employers.occupationemployer": set(),
    "search.searchdocument": set(),
    "search.searchword": set(),
    "search.searchposting": set(),
    "changes.pendingchange": set(),
}

# Fields of an occupation that decide which employers it has.
EMPLOYER_FIELDS = {"job_titles", "trades"}


def _missing(model, pks):
    """Whether some of these rows no longer exist (deleted: what linked to them is unknown)."""
    return bool(pks) and model._base_manager.filter(pk__in=pks).count() < len(pks)


def _ids(queryset):
    return set(queryset.values_list("pk", flat=True).distinct())


def search_scope(changes):
    """The occupations whose search documents may be stale, or EVERYTHING."""
    searched = (Occupation, AlternativeTitle, Duty, OccupationEducation, Education)
    if changes.in_bulk(*searched, JobTitle, StyrkGroup):
        return EVERYTHING
    titles, groups = changes.pks(JobTitle), changes.pks(StyrkGroup)
    if _missing(JobTitle, titles) or _missing(StyrkGroup, groups):
        return EVERYTHING
    ids = changes.pks(Occupation)
    ids |= changes.referenced(AlternativeTitle, "occupation")
    ids |= changes.referenced(Duty, "occupation")
    ids |= changes.referenced(OccupationEducation, "occupation")
    if educations := changes.pks(Education):
        ids |= _ids(Occupation.all_objects.filter(programmes__education__in=educations))
    if titles:
        ids |= _ids(Occupation.all_objects.filter(job_titles__in=titles))
    if groups:
        ids |= _ids(Occupation.all_objects.filter(styrk_groups__in=groups))
        ids |= _ids(Occupation.all_objects.filter(job_titles__unit_group__in=groups))
    return ids


def employer_rows_scope(changes):
    """The occupations whose employer rows may be stale, or EVERYTHING."""
    if changes.in_bulk(Occupation, Employer, Employment, ApprenticeshipApproval):
        return EVERYTHING
    if changes.touches(County, Municipality):
        return EVERYTHING  # the rows carry each employer's county and municipality
    if _missing(JobTitle, changes.pks(JobTitle)) or _missing(Trade, changes.pks(Trade)):
        return EVERYTHING  # their links to occupations went with them
    ids = set()
    fields = changes.changed_fields(Occupation)
    if fields is None or fields & EMPLOYER_FIELDS:
        ids |= changes.pks(Occupation)
    titles = changes.referenced(Employment, "job_title")
    trades = changes.referenced(ApprenticeshipApproval, "trade")
    employers = changes.pks(Employer)
    if employers:
        titles |= set(
            Employment.objects.filter(employer__in=employers).values_list("job_title", flat=True)
        )
        trades |= set(
            ApprenticeshipApproval.objects.filter(employer__in=employers).values_list(
                "trade", flat=True
            )
        )
        ids |= set(
            OccupationEmployer.objects.filter(employer__in=employers).values_list(
                "occupation", flat=True
            )
        )
    if titles:
        ids |= _ids(Occupation.all_objects.filter(job_titles__in=titles))
    if trades:
        ids |= _ids(Occupation.all_objects.filter(trades__in=trades))
    return ids
