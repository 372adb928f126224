"""The students app's card on the student hub (/me/): the 生源信息's review state and what is missing."""

from careers.codes.models import Code
from careers.codes.regions import region_path

from ..models import Student

OPTIONAL_FIELDS = ("sponsor_unit", "postal_code")  # not every student has them: never "missing"


def display_value(student, name, value):
    field = Student._meta.get_field(name)
    if field.is_relation:
        code = Code.objects.select_related("parent__parent").filter(pk=value).first() if value else None
        if name == "origin_region" and code is not None:
            return region_path(code)
        return code.name if code else "（空）"
    return value or "（空）"


def record_state(student):
    """The changes waiting for review and the fields the student has not filled in yet."""
    pending = [(Student._meta.get_field(name).verbose_name, display_value(student, name, value))
               for name, value in student.pending_changes.items()]
    missing = [Student._meta.get_field(name).verbose_name for name in Student.SELF_SERVICE_FIELDS
               if name not in OPTIONAL_FIELDS and not getattr(student, name) and name not in student.pending_changes]
    return {"student": student, "pending": pending, "missing": missing}


def record_card(request):
    return record_state(request.student)
