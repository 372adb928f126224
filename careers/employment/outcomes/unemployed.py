"""未就业名单: students without an (approved) destination that counts toward the 毕业去向落实率, and why.

Computed from the reviewed fields only, like every rate (careers/employment/outcomes/placed.py): a student
whose first report waits for review is on the list until it is approved.
"""

from django.db.models import Exists, OuterRef

from careers.core.review import ReviewStatus
from careers.students.models import Student

from .models import EmploymentRecord
from .placed import placed_destinations


def unemployed_students():
    """在读 students not counted as placed (a missing record counts as not placed).

    An anti-join on the placed destinations' ids, read now: exclude() through the one-to-one filtered the LEFT
    JOIN, so PostgreSQL hashed every employment record of every year for the COUNT (~150 ms at 200,000
    students); with the codes as a subquery the planner guessed 43 placed records instead of 120,000 and
    the page itself took ~1 s. The ids inline give it the column statistics: COUNT ~70 ms, page ~15 ms.
    Call it per request (not at import): the placed destinations are data."""
    codes = list(placed_destinations().values_list("pk", flat=True))
    placed = EmploymentRecord.objects.filter(student=OuterRef("pk"), destination__in=codes)
    return (Student.objects.filter(is_active=True).filter(~Exists(placed))
            .select_related("major__college", "major__education_level", "employment__destination"))


def employment_of(student):
    try:
        return student.employment
    except Student.employment.RelatedObjectDoesNotExist:
        return None


def reason(student):
    """Why the student is on the list, in the clerk's words."""
    record = employment_of(student)
    if record is None:
        return "无就业记录（请使用“初始化就业信息”）"
    waiting = record.review_status == ReviewStatus.PENDING and bool(record.pending_changes)
    if record.destination_id:
        text = f"去向“{record.destination.name}”不计入落实率"
        return text + "；另有待审核的填报" if waiting else text
    if waiting:
        return "待审核（学生已填报，尚未审核）"
    if record.review_status == ReviewStatus.REJECTED:
        return f"未通过审核：{record.review_note}" if record.review_note else "未通过审核"
    if record.review_status == ReviewStatus.APPROVED:
        return "未填写毕业去向"
    return "未填报"
