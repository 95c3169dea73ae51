import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from employers.models import Employer, validate_orgnr
from tests.factories import EmployerFactory


@pytest.mark.parametrize("orgnr", ["974760673", "923609016", "983498221"])
def test_real_organisation_numbers_are_valid(orgnr):
    validate_orgnr(orgnr)


@pytest.mark.parametrize("orgnr", ["974760674", "12345678", "9237600160", "abcdefghi", ""])
def test_bad_organisation_numbers_are_rejected(orgnr):
    with pytest.raises(ValidationError, match="ikke et gyldig organisasjonsnummer"):
        validate_orgnr(orgnr)


@pytest.mark.django_db
def test_model_validation_rejects_a_bad_checksum():
    employer = EmployerFactory.build(orgnr="974760674", municipality=None)
    with pytest.raises(ValidationError) as error:
        employer.full_clean()
    assert "orgnr" in error.value.message_dict


@pytest.mark.django_db
def test_orgnr_is_unique():
    first = EmployerFactory()
    with pytest.raises(IntegrityError):
        Employer.objects.create(orgnr=first.orgnr, name="Kopi")


@pytest.mark.django_db
def test_employment_period_must_be_the_first_of_a_month():
    import datetime

    from tests.factories import EmploymentFactory

    with pytest.raises(IntegrityError):
        EmploymentFactory(period=datetime.date(2026, 10, 13))
