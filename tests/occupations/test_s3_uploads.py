"""Uploaded images in an S3-compatible bucket (MEDIA_STORAGE=s3), so that every app server
sees them: stored, re-encoded and given renditions through Django's storage API, and offered
from the bucket's address. The bucket is moto's in-process S3 (no network)."""

import boto3
import pytest
from moto import mock_aws

from occupations.images import rendition_name
from occupations.services import occupation_publish
from tests.careersite.test_settings import start_django
from tests.factories import OccupationFactory
from tests.occupations.test_image_uploads import photo, upload

pytestmark = pytest.mark.django_db

BUCKET = "yrke-bilder"


@pytest.fixture
def bucket(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "eu-north-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-north-1")
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "eu-north-1",
                    "querystring_auth": False,
                    "file_overwrite": False,
                },
            },
        }
        yield s3


def test_an_upload_and_its_renditions_go_to_the_bucket(editor_client, client, bucket):
    occupation = OccupationFactory(draft=True)

    response = upload(editor_client, occupation, photo(width=1600, height=900))

    assert response.status_code == 302
    occupation.refresh_from_db()
    keys = {item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    renditions = {rendition_name(occupation.image.name, width) for width in (480, 800, 1200)}
    assert keys == {occupation.image.name, *renditions}
    occupation_publish(occupation=occupation)
    html = client.get(occupation.get_absolute_url()).content.decode()
    origin = f"https://{BUCKET}.s3.amazonaws.com/"  # the origin the policy allows by default
    assert f'src="{origin}{occupation.image.name}"' in html


def test_s3_needs_a_bucket_and_the_policy_allows_its_images():
    missing = start_django(DEBUG="true", MEDIA_STORAGE="s3")
    assert "AWS_STORAGE_BUCKET_NAME must be set when MEDIA_STORAGE is s3" in missing.stderr
    script = "import django; django.setup(); from django.conf import settings as s; "
    script += "print(s.SECURE_CSP['img-src'])"
    shown = start_django(
        script,
        DEBUG="true",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_CUSTOM_DOMAIN="bilder.yrke.example.no",
    )
    assert "https://bilder.yrke.example.no" in shown.stdout
    wrong = start_django(DEBUG="true", MEDIA_STORAGE="ftp")
    assert "MEDIA_STORAGE must be filesystem or s3, not 'ftp'" in wrong.stderr
