"""The editorial roles as Django groups, each with exactly these permissions.

`roles_setup()` (the `setup_roles` command) makes the groups in the database match this file:
it creates missing groups and sets each group's permissions to exactly the list, removing any
added by hand. Users get a role by being put in its group (and `is_staff` to log in).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

SKRIBENT = "Skribent"
REDAKTOR = "Redaktør"
DATAFORVALTER = "Dataforvalter"
ADMINISTRATOR = "Nettstedsadministrator"


def _crud(app_model, *actions):
    app, model = app_model.split(".")
    return [f"{app}.{action}_{model}" for action in actions]


# Writes and edits drafts (new pages and working drafts of published ones); cannot publish,
# delete, or record quality-assurance reviews. The lists on a page are inline models, so they
# need their own add/change/delete; the view permissions serve the autocomplete fields.
_SKRIBENT = [
    *_crud("occupations.occupation", "view", "add", "change"),
    *_crud("occupations.alternativetitle", "view", "add", "change", "delete"),
    *_crud("occupations.duty", "view", "add", "change", "delete"),
    *_crud("occupations.workplace", "view", "add", "change", "delete"),
    *_crud("occupations.occupationeducation", "view", "add", "change", "delete"),
    "occupations.view_education",
    "occupations.view_qualityreview",
    "occupations.view_revieworganisation",
    "occupations.view_slugredirect",
    "classifications.view_jobtitle",
    "classifications.view_styrkgroup",
    "classifications.view_trade",
    "classifications.view_fieldofwork",
    "related.view_relatedchoice",
]

# Everything a Skribent does, and also publishes, unpublishes and schedules, deletes pages,
# records quality-assurance reviews and keeps the list of reviewing organisations.
_REDAKTOR = [
    *_SKRIBENT,
    "occupations.delete_occupation",
    "occupations.publish_occupation",
    *_crud("occupations.qualityreview", "add", "change", "delete"),
    *_crud("occupations.revieworganisation", "add", "change"),
    *_crud("occupations.slugredirect", "add", "change", "delete"),
    # Pins and hides in the related occupations show on the public page at once.
    *_crud("related.relatedchoice", "add", "change", "delete"),
]

# Reference data, job-title mapping (classifications.change_jobtitle), data-source texts and
# import runs; reads occupations (to map titles to them) but does not write their text.
_DATAFORVALTER = [
    "occupations.view_occupation",
    *_crud("occupations.education", "view", "add", "change"),
    *_crud("occupations.graduateoutcome", "view", "add", "change", "delete"),
    "occupations.view_salarystatistic",
    *_crud("classifications.jobtitle", "view", "add", "change"),
    *_crud("classifications.styrkgroup", "view", "change"),
    *_crud("classifications.trade", "view", "add", "change"),
    "classifications.view_fieldofwork",
    "regions.view_county",
    "regions.view_municipality",
    "regions.view_postalcode",
    "regions.view_regionchange",
    *_crud("registers.datasource", "view", "change"),
    "registers.view_importrun",
    # The scheduled jobs (imports, downloads) and what each download got last.
    "scheduling.view_scheduledrun",
    "registers.view_sourcedownload",
    # Changes still waiting for their refresh (and running it again), and the task queue.
    "changes.view_pendingchange",
    "django_tasks_database.view_dbtaskresult",
    "employers.view_employer",
    "employers.view_employment",
    "employers.view_apprenticeshipapproval",
]

ALL = object()  # every permission there is

ROLES = {
    SKRIBENT: sorted(set(_SKRIBENT)),
    REDAKTOR: sorted(set(_REDAKTOR)),
    DATAFORVALTER: sorted(set(_DATAFORVALTER)),
    # Site administrators: everything, users and groups included.
    ADMINISTRATOR: ALL,
}


def _permissions(codenames):
    wanted = {tuple(name.split(".")) for name in codenames}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in wanted}
        )
    }
    missing = sorted(".".join(key) for key in wanted - found.keys())
    if missing:
        raise LookupError(f"Unknown permissions (migrate first?): {', '.join(missing)}")
    return [found[key] for key in wanted]


@transaction.atomic
def roles_setup():
    """Create or update every role's group; returns {role: (created, number of permissions)}."""
    report = {}
    for name, codenames in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.all() if codenames is ALL else _permissions(codenames)
        group.permissions.set(permissions)
        report[name] = (created, group.permissions.count())
    return report
