"""Fixtures and helpers of the 派遣信息 tests (imported by each test module; no conftest, so the
employment tests of other areas stay independent)."""

import pytest

from careers.core.scoping import SYSTEM
from careers.accounts.models import User
from careers.codes.models import Code
from careers.core.models import OperationLog
from careers.employment.dispatch.authorities import load_authorities
from careers.employment.models import DispatchRecord, SupervisingAuthority


def region(code):
    return Code.objects.of("region").get(code=code)


def authority(name):
    return SupervisingAuthority.objects.get(name=name)


def record_of(student):
    return DispatchRecord.objects.get(student=student)


def logs_for(obj, **filters):
    return OperationLog.objects.filter(object_type=f"{obj._meta.app_label}.{obj._meta.model_name}",
                                       object_id=str(obj.pk), **filters)


def report(record, **values):
    """The student reports changes (pending, 待审核), bypassing the window and the form."""
    from careers.core import review

    review.submit(record, values)
    record.save()
    record.refresh_from_db()
    return record


def employer_report(record, **extra):
    """A typical report: 派遣到就业单位 in 广州市天河区, under 广州市人社局."""
    values = {"kind": DispatchRecord.Kind.EMPLOYER, "receiving_unit": "广州星辰科技有限公司",
              "receiving_region": region("440106"), "supervising_authority": authority("广州市人力资源和社会保障局"),
              "report_address": "广州市天河区科韵路16号", "report_postal_code": "510665"}
    values.update(extra)
    return report(record, **values)


@pytest.fixture
def authorities(db):
    load_authorities()
    return SupervisingAuthority.objects.all()


@pytest.fixture
def student_login(client):
    """Log in as a student's own account (password already chosen)."""

    def do_login(student):
        from tests.factories import UserFactory

        user = student.user or UserFactory(username=student.student_number, kind=User.Kind.STUDENT)
        if student.user_id != user.pk:
            type(student).objects.filter(pk=student.pk).update(user=user)
            student.user = user
        User.objects.filter(pk=user.pk).update(must_change_password=False, initial_credential=False)
        client.force_login(User.objects.get(pk=user.pk))
        return client

    return do_login


ORIGINS = {"a1": "440106", "a2": "330106", "b1": "110105", "b2": "420111"}


@pytest.fixture
def initialised(org, authorities):
    """The org students get a 生源地 and their dispatch records start as 回生源地 (as create_students does)."""
    from careers.employment.dispatch.actions import reinitialise
    from careers.students.models import Student

    for key, student in org["students"].items():
        Student.objects.filter(pk=student.pk).update(origin_region=region(ORIGINS[key]))
    reinitialise(list(DispatchRecord.objects.filter(student__in=org["students"].values())), acting_user=SYSTEM)
    return {key: record_of(student) for key, student in org["students"].items()}
