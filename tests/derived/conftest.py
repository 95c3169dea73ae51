"""A whole site, an admin, and an anonymous visitor whose pages come through the page cache."""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from employers.models import ApprenticeshipApproval, Employment
from employers.queries import latest_period
from occupations.models import Occupation
from tests.admin_forms import admin_form_data


class Visitor:
    """An anonymous visitor. Pages are served from the full-page cache once cached, so a page
    that the change path failed to refresh (or to invalidate) shows the old content."""

    def __init__(self):
        self.client = Client()

    def get(self, url, status=200):
        response = self.client.get(url)
        assert response.status_code == status, f"{url}: {response.status_code}"
        return response.content.decode()

    def warm(self, *urls):
        """Visit the pages so the page cache holds them as they are before the change."""
        for url in urls:
            response = self.client.get(url)
            assert response.status_code == 200, f"{url}: {response.status_code}"
            assert self.client.get(url).wsgi_request.page_cache == "hit", url

    def sees(self, url, *texts, status=200):
        html = self.get(url, status)
        for text in texts:
            assert text in html, f"{url} does not show {text!r}"

    def search(self, query):
        """The occupation pages and employer pages /sok/ finds for `query`, as addresses."""
        html = self.get(f"{reverse('search:results')}?{urlencode({'q': query})}")
        occupations = re.findall(r'<h3 class="search-hit__title"[^>]*><a href="([^"]+)">', html)
        employers = re.findall(r'<li><a href="(/bedrifter/\d{9}/)">', html)
        return occupations + employers

    def misses(self, url, *texts, status=200):
        html = self.get(url, status)
        for text in texts:
            assert text not in html, f"{url} still shows {text!r}"


class Admin:
    """A site administrator working through the admin's own forms, as a browser would."""

    def __init__(self, client):
        self.client = client

    def form(self, obj_or_model):
        """(address, POST data) of the change form of `obj`, or the add form of a model."""
        view = "add" if isinstance(obj_or_model, type) else "change"
        url = _admin_url(obj_or_model, view)
        return url, admin_form_data(self.client.get(url))

    def change(self, obj, **changes):
        url, data = self.form(obj)
        return self.post(url, {**data, **changes})

    def add(self, model, **fields):
        url, data = self.form(model)
        return self.post(url, {**data, **fields})

    def delete(self, obj):
        return self.post(_admin_url(obj, "delete"), {"post": "yes"})

    def delete_selected(self, model, objects):
        """The changelist's bulk action "Delete selected", confirmed."""
        data = {"action": "delete_selected", "_selected_action": [o.pk for o in objects]}
        return self.post(_admin_url(model, "changelist"), {**data, "post": "yes"})

    def publish(self, draft):
        """Publish a draft now through its publish page, as a Redaktør does."""
        url = reverse("admin:occupations_occupation_publish", args=[draft.pk])
        lock_version = Occupation.all_objects.get(pk=draft.pk).lock_version
        return self.post(url, {"lock_version": lock_version})

    def working_draft(self, occupation):
        """'Rediger som utkast' on a published page: its working draft."""
        self.post(reverse("admin:occupations_occupation_draft", args=[occupation.pk]), {})
        return Occupation.all_objects.get(draft_of=occupation)

    def post(self, url, data):
        response = self.client.post(url, data)
        assert response.status_code == 302, _form_errors(url, response)
        return response


def _admin_url(model_or_obj, view):
    opts = model_or_obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    if view in {"change", "delete"}:
        return reverse(name, args=[model_or_obj.pk])
    return reverse(name)


def _form_errors(url, response):
    context = response.context or {}
    errors = []
    if "adminform" in context:
        errors.append(context["adminform"].form.errors)
    for inline in context.get("inline_admin_formsets", []):
        errors.append(inline.formset.errors)
        errors.append(inline.formset.non_form_errors())
    return f"{url} answered {response.status_code}: {errors}"


@pytest.fixture
def visitor():
    return Visitor()


@pytest.fixture
def admin(editor_client):
    return Admin(editor_client)


@pytest.fixture
def site(site_content):
    """The demo site: 16 occupations (the reference page published), the real regions and
    150 fictitious employers with employment and approvals; every derived store built."""
    reference = Occupation.objects.get(slug="tannhelsesekretaer")
    period = latest_period()
    employment = (
        Employment.objects.filter(period=period, job_title__occupations=reference)
        .select_related("employer__municipality__county", "job_title")
        .order_by("employer__orgnr")
        .first()
    )
    approval = (
        ApprenticeshipApproval.objects.current()
        .filter(trade__occupations__isnull=False)
        .select_related("employer", "trade", "county")
        .order_by("pk")
        .first()
    )
    return {
        "reference": reference,
        "employment": employment,
        "employer": employment.employer,
        "approval": approval,
        "period": period,
    }


def inline_add(data, prefix, **fields):
    """Fill the next empty form of an inline formset in admin POST data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    return data


def inline_index(data, prefix, field, value):
    """The index of the inline form whose `field` holds `value`."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for index in range(total):
        if str(data.get(f"{prefix}-{index}-{field}")) == str(value):
            return index
    raise AssertionError(f"no {prefix} form with {field}={value!r}")
