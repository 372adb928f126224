"""Helpers for the review / 学籍异动 / transfer / entry / summary tests."""

import pytest
from stdnum.cn import ric

from careers.codes.models import Code
from careers.core.models import OperationLog
from careers.students.actions import submit_self_service_changes
from tests.factories import UserFactory


def code(kind, value):
    return Code.objects.of(kind).get(code=value)


def id_number(birth="20030415", serial="123", region="110105"):
    """A valid 身份证号; the serial's last digit is the sex digit (odd = male)."""
    body = f"{region}{birth}{serial}"
    return body + ric.calc_check_digit(body + "?")  # stdnum expects a placeholder check digit


def make_id_valid(student):
    """tests.factories makes IDs with a wrong check digit; give the student a valid one that fits its 性别."""
    from careers.students.models import Student

    # the serial's last digit is odd for a man and even for a woman (GB 11643), as the record's 性别 says
    odd = student.gender == Student.Gender.MALE
    student.id_number = id_number(serial=f"{(student.pk % 500) * 2 + odd:03d}")
    Student.objects.filter(pk=student.pk).update(id_number=student.id_number)
    return student


def submit(student, **values):
    """The student edits key fields in the portal: the record goes to 待审核."""
    submit_self_service_changes(student, values, acting_user=None)
    student.refresh_from_db()
    return student


def logs_for(obj, **filters):
    return OperationLog.objects.filter(object_type=f"{obj._meta.app_label}.{obj._meta.model_name}",
                                       object_id=str(obj.pk), **filters)


@pytest.fixture
def college_b_admin(org, all_permissions):
    """A level-2 admin managing college 乙学院's two majors."""
    user = UserFactory(username="college2", name="乙院管理员")
    user.set_permissions(all_permissions)
    user.save()
    user.managed_majors.set([org["majors"]["b1"], org["majors"]["b2"]])
    return user
