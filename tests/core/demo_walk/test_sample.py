"""The walk's sample covers the variants the known 5xx hid in (issue 12): a dev-zone 生源地, every 学籍状态,
résumés with and without an attachment."""

from careers.resumes.models import Resume
from careers.students.models import Student
from tests.demowalk import _region_kind


def test_the_student_sample_covers_every_status_and_kind_of_origin(demo):
    sample = demo.sampler(Student)
    assert {_region_kind(s.origin_region.code) for s in sample if s.origin_region_id} >= {"zone", "district"}
    assert {s.enrolment_status_id for s in sample} == set(
        Student.objects.values_list("enrolment_status", flat=True).distinct())


def test_the_resume_sample_has_them_with_and_without_attachment(demo):
    assert {bool(r.attachment) for r in demo.sampler(Resume)} == {True, False}
