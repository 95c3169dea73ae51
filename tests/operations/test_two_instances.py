"""Two gunicorn instances on one PostgreSQL and one Redis are one site: a publication through
one reaches a visitor of the other at once, a lockout recorded by one holds on the other, a
login and an upload made on one work on the other, and each has its own control socket.

The instances are real processes on the test database, so this needs PostgreSQL and Redis
(CI has both; the SQLite test database lives in this process's memory)."""

import io
import os
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection
from PIL import Image

from occupations.models import Occupation
from tests.factories import OccupationFactory
from tests.servers import login, running, site_environment

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
        reason="needs PostgreSQL and Redis that two processes share (CI runs it)",
    ),
]

PASSWORD = "et-langt-passord-for-test"
INLINES = ["alternative_titles", "duties", "workplaces", "programmes", "reviews"]


@pytest.fixture
def instances(tmp_path):
    environment = site_environment(tmp_path, MEDIA_ROOT=str(tmp_path / "media"))
    with running(environment, environment) as both:
        yield both


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 500), "#4477aa").save(buffer, "JPEG")
    return buffer.getvalue()


def test_two_instances_are_one_site(instances, django_user_model, tmp_path):
    first, second = instances
    django_user_model.objects.create_superuser("redaktor", "r@example.no", PASSWORD)
    django_user_model.objects.create_user("vikar", "v@example.no", PASSWORD, is_staff=True)
    occupation = OccupationFactory(title="Brønnborer", lead="Borer brønner.")
    page = f"{occupation.get_absolute_url()}"

    # A visitor of the second instance has the page cached (in Redis).
    visitor = requests.Session()
    assert visitor.get(f"{second}{page}").status_code == 200
    assert visitor.get(f"{second}{page}").status_code == 200

    # An editor logs in on the first instance; the session works on the second too.
    editor, response = login(first, "redaktor", PASSWORD)
    assert response.status_code == 302
    assert editor.get(f"{second}/admin/", allow_redirects=False).status_code == 200

    # Unpublished through the first: the second's visitor sees it at once.
    unpublish = f"{first}/admin/occupations/occupation/{occupation.pk}/avpubliser/"
    token = {"csrfmiddlewaretoken": editor.cookies["csrftoken"]}
    assert editor.post(unpublish, data=token, allow_redirects=False).status_code == 302
    assert visitor.get(f"{second}{page}").status_code == 404

    # An image uploaded through the second is served by the first.
    form = {
        "title": "Isbreguide",
        "title_plural": "isbreguider",
        "slug": "isbreguide",
        "lead": "Leder turer på isbreer.",
        "image_alt": "En isbre.",
        **token,
    }
    for prefix in INLINES:
        form.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = editor.post(
        f"{second}/admin/occupations/occupation/add/",
        data=form,
        files={"image": ("isbre.jpg", jpeg(), "image/jpeg")},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]
    image = Occupation.all_objects.get(slug="isbreguide").image
    served = requests.get(f"{first}/media/{image.name}")
    assert served.status_code == 200
    assert served.content == (tmp_path / "media" / image.name).read_bytes()

    # Five failed logins on the first lock the username out on the second.
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(first, "vikar", "feil-passord")
    _browser, response = login(second, "vikar", PASSWORD)
    assert response.status_code == 429

    # Each instance has its own control socket.
    sockets = sorted(path.name for path in Path(tmp_path / "run").glob("*.ctl"))
    ports = sorted(url.rsplit(":", 1)[1] for url in (first, second))
    assert sockets == [f"gunicorn-127.0.0.1-{port}.ctl" for port in ports]
