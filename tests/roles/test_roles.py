"""Each role can do exactly its own things: a table of actions, tried through the admin by a
user of every role, and the groups' permissions compared with the definitions."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from occupations.models import Occupation
from registers.models import DataSource
from roles.definitions import ADMINISTRATOR, DATAFORVALTER, REDAKTOR, ROLES, SKRIBENT, roles_setup
from tests.factories import JobTitleFactory, OccupationFactory

pytestmark = pytest.mark.django_db

S, R, D, A = SKRIBENT, REDAKTOR, DATAFORVALTER, ADMINISTRATOR


@pytest.fixture
def role_client(client, django_user_model):
    roles_setup()

    def login(role):
        user = django_user_model.objects.create_user(f"bruker-{role[:3]}", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return login


def admin_url(name, *args):
    return reverse(f"admin:{name}", args=args)


def draft_changes(client, o):
    url = admin_url("occupations_occupation_change", o["new"].pk)
    page = client.get(url)
    if page.status_code != 200 or "adminform" not in page.context:
        return page
    from tests.admin_forms import admin_form_data

    data = admin_form_data(page)
    data["lead"] = "Endret ingress."
    return client.post(url, data)


# (what, request, roles that may do it)
ACTIONS = [
    (
        "see the occupation list",
        lambda c, o: c.get(admin_url("occupations_occupation_changelist")),
        {S, R, D, A},
    ),
    (
        "see the review dashboard",
        lambda c, o: c.get(admin_url("occupations_occupation_dashboard")),
        {S, R, D, A},
    ),
    (
        "see an occupation's history",
        lambda c, o: c.get(admin_url("occupations_occupation_history", o["published"].pk)),
        {S, R, D, A},
    ),
    (
        "start a working draft",
        lambda c, o: c.post(admin_url("occupations_occupation_draft", o["published"].pk)),
        {S, R, A},
    ),
    ("edit a draft", draft_changes, {S, R, A}),
    (
        "restore an old version as a draft",
        lambda c, o: c.post(
            admin_url(
                "occupations_occupation_restore",
                o["published"].pk,
                o["published"].history.first().history_id,
            )
        ),
        {S, R, A},
    ),
    (
        "open the publish page",
        lambda c, o: c.get(admin_url("occupations_occupation_publish", o["new"].pk)),
        {R, A},
    ),
    (
        "publish through the URL",
        lambda c, o: c.post(
            admin_url("occupations_occupation_publish", o["new"].pk),
            {"lock_version": o["new"].lock_version, "_publish": "1"},
        ),
        {R, A},
    ),
    (
        "publish through the list action",
        lambda c, o: c.post(
            admin_url("occupations_occupation_changelist"),
            {"action": "publish", "_selected_action": [o["new"].pk]},
        ),
        {R, A},
    ),
    (
        "unpublish",
        lambda c, o: c.post(admin_url("occupations_occupation_unpublish", o["published"].pk)),
        {R, A},
    ),
    (
        "delete an occupation",
        lambda c, o: c.get(admin_url("occupations_occupation_delete", o["published"].pk)),
        {R, A},
    ),
    (
        "record a quality-assurance review",
        lambda c, o: c.get(admin_url("occupations_qualityreview_add")),
        {R, A},
    ),
    (
        "add a reviewing organisation",
        lambda c, o: c.get(admin_url("occupations_revieworganisation_add")),
        {R, A},
    ),
    (
        "add an education programme",
        lambda c, o: c.get(admin_url("occupations_education_add")),
        {D, A},
    ),
    ("add a job title", lambda c, o: c.get(admin_url("classifications_jobtitle_add")), {D, A}),
    (
        "edit a data source's text",
        lambda c, o: c.get(admin_url("registers_datasource_change", DataSource.objects.first().pk)),
        {D, A},
    ),
    ("see import runs", lambda c, o: c.get(admin_url("registers_importrun_changelist")), {D, A}),
    ("see employers", lambda c, o: c.get(admin_url("employers_employer_changelist")), {D, A}),
    ("manage users", lambda c, o: c.get(admin_url("auth_user_changelist")), {A}),
]


@pytest.mark.parametrize("role", [S, R, D, A])
@pytest.mark.parametrize(("what", "attempt", "allowed"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_permissions_table(role_client, role, what, attempt, allowed):
    client = role_client(role)
    objects = {
        "published": OccupationFactory(),
        "new": OccupationFactory(draft=True),
    }
    objects["published"].save()  # a first recorded version
    JobTitleFactory()

    response = attempt(client, objects)

    if role in allowed:
        assert response.status_code in {200, 302}, f"{role} should be able to {what}"
        if response.status_code == 200 and "adminform" in (response.context or {}):
            assert not response.context["adminform"].form.errors
    else:
        assert response.status_code == 403, f"{role} must not be able to {what}"


def test_skribent_publishing_changes_nothing(role_client):
    client = role_client(SKRIBENT)
    new = OccupationFactory(draft=True)
    url = admin_url("occupations_occupation_publish", new.pk)

    assert client.post(url, {"lock_version": new.lock_version, "_publish": "1"}).status_code == 403
    new.refresh_from_db()
    assert not new.is_published


def test_groups_hold_exactly_the_defined_permissions():
    roles_setup()
    for name, codenames in ROLES.items():
        group = Group.objects.get(name=name)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        if name == ADMINISTRATOR:
            assert len(held) == Permission.objects.count()
        else:
            assert held == set(codenames), name


def test_setup_roles_is_idempotent_and_undoes_changes_by_hand():
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    skribent = Group.objects.get(name=SKRIBENT)
    skribent.permissions.add(Permission.objects.get(codename="publish_occupation"))

    call_command("setup_roles", stdout=out)

    assert Group.objects.filter(name__in=ROLES).count() == len(ROLES)
    assert not skribent.permissions.filter(codename="publish_occupation").exists()
    assert "Skribent: updated" in out.getvalue()


def test_no_role_but_the_redaktor_and_administrator_may_publish():
    roles_setup()
    may_publish = Group.objects.filter(permissions__codename="publish_occupation")
    assert set(may_publish.values_list("name", flat=True)) == {REDAKTOR, ADMINISTRATOR}
    assert Occupation._meta.permissions[0][0] == "publish_occupation"


def test_skribent_cannot_publish_through_the_change_form(role_client):
    from tests.admin_forms import admin_form_data

    client = role_client(SKRIBENT)
    new = OccupationFactory(draft=True)
    url = admin_url("occupations_occupation_change", new.pk)
    data = admin_form_data(client.get(url))
    data.update(status="published", published_at="2024-01-01 10:00", _publish="1")

    assert client.post(url, data).status_code == 302  # saved as a draft, status untouched
    new.refresh_from_db()
    assert not new.is_published


def test_a_skribent_changing_a_scheduled_draft_cancels_the_schedule(role_client, editor):
    import datetime

    from django.utils import timezone

    from occupations.services import occupation_publish_schedule
    from tests.admin_forms import admin_form_data

    new = OccupationFactory(draft=True)
    occupation_publish_schedule(
        draft=new, at=timezone.now() + datetime.timedelta(days=1), by=editor
    )
    client = role_client(SKRIBENT)
    url = admin_url("occupations_occupation_change", new.pk)
    data = admin_form_data(client.get(url))
    data["lead"] = "Endret etter planleggingen."

    response = client.post(url, data, follow=True)

    new.refresh_from_db()
    assert new.publish_scheduled_at is None
    assert "Den planlagte publiseringen er avbrutt" in response.content.decode()
