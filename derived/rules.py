"""What depends on what: the one place that knows which derived data a change makes stale.

Five derived stores follow the editors' and the registers' data:

- the search index (`search.index`), per published occupation;
- the employers per occupation (`employers.summary`, the OccupationEmployer read model);
- the employees per job title in the newest month (`employers.summary`, JobTitleEmployees),
  which the job-title mapping list in the admin sorts by;
- the related occupations (`related.compute`, the RelatedOccupation read model), read from
  the occupations' codes, educations, trades and fields, the employer rows and the editors'
  pins and hides;
- the cached pages (`pagecache`), all at once.

`DEPENDENTS` lists every model of the project with the stores that depend on it; a model that
public pages show but no store depends on is listed with PAGES alone, one the public never
sees with nothing. `tests/derived/` fails for a model missing here. The scope functions turn
a merged ChangeSet into the occupations whose documents or rows must be rebuilt, or
EVERYTHING.
"""

from django.db.models import Q

from classifications.models import FieldOfWork, JobTitle, StyrkGroup, Trade
from employers.models import ApprenticeshipApproval, Employer, Employment, OccupationEmployer
from occupations.models import AlternativeTitle, Duty, Education, Occupation, OccupationEducation
from regions.models import County, Municipality
from related.compute import employer_partners
from related.models import RelatedChoice, RelatedOccupation

EVERYTHING = "everything"

SEARCH = "search index"
EMPLOYER_ROWS = "employers per occupation"
RELATED = "related occupations"
TITLE_EMPLOYEES = "employees per job title"
PAGES = "cached pages"

DEPENDENTS = {
    "occupations.occupation": {SEARCH, EMPLOYER_ROWS, RELATED, PAGES},
    "occupations.alternativetitle": {SEARCH, PAGES},
    "occupations.duty": {SEARCH, PAGES},
    "occupations.workplace": {PAGES},
    "occupations.education": {SEARCH, RELATED, PAGES},  # its NUS code finds the occupation
    "occupations.occupationeducation": {SEARCH, RELATED, PAGES},
    "occupations.graduateoutcome": {PAGES},
    "occupations.salarystatistic": {PAGES},
    "occupations.revieworganisation": {PAGES},
    "occupations.qualityreview": {PAGES},
    "occupations.slugredirect": {PAGES},
    "occupations.historicaloccupation": set(),  # the admin's version history
    "classifications.jobtitle": {SEARCH, EMPLOYER_ROWS, RELATED, PAGES},
    "classifications.styrkgroup": {SEARCH, RELATED, PAGES},
    "classifications.trade": {EMPLOYER_ROWS, RELATED, PAGES},
    "classifications.fieldofwork": {RELATED, PAGES},
    "employers.employer": {EMPLOYER_ROWS, TITLE_EMPLOYEES, RELATED, PAGES},  # deletes employment
    "employers.employment": {EMPLOYER_ROWS, TITLE_EMPLOYEES, RELATED, PAGES},
    "employers.apprenticeshipapproval": {EMPLOYER_ROWS, RELATED, PAGES},
    "regions.county": {EMPLOYER_ROWS, PAGES},
    "regions.municipality": {EMPLOYER_ROWS, PAGES},
    "regions.postalcode": {PAGES},
    "regions.regionchange": {PAGES},  # old numbers in addresses lead to today's regions
    "registers.datasource": {PAGES},  # explanations and "Oppdatert" dates on the pages
    "registers.importrun": set(),  # the import log, in the admin
    "registers.sourcedownload": set(),  # the scheduled downloads' ETags, in the admin
    "related.relatedchoice": {RELATED, PAGES},
    # Derived stores themselves, and the change path's own queue.
    "employers.occupationemployer": set(),
    "employers.jobtitleemployees": set(),
    "related.relatedoccupation": set(),
    "search.searchdocument": set(),
    "search.searchword": set(),
    "search.searchposting": set(),
    "changes.pendingchange": set(),
    "scheduling.scheduledrun": set(),  # the scheduled jobs' log, in the admin
}

