"""A résumé as a JSON snapshot, taken at delivery, and what an employer is shown of it.

At delivery the unit gets the résumé as it was then (`Application.snapshot`): a later edit, or
deleting the résumé, changes nothing the unit received. The PDF attachment is copied to its own
private file (`applications/<uuid>.pdf`) for the same reason — the résumé's own file is removed when
the student replaces it. The snapshot never holds the ID number or anything else private to the
school; contact details (phone, e-mail) are in it because the student sent them to this unit.

The 人才库 shows a live visible résumé through the same shape with `contact=False`: no phone, no
e-mail, no attachment (the résumé has no "show my contact details" switch, so contact details wait
until the student delivers).
"""

import uuid

from django.core.files.base import ContentFile
from django.db.models import Prefetch

from careers.resumes.models import Resume
from careers.studentfiles.storage import private_storage

VERSION = 1
ATTACHMENT_DIR = "applications"


def resumes_for_snapshot(queryset=None):
    """Résumés with everything `build_snapshot` reads, in a fixed number of queries."""
    queryset = Resume.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "student__major__college", "student__major__education_level", "expected_industry",
    ).prefetch_related(Prefetch("expected_regions"), "educations", "experiences", "awards")


def build_snapshot(resume, *, contact=True):
    """The résumé as plain JSON (no model references the unit could follow)."""
    student = resume.student
    major = student.major
    data = {
        "version": VERSION,
        "resume_id": resume.pk,
        "title": resume.title,
        "name": student.name,
        "gender": student.get_gender_display(),
        "college": major.college.name if major and major.college_id else "",
        "major": major.name if major else "",
        "education_level": major.education_level.name if major and major.education_level_id else "",
        "graduation_year": student.graduation_year,
        "job_type": resume.get_job_type_display(),
        "expected_position": resume.expected_position,
        "expected_regions": [r.name for r in resume.expected_regions.all()],
        "expected_industry": resume.expected_industry.name if resume.expected_industry_id else "",
        "salary": resume.salary_display,
        "educations": [{"start": e.start, "end": e.end, "school": e.school, "major": e.major, "degree": e.degree}
                       for e in resume.educations.all()],
        "experiences": [{"start": e.start, "end": e.end, "kind": e.get_kind_display(),
                         "organisation": e.organisation, "role": e.role, "description": e.description}
                        for e in resume.experiences.all()],
        "awards": [{"name": a.name, "awarded_on": a.awarded_on, "issuer": a.issuer} for a in resume.awards.all()],
        "skills": resume.skill_list,
        "self_introduction": resume.self_introduction,
        "phone": "",
        "email": "",
        "attachment": "",
        "has_attachment": bool(resume.attachment),
    }
    if contact:
        data["phone"] = student.phone
        data["email"] = student.email or (student.user.email if student.user_id else "")
    return data


def copy_attachment(resume):
    """A private copy of the résumé's PDF for one delivery; "" when there is none (or it is gone)."""
    if not resume.attachment:
        return ""
    storage = private_storage()
    try:
        with resume.attachment.storage.open(resume.attachment.name, "rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        return ""
    return storage.save(f"{ATTACHMENT_DIR}/{uuid.uuid4().hex}.pdf", ContentFile(content))


def delete_attachment(name):
    if name:
        private_storage().delete(name)


def attachment_file(application):
    """The delivered PDF as a FieldFile-like object for `private_file_response` (None when there is none)."""
    name = (application.snapshot or {}).get("attachment") or ""
    if not name or not name.startswith(f"{ATTACHMENT_DIR}/"):
        return None
    return _StoredFile(private_storage(), name)


class _StoredFile:
    def __init__(self, storage, name):
        self.storage, self.name = storage, name

    def __bool__(self):
        return bool(self.name)
