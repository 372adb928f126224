"""系统参考值: what the records say for the figures the system understands, per major.

Only approved employment records count (the same rule as every rate). 已就业 = a destination that
counts toward the placement rate other than 升学; 升学 = destination category 升学; 签约 = a signed
employment agreement or labour contract (destination codes 10 and 11).
"""

from collections import defaultdict

from django.db.models import Count

from careers.students.models import Student

SIGNED_CODES = {"10", "11"}
STUDY = "升学"


def suggestions(year, major_ids):
    """{major id: {figure key: number}} for graduates, employed, further_study and signed."""
    from careers.employment.models import EmploymentRecord

    major_ids = list(major_ids)
    result = defaultdict(lambda: {"graduates": 0, "employed": 0, "further_study": 0, "signed": 0})
    if not major_ids:
        return result
    students = Student.objects.filter(graduation_year=year, is_active=True, major__in=major_ids)
    for major_id, n in students.order_by().values_list("major_id").annotate(n=Count("pk")):
        result[major_id]["graduates"] = n
    records = (EmploymentRecord.objects.filter(student__in=students, destination__isnull=False)
               .order_by().values_list("student__major_id", "destination__code", "destination__extra__category",
                                       "destination__extra__counts_as_placed")
               .annotate(n=Count("pk")))
    for major_id, code, category, placed, n in records:
        figures = result[major_id]
        if category == STUDY:
            figures["further_study"] += n
        elif str(placed) == "1":  # SQLite decodes the JSON text "1" to the number 1
            figures["employed"] += n
        if code in SIGNED_CODES:
            figures["signed"] += n
    return result