# Fields of an occupation that decide which employers it has.
EMPLOYER_FIELDS = {"job_titles", "trades"}
# Fields of an occupation that its related occupations (and theirs) are computed from.
RELATED_FIELDS = {
    "title",  # the order A–Å among equals
    "status",
    "styrk_groups",
    "programmes",
    "trades",
    "fields_added",
    "fields_removed",
}


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
    if changes.touches(County, Municipality):
        return EVERYTHING  # the rows carry each employer's county and municipality
    return employers_scope(changes)


def job_title_employees_scope(changes):
    """The job titles whose employees in the newest month may have changed, or EVERYTHING."""
    if changes.in_bulk(Employer, Employment) or _missing(Employer, changes.pks(Employer)):
        return EVERYTHING  # a deleted employer took its employment with it
    return changes.referenced(Employment, "job_title")


def employers_scope(changes):
    """The occupations whose employers (which ones, how many employed) may have changed, or
    EVERYTHING; unlike employer_rows_scope, places do not count."""
    if changes.in_bulk(Occupation, Employer, Employment, ApprenticeshipApproval):
        return EVERYTHING
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


def _occupations(rows):
    return set(rows.values_list("occupation", flat=True).distinct())


def _sharing(ids):
    """The occupations whose related list may change when these occupations change: those
    that list them now, pin them, or share with them a STYRK-08 unit or minor group, an
    education, a trade, an area of fields or enough employers to list them."""
    ids = set(ids)
    occupations = Occupation.all_objects.filter(pk__in=ids)
    groups = StyrkGroup.objects.filter(occupations__in=ids)
    own = FieldOfWork.objects.filter(
        Q(styrk_groups__occupations__in=ids) | Q(occupations_added__in=ids)
    )
    fields = FieldOfWork.objects.filter(parent__in=own.values("parent"))  # same area
    sharing = Occupation.all_objects.filter(
        Q(styrk_groups__parent__in=groups.values("parent"))
        | Q(programmes__education__in=occupations.values("programmes__education"))
        | Q(trades__in=occupations.values("trades"))
        | Q(styrk_groups__fields_of_work__in=fields)
        | Q(fields_added__in=fields)
    )
    return (
        ids
        | _ids(sharing)
        | _occupations(RelatedOccupation.objects.filter(related__in=ids))
        | _occupations(RelatedChoice.objects.filter(related__in=ids))
        | employer_partners(ids)
    )


def related_scope(changes, *, employers):
    """The occupations whose related occupations may be stale, or EVERYTHING. `employers` is
    employers_scope(changes), taken before the employer rows were refreshed."""
    if employers == EVERYTHING or changes.in_bulk(
        Occupation, OccupationEducation, Education, StyrkGroup, Trade, FieldOfWork, RelatedChoice
    ):
        return EVERYTHING
    if changes.touches(StyrkGroup, FieldOfWork):
        return EVERYTHING  # their names are the reasons; rare, reference data
    trades = changes.pks(Trade)
    if _missing(Trade, trades) or _missing(Education, changes.pks(Education)):
        return EVERYTHING  # their links went with them
    ids = set(employers) | changes.referenced(OccupationEducation, "occupation")
    fields = changes.changed_fields(Occupation)
    if fields is None or fields & RELATED_FIELDS:
        # Working drafts are in no list; a deleted occupation left NULLs in the lists.
        ids |= _ids(Occupation.objects.filter(pk__in=changes.pks(Occupation)))
        ids |= _occupations(RelatedOccupation.objects.filter(related__isnull=True))
    if educations := changes.pks(Education):
        ids |= _ids(Occupation.all_objects.filter(programmes__education__in=educations))
    if trades:
        ids |= _ids(Occupation.all_objects.filter(trades__in=trades))
    # An editor's choice changes only the list it belongs to.
    chosen = changes.referenced(RelatedChoice, "occupation")
    return (_sharing(ids) if ids else set()) | chosen
