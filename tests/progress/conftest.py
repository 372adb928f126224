import datetime

import pytest
from django.utils import timezone

from careers.progress.figures import DEFAULT_FIGURES
from careers.progress.models import ProgressProject

YEAR = 2027
FIGURES = [*DEFAULT_FIGURES[:4], {"key": "rate", "label": "去向落实率", "kind": "percentage"}, DEFAULT_FIGURES[4]]


def make_project(*, opens_in_days=-1, closes_in_days=7, figures=None, year=YEAR, title="2027届就业进展（第一期）"):
    now = timezone.now()
    return ProgressProject.objects.create(
        title=title, graduation_year=year, starts_at=now + datetime.timedelta(days=opens_in_days),
        ends_at=now + datetime.timedelta(days=closes_in_days), figures=figures or FIGURES)


@pytest.fixture
def project(org):
    return make_project()


def values(**overrides):
    data = {"graduates": "40", "employed": "30", "further_study": "5", "signed": "20", "rate": "87.5",
            "note": "截至 6 月 30 日"}
    data.update(overrides)
    return data
