"""网上签约 approved while another admin 批量审核打印s from the same number: the unique index decides (the
same machinery as two paper batches, tests/employment/test_agreements_race.py) — one wins, the other is
refused whole, nothing is shared or half written. Runs concurrently on PostgreSQL, in turn on SQLite."""

import datetime

import pytest
from django.utils import timezone

from careers.employment.agreements import actions, signing
from careers.employment.agreements.models import AgreementNumber, AgreementSettings, OnlineAgreement
from tests.employment.test_agreements_race import _run, admin
from tests.factories import EmployerFactory, MajorFactory, StudentFactory, code


@pytest.mark.django_db(transaction=True)
def test_online_approval_and_a_paper_batch_from_the_same_number():
    AgreementSettings.objects.update_or_create(pk=1, defaults={"online_signing": True})
    admin_a, admin_b = admin("sign-race-a"), admin("sign-race-b")
    major = MajorFactory()
    employer = EmployerFactory(admitted=True)
    agreement = signing.save(StudentFactory(major=major), {
        "employer": employer, "job_title": "工程师", "work_region": code("region", "420111"),
        "contract_period": "3 年", "salary": "面议", "start_date": timezone.localdate() + datetime.timedelta(days=30)},
        submit=True)
    signing.employer_confirm(agreement, employer=employer, contact="王", phone="138", acting_user=employer.user)
    paper = [actions.apply(StudentFactory(major=major), kind="first") for _ in range(3)]

    def online():
        signing.approve(OnlineAgreement.objects.get(pk=agreement.pk), acting_user=admin_a, start="5001")
        return "ok"

    def batch():
        actions.print_batch(paper, batch_label="P", start="5001", acting_user=admin_b)
        return "ok"

    outcomes = _run([online, batch])
    assert sorted(o == "ok" for o in outcomes) == [False, True], outcomes
    assert "5001" in next(str(o) for o in outcomes if o != "ok")
    numbers = list(AgreementNumber.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) and "5001" in numbers
    status = OnlineAgreement.objects.get(pk=agreement.pk).status
    assert (status == "signed") == (outcomes[0] == "ok")  # the loser wrote nothing
    assert status in ("signed", "school")
