"""学生简历: portal create/edit/preview, privacy, PDF checks, admin list, 推荐 bulk action."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.codes.models import Code
from careers.core.models import OperationLog
from careers.resumes.models import Resume, ResumeEducation
from tests.factories import StudentFactory
from tests.pdf_samples import MINIMAL_PDF
from tests.studentfiles.helpers import student_account

pytestmark = pytest.mark.django_db

PDF = MINIMAL_PDF


def management(prefix, total=0, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "10"}


def resume_data(**extra):
    data = {"title": "软件开发简历", "job_type": "fulltime", "expected_position": "后端开发",
            "salary_min": "8000", "salary_max": "12000", "skills": "Python\nDjango", "self_introduction": "认真负责",
            "visibility": "private", **management("educations", 1), **management("experiences"),
            **management("awards"),
            "educations-0-school": "某大学", "educations-0-major": "软件工程", "educations-0-degree": "本科",
            "educations-0-start": "2023-09", "educations-0-end": "2027-06"}
    data.update(extra)
    return data


@pytest.fixture
def student(org, private_media):
    student = org["students"]["a1"]
    student_account(student)
    return student


def create(client, **extra):
    return client.post(reverse("portal_resumes:add"), resume_data(**extra))


def test_student_builds_and_previews_a_resume(client, student):
    client.force_login(student.user)
    region = Code.objects.of("region").get(code="440000")
    industry = Code.objects.of("industry").get(code="I")
    response = create(client, expected_regions=[region.pk], expected_industry=industry.pk)
    assert response.status_code == 302, response.content.decode()[:3000]
    resume = Resume.objects.get(student=student)
    assert resume.review_status == Resume.ReviewStatus.APPROVED  # manual 2.9: 默认为“已审核”
    assert resume.visibility == Resume.Visibility.PRIVATE and not resume.is_recommended
    assert ResumeEducation.objects.get(resume=resume).school == "某大学"
    body = client.get(reverse("portal_resumes:detail", args=[resume.pk])).content.decode()
    assert "软件开发简历" in body and "广东省" in body and "8000–12000 元/月" in body and "Django" in body
    assert client.get(reverse("portal_resumes:edit", args=[resume.pk])).status_code == 200
    assert client.get(reverse("portal_resumes:list")).status_code == 200


def test_validation_messages(client, student):
    client.force_login(student.user)
    regions = list(Code.objects.of("region").filter(level=1).values_list("pk", flat=True)[:6])
    response = create(client, salary_min="15000", salary_max="9000", expected_regions=regions,
                      **{"educations-0-end": "2020-01"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "不能低于下限" in body and "最多选 5 个" in body and "结束年月不能早于开始年月" in body
    assert not Resume.objects.exists()


def test_pdf_attachment_checked_by_content(client, student):
    client.force_login(student.user)
    exe = SimpleUploadedFile("resume.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    response = create(client, attachment_file=exe)
    assert response.status_code == 400 and "附件不是 PDF 文件" in response.content.decode()
    scripted = SimpleUploadedFile("r.pdf", PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S "
                                                                          b"/JavaScript /JS (app.alert(1)) >>"))
    assert "含有脚本" in create(client, attachment_file=scripted).content.decode()
    big = SimpleUploadedFile("big.pdf", PDF[:-7] + b"\x00" * (5 * 1024 * 1024) + b"%%EOF\n")
    assert "超过了 5 MB" in create(client, attachment_file=big).content.decode()
    assert not Resume.objects.exists()
    assert create(client, attachment_file=SimpleUploadedFile("ok.pdf", PDF)).status_code == 302
    resume = Resume.objects.get()
    response = client.get(reverse("portal_resumes:attachment", args=[resume.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


def test_resumes_are_private_to_their_student(client, student, org):
    client.force_login(student.user)
    create(client, attachment_file=SimpleUploadedFile("ok.pdf", PDF))
    client.get(reverse("portal_resumes:list"))  # shows (and consumes) the "已保存" notice
    resume = Resume.objects.get()
    other = org["students"]["a2"]
    client.force_login(student_account(other))
    for name in ("detail", "edit", "attachment"):
        assert client.get(reverse(f"portal_resumes:{name}", args=[resume.pk])).status_code == 404
    assert client.post(reverse("portal_resumes:edit", args=[resume.pk]), resume_data(title="改")).status_code == 404
    assert client.post(reverse("portal_resumes:delete", args=[resume.pk])).status_code == 404
    assert "软件开发简历" not in client.get(reverse("portal_resumes:list")).content.decode()
    assert Resume.objects.get().title == "软件开发简历"
    assert not Resume.objects.visible_to_employers().exists()  # private by default
    resume.visibility = Resume.Visibility.EMPLOYERS
    resume.save()
    assert list(Resume.objects.visible_to_employers()) == [resume]


def test_resume_limit(client, student):
    Resume.objects.bulk_create([Resume(student=student, title=f"简历{i}") for i in range(Resume.MAX_PER_STUDENT)])
    client.force_login(student.user)
    response = create(client)
    assert response.status_code == 302 and Resume.objects.count() == Resume.MAX_PER_STUDENT


def test_admin_list_and_detail_follow_scope(client, college_admin, org, private_media):
    mine = Resume.objects.create(student=org["students"]["a1"], title="甲院简历")
    theirs = Resume.objects.create(student=org["students"]["b1"], title="乙院简历")
    client.force_login(college_admin)
    body = client.get(reverse("resumes:resume_list"), {"graduation_year": ""}).content.decode()
    assert "甲院简历" in body and "乙院简历" not in body and "标记推荐" in body and "发送消息" in body
    assert client.get(reverse("resumes:resume_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("resumes:resume_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("resumes:resume_attachment", args=[theirs.pk])).status_code == 404


def test_recommend_bulk_action_scope_and_audit(client, college_admin, org):
    mine = Resume.objects.create(student=org["students"]["a1"], title="甲院简历")
    theirs = Resume.objects.create(student=org["students"]["b1"], title="乙院简历")
    client.force_login(college_admin)
    url = reverse("resumes:resume_recommend")
    response = client.post(url, {"pk": [mine.pk, theirs.pk]})
    assert response.status_code == 302
    assert not Resume.objects.filter(is_recommended=True).exists()  # one out of scope: nothing changes
    client.post(url, {"pk": [mine.pk]})
    mine.refresh_from_db()
    assert mine.is_recommended
    log = OperationLog.objects.get(object_type="resumes.resume", object_id=str(mine.pk), action="update")
    assert log.user == college_admin and log.changes["is_recommended"] == ["False", "True"]
    client.post(reverse("resumes:resume_unrecommend"), {"pk": [mine.pk]})
    mine.refresh_from_db()
    assert not mine.is_recommended


def test_recommend_needs_its_permission(client, college_admin, org):
    resume = Resume.objects.create(student=org["students"]["a1"], title="甲院简历")
    college_admin.set_permissions(["resumes.resume.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert client.post(reverse("resumes:resume_recommend"), {"pk": [resume.pk]}).status_code == 403
    assert "标记推荐" not in client.get(reverse("resumes:resume_list"), {"graduation_year": ""}).content.decode()
    resume.refresh_from_db()
    assert not resume.is_recommended


def test_resume_list_query_count_is_fixed(client, school_admin, org):
    client.force_login(school_admin)
    url = reverse("resumes:resume_list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"graduation_year": "", "per_page": 200}).status_code == 200
        return len(ctx)

    Resume.objects.create(student=org["students"]["a1"], title="x")
    count()
    before = count()
    for i in range(15):
        Resume.objects.create(student=StudentFactory(major=org["majors"]["b1"]), title=f"y{i}",
                              expected_industry=Code.objects.of("industry").get(code="I"))
    assert count() == before
