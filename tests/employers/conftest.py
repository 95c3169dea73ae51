import datetime

import pytest

from classifications.models import JobTitle
from employers.summary import occupation_employers_refresh
from tests.factories import (
    ApprovalFactory,
    EmployerFactory,
    EmploymentFactory,
    JobTitleFactory,
    TradeFactory,
)

PERIOD = datetime.date(2026, 10, 1)


@pytest.fixture
def dental_employers(reference_occupation, places):
    """Employers around the reference occupation, each a case the section must get right."""
    titles = {title.code: title for title in JobTitle.objects.all()}
    trade = TradeFactory(name="Helsesekretærfaget (test)")
    reference_occupation.trades.add(trade)
    bergen, voss, oslo = places["4601"], places["4621"], places["0301"]

    two_titles = EmployerFactory(name="Bergen Tannklinikk", municipality=bergen)
    EmploymentFactory(employer=two_titles, job_title=titles["5134103"], period=PERIOD, count=3)
    EmploymentFactory(employer=two_titles, job_title=titles["5134101"], period=PERIOD, count=2)

    oslo_clinic = EmployerFactory(name="Oslo Tannhelse", municipality=oslo)
    EmploymentFactory(employer=oslo_clinic, job_title=titles["5134103"], period=PERIOD, count=7)

    voss_clinic = EmployerFactory(name="Voss Tannlegesenter", municipality=voss)
    EmploymentFactory(employer=voss_clinic, job_title=titles["5134102"], period=PERIOD, count=1)

    apprentice_only = EmployerFactory(name="Åsane Lærebedrift", municipality=bergen)
    ApprovalFactory(employer=apprentice_only, trade=trade, running_contracts=3)

    other_job = EmployerFactory(name="Bergen Bakeri", municipality=bergen)
    EmploymentFactory(employer=other_job, job_title=JobTitleFactory(), period=PERIOD, count=9)

    closed = EmployerFactory(name="Nedlagt Klinikk", municipality=bergen, closed_on=PERIOD)
    EmploymentFactory(employer=closed, job_title=titles["5134103"], period=PERIOD, count=4)

    old_period = EmployerFactory(name="Gammel Klinikk", municipality=bergen)
    EmploymentFactory(
        employer=old_period, job_title=titles["5134103"], period=datetime.date(2026, 9, 1), count=5
    )
    occupation_employers_refresh()
    return {
        "two_titles": two_titles,
        "oslo": oslo_clinic,
        "voss": voss_clinic,
        "apprentice_only": apprentice_only,
        "trade": trade,
    }
