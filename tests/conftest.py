import io

import pytest
from django.core.management import call_command


@pytest.fixture
def styrk08(db):
    """The real STYRK-08 classification, loaded the way `make run` loads it."""
    call_command("load_classifications", stdout=io.StringIO())


@pytest.fixture
def regions(db):
    """The real counties, municipalities, postal codes and change tables."""
    call_command("load_regions", stdout=io.StringIO())


@pytest.fixture
def demo_content(styrk08, settings, tmp_path):
    """The demo occupations from fixtures/demo/, with uploaded images in a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def reference_occupation(demo_content):
    from occupations.models import Occupation

    return Occupation.objects.get(slug="tannhelsesekretaer")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="redaktor", email="redaktor@example.no", password="et-langt-passord-for-test"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def ssb_source(db):
    """SSB as a data source, as migration registers/0002 creates it (tests with a live server
    empty the tables, migration data included)."""
    from registers.models import DataSource

    DataSource.objects.get_or_create(
        key=DataSource.Key.SSB, defaults={"name": "Statistisk sentralbyrå"}
    )
