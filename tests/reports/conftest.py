"""The hand-computed fixture: 13 students of 2026 in 5 majors of 2 colleges (on top of `org`'s 2027 students).

| # | major (college, 学历)  | sex | 生源地          | employment record                                   |
|---|------------------------|-----|-----------------|-----------------------------------------------------|
| 1 | a1 (甲, 本科)           | 男  | 110105 北京      | approved 10 签就业协议形式就业                        |
| 2 | a1                     | 女  | 440305 广东      | approved 80 境内升学                                  |
| 3 | a1                     | 女  | 110000 北京      | approved 70 待就业 (known, not placed)               |
| 4 | a1                     | 男  | —               | pending report of 10 (never approved)               |
| 5 | a2 (甲, 本科)           | 男  | 440305 广东      | approved 46 应征义务兵                                |
| 6 | a2                     | 女  | 320102 江苏      | rejected report of 11                                |
| 7 | b1 (乙, 本科)           | 女  | 320102 江苏      | approved 75 自主创业                                  |
| 8 | b1                     | 男  | 110105 北京      | approved 85 境外留学                                  |
| 9 | b1                     | 男  | 320102 江苏      | approved 71 不就业拟升学 (known, not placed)          |
|10 | b1                     | 男  | 440305 广东      | empty                                               |
|11 | b1                     | 男  | 110105 北京      | approved 10, but the student is inactive: excluded  |
|12 | m (甲, 硕士)            | 女  | 110105 北京      | approved 502 三支一扶 (a child code)                  |
|13 | b2 (乙, 本科)           | 男  | 440305 广东      | approved 12 earlier, now a pending change: 12 counts |

Graduates 12, placed 7 (1, 2, 5, 7, 8, 12, 13), known 9 (+3, 9).
Employers (for the statistics items): 1 国有企业 / 软件和信息技术服务业 (division 65) in 440305 广东;
5 部队, no region; 7 其他企业 / section I itself in 110105 北京; 12 nothing filled in.
"""

import pytest

from careers.core import review
from careers.core.review import ReviewStatus
from tests.factories import MajorFactory, StudentFactory, code

YEAR = 2026

ROWS = [
    # key, major, gender, origin, (status, destination code) or a callable
    (1, "a1", "1", "110105", "approved", "10"),
    (2, "a1", "2", "440305", "approved", "80"),
    (3, "a1", "2", "110000", "approved", "70"),
    (4, "a1", "1", None, "pending", "10"),
    (5, "a2", "1", "440305", "approved", "46"),
    (6, "a2", "2", "320102", "rejected", "11"),
    (7, "b1", "2", "320102", "approved", "75"),
    (8, "b1", "1", "110105", "approved", "85"),
    (9, "b1", "1", "320102", "approved", "71"),
    (10, "b1", "1", "440305", "empty", None),
    (11, "b1", "1", "110105", "approved", "10"),
    (12, "m", "2", "110105", "approved", "502"),
    (13, "b2", "1", "440305", "approved-then-pending", "12"),
]

# number -> (employer nature, industry, employer region)
EMPLOYERS = {1: ("31", "65", "440305"), 5: ("40", None, None), 7: ("39", "I", "110105")}


def approve_report(record):
    """What approving writes (careers/core/review.approve) without the fill-in template's field checks,
    which the rate fixtures don't fill in."""
    review.apply_values(record, record.pending_changes)
    record.pending_changes = {}
    record.review_status = ReviewStatus.APPROVED
    record.save()


def set_outcome(student, status, destination):
    record = student.employment
    if status == "approved":
        record.destination = code("destination", destination)
        record.review_status = ReviewStatus.APPROVED
    elif status == "pending":
        review.submit(record, {"destination": code("destination", destination)})
    elif status == "rejected":
        review.submit(record, {"destination": code("destination", destination)})
        review.reject(record, reason="单位名称与协议书不一致")
    elif status == "approved-then-pending":
        record.destination = code("destination", destination)
        record.review_status = ReviewStatus.APPROVED
        review.submit(record, {"destination": code("destination", "10")})
    record.save()


@pytest.fixture
def outcomes(org):
    """{number: student} of the table above; `majors` adds the 硕士 major m of 甲学院."""
    majors = dict(org["majors"])
    majors["m"] = MajorFactory(college=org["college_a"], name="甲硕士专业", education_level=code("education_level", "11"))
    students = {}
    for number, major, gender, origin, status, destination in ROWS:
        student = StudentFactory(major=majors[major], gender=gender, graduation_year=YEAR, enrolment_year=YEAR - 4,
                                 name=f"fixture{number}", origin_region=code("region", origin) if origin else None)
        if number == 11:
            student.is_active = False
            student.save()
        set_outcome(student, status, destination)
        if number in EMPLOYERS:
            record = student.employment
            nature, industry, region = EMPLOYERS[number]
            record.employer_name = f"单位{number}"
            record.employer_nature = code("employer_nature", nature)
            record.employer_industry = code("industry", industry) if industry else None
            record.employer_region = code("region", region) if region else None
            record.save()
        students[number] = student
    return {**org, "students": students, "majors": majors}
