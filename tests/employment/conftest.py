"""Fixtures of the employment-record tests: codes, a valid report per template, pending reports."""

import datetime

import pytest
from stdnum.cn import uscc

from careers.codes.models import Code
from careers.core.review import ReviewStatus
from careers.employment.outcomes import actions
from tests.factories import UserFactory


def code(kind, value):
    return Code.objects.of(kind).get(code=value)


def credit_code(serial=1, prefix="91420100"):
    body = f"{prefix}{serial:09d}"
    return body + uscc.calc_check_digit(body)


def contract_values(**overrides):
    """A complete 签就业协议形式就业 report (graduation year 2027)."""
    values = {
        "destination": code("destination", "10"), "employer_name": "武汉光谷软件有限公司",
        "employer_credit_code": credit_code(7), "employer_nature": code("employer_nature", "39"),
        "employer_industry": code("industry", "65"), "employer_region": code("region", "420111"),
        "position": "软件开发工程师", "placed_on": datetime.date(2027, 3, 15), "contact_phone": "027-87654321",
    }
    values.update(overrides)
    return values


def study_values(**overrides):
    values = {"destination": code("destination", "801"), "employer_name": "武汉大学", "study_major": "软件工程",
              "employer_region": code("region", "420106"), "employer_nature": code("employer_nature", "21"),
              "employer_industry": code("industry", "83"), "placed_on": datetime.date(2027, 4, 1)}
    values.update(overrides)
    return values


def form_data(values):
    """POST data of the employment form for cleaned-style values."""
    data = {}
    for name, value in values.items():
        data[name] = value.pk if hasattr(value, "pk") else value.isoformat() if hasattr(value, "isoformat") else value
    return data


def report(record, values):
    """The student reports (the window is open when no 功能时间设置 exists)."""
    actions.submit_report(record, values)
    record.refresh_from_db()
    assert record.review_status == ReviewStatus.PENDING
    return record


@pytest.fixture
def record_a(org):
    return org["students"]["a1"].employment


@pytest.fixture
def record_b(org):
    return org["students"]["b1"].employment


@pytest.fixture
def pending_a(record_a):
    return report(record_a, contract_values())


@pytest.fixture
def pending_b(record_b):
    return report(record_b, contract_values())


@pytest.fixture
def reviewer_only(org):
    """A college-A admin who may view and review employment records but not change them."""
    user = UserFactory(username="reviewer1", name="审核员",
                       permissions=["employment.employmentrecord.view", "employment.employmentrecord.review"])
    user.managed_majors.set([org["majors"]["a1"], org["majors"]["a2"]])
    return user
