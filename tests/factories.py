import datetime

import factory
from django.utils import timezone

from classifications.models import JobTitle, StyrkGroup, Trade
from employers.demo import fictitious_orgnrs
from employers.models import ApprenticeshipApproval, Employer, Employment
from occupations.models import (
    AlternativeTitle,
    Duty,
    Education,
    GraduateOutcome,
    Occupation,
    OccupationEducation,
    QualityReview,
    ReviewOrganisation,
    SalaryStatistic,
    Workplace,
)
from regions.models import County, Municipality


class StyrkGroupFactory(factory.django.DjangoModelFactory):
    """A unit group with its three ancestors, so the hierarchy is always complete."""

    class Meta:
        model = StyrkGroup
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{9000 + n % 999:04d}")
    level = factory.LazyAttribute(lambda group: len(group.code))
    name = factory.Sequence(lambda n: f"Yrkesgruppe {n}")
    parent = factory.LazyAttribute(
        lambda group: (
            StyrkGroupFactory(code=group.code[:-1], name=f"Gruppe {group.code[:-1]}")
            if len(group.code) > 1
            else None
        )
    )


class JobTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobTitle
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{7000000 + n}")
    name = factory.Sequence(lambda n: f"STILLINGSTITTEL {n}")


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation

    title = factory.Sequence(lambda n: f"Yrke {n}")
    title_plural = factory.LazyAttribute(lambda o: f"{o.title.lower()}er")
    slug = factory.Sequence(lambda n: f"yrke-{n}")
    lead = "En kort ingress om yrket."
    status = Occupation.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Occupation.Status.DRAFT, published_at=None)


class AlternativeTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AlternativeTitle

    occupation = factory.SubFactory(OccupationFactory)
    title = factory.Sequence(lambda n: f"Annet navn {n}")


class DutyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Duty

    occupation = factory.SubFactory(OccupationFactory)
    text = factory.Sequence(lambda n: f"oppgave {n}")
    position = factory.Sequence(int)


class WorkplaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workplace

    occupation = factory.SubFactory(OccupationFactory)
    name = factory.Sequence(lambda n: f"arbeidssted {n}")
    position = factory.Sequence(int)


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    name = factory.Sequence(lambda n: f"Utdanning {n}")
    level = "Vg3"
    graduates_term = factory.Sequence(lambda n: f"utdanning{n}-utdannede")


class GraduateOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateOutcome

    education = factory.SubFactory(EducationFactory)
    styrk_group = factory.SubFactory(StyrkGroupFactory)
    share_percent = "12.5"
    year = 2019


class SalaryStatisticFactory(factory.django.DjangoModelFactory):
    """Invented figures for tests; the sector and gender default to SSB's totals."""

    class Meta:
        model = SalaryStatistic

    styrk_group = factory.SubFactory(StyrkGroupFactory)
    year = 2024
    sector_code = "ALLE"
    sector_label = "Alle sektorer"
    sector_order = 0
    gender_code = "0"
    gender_label = "Begge kjønn"
    gender_order = 0
    measure = SalaryStatistic.Measure.MEDIAN
    value = 40000
    status = ""


class OccupationEducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationEducation

    occupation = factory.SubFactory(OccupationFactory)
    education = factory.SubFactory(EducationFactory)
    position = factory.Sequence(int)


class ReviewOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewOrganisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Fagrådet {n}")


class QualityReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityReview

    occupation = factory.SubFactory(OccupationFactory)
    organisation = factory.SubFactory(ReviewOrganisationFactory)
    reviewed_on = factory.LazyFunction(lambda: datetime.date(2020, 8, 25))


class TradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trade
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Lærefag {n}")


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{70 + n % 29:02d}")
    name = factory.Sequence(lambda n: f"Fylke {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    county = factory.SubFactory(CountyFactory)
    code = factory.LazyAttributeSequence(lambda m, n: f"{m.county.code}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Kommune {n}")


_orgnrs = fictitious_orgnrs(start=19_000_000)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    orgnr = factory.LazyFunction(lambda: next(_orgnrs))
    name = factory.Sequence(lambda n: f"Eksempel Bedrift {n} AS")
    municipality = factory.SubFactory(MunicipalityFactory)


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    employer = factory.SubFactory(EmployerFactory)
    job_title = factory.SubFactory(JobTitleFactory)
    period = datetime.date(2026, 10, 1)
    count = 3


class ApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApprenticeshipApproval

    employer = factory.SubFactory(EmployerFactory)
    trade = factory.SubFactory(TradeFactory)
    county = factory.LazyAttribute(lambda approval: approval.employer.municipality.county)
    approved_from = datetime.date(2020, 1, 1)
    running_contracts = 2
