"""协议书管理 pages: the scoped list and detail, 批量审核打印 through the page (numbers, the PDF job, the print
view), the decisions, the student's pages (apply with uploads, 《申请表》 PDF) and 导入协议书编号."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.core.models import Job
from careers.core.scoping import SYSTEM
from careers.employment.agreements import actions
from careers.employment.agreements.models import AgreementApplication, AgreementNumber, MaterialRequirement
from tests.employment.agreements_support import first_applications, fresh, png_upload, record_number, students
from tests.employment.dispatch_support import student_login  # noqa: F401

pytestmark = pytest.mark.django_db


def test_list_is_scoped_and_bounded(client, org, college_admin, django_assert_max_num_queries):
    first_applications(students(org["majors"]["a1"], 5))
    other = actions.apply(org["students"]["b1"], kind="first")
    client.force_login(college_admin)
    url = reverse("employment:agreementapplication_list")
    with django_assert_max_num_queries(25):
        body = client.get(url).content.decode()
    assert "批量审核打印" in body and other.student.student_number not in body
    first_applications(students(org["majors"]["a2"], 20))
    with django_assert_max_num_queries(25):
        client.get(url)
    assert client.get(reverse("employment:agreementapplication_detail", args=[other.pk])).status_code == 404
    export = client.get(reverse("employment:agreementapplication_export") + "?format=csv")
    assert export.status_code in (200, 302)


def test_batch_print_through_the_page(client, org, school_admin, settings):
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT
    applications = first_applications(students(org["majors"]["a1"], 3))
    client.force_login(school_admin)
    url = reverse("employment:agreementapplication_print_batch")
    pks = [a.pk for a in applications]
    page = client.post(url, {"pk": pks})
    assert page.status_code == 200 and "协议书起始号" in page.content.decode()
    refused = client.post(url, {"pk": pks, "_confirm": "1", "batch_label": "B1", "start": "0001", "end": "0005"})
    assert refused.status_code == 400 and "与所选的 3 份申请不一致" in refused.content.decode()
    done = client.post(url, {"pk": pks, "_confirm": "1", "batch_label": "B1", "start": "0001"})
    assert done.status_code == 302 and "/tasks/" in done["Location"]
    job = Job.objects.get(kind="employment.agreements.pdf")
    assert job.status == "succeeded", job.message
    with job.result_file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert len(names) == 3 and all(n.endswith(".pdf") for n in names)
    assert sorted(n.rsplit("_", 1)[1] for n in names) == ["0001.pdf", "0002.pdf", "0003.pdf"]
    view = client.get(reverse("employment:agreementapplication_batch_print") + "?batch=B1").content.decode()
    assert view.count("全国普通高等学校毕业生就业协议书") == 3 and "0003" in view
    one = client.get(reverse("employment:agreementapplication_agreement", args=[pks[0]]) + "?format=pdf")
    assert one["Content-Type"] == "application/pdf" and one.content.startswith(b"%PDF-")


def test_detail_decisions(client, org, school_admin):
    application = actions.apply(org["students"]["a1"], kind="first")
    client.force_login(school_admin)
    detail = reverse("employment:agreementapplication_detail", args=[application.pk])
    body = client.get(detail).content.decode()
    assert "同意" in body and "不同意" in body
    client.post(reverse("employment:agreementapplication_reject", args=[application.pk]), {"reject-reason": ""})
    assert fresh(application).status == "pending"
    client.post(reverse("employment:agreementapplication_approve", args=[application.pk]))
    assert fresh(application).status == "approved"
    actions.print_batch([fresh(application)], batch_label="B", start="9", acting_user=school_admin)
    assert "重置" in client.get(detail).content.decode()
    client.post(reverse("employment:agreementapplication_reset", args=[application.pk]), {"reset-reason": "错位"})
    assert fresh(application).status == "reset"
    form = client.get(reverse("employment:agreementapplication_form", args=[application.pk]) + "?format=pdf")
    assert form.content.startswith(b"%PDF-")


def test_student_applies_on_the_portal(client, org, student_login):
    student = org["students"]["a1"]
    student_login(student)
    home = client.get(reverse("employment_portal:agreements"))
    assert "首次申请协议书" in home.content.decode()
    response = client.post(reverse("employment_portal:agreement_apply"), {"kind": "lost", "reason": "x"})
    assert response.status_code == 400 and "所选申请类型现在不能申请" in response.content.decode()
    response = client.post(reverse("employment_portal:agreement_apply"), {"kind": "first"})
    assert response.status_code == 302
    application = AgreementApplication.objects.get(student=student)
    pdf = client.get(reverse("employment_portal:agreement_form", args=[application.pk]) + "?format=pdf")
    assert pdf.content.startswith(b"%PDF-")
    other = actions.apply(org["students"]["a2"], kind="first")
    assert client.get(reverse("employment_portal:agreement_form", args=[other.pk])).status_code == 404


def test_reissue_needs_its_materials_checked_by_content(client, org, student_login):
    student = org["students"]["a1"]
    actions.print_batch([actions.apply(student, kind="first")], batch_label="B", start="1", acting_user=SYSTEM)
    requirement = MaterialRequirement.objects.create(kind="breach", name="解约函", required=True)
    student_login(student)
    url = reverse("employment_portal:agreement_apply")
    missing = client.post(url, {"kind": "breach", "reason": "违约"})
    assert missing.status_code == 400 and "违约申请须上传“解约函”" in missing.content.decode()
    fake = SimpleUploadedFile("x.png", b"not an image at all", content_type="image/png")
    bad = client.post(url, {"kind": "breach", "reason": "违约", f"material_{requirement.pk}": fake})
    assert bad.status_code == 400 and "解约函须为 JPG、PNG 图片或 PDF 文件" in bad.content.decode()
    ok = client.post(url, {"kind": "breach", "reason": "违约", f"material_{requirement.pk}": png_upload()})
    assert ok.status_code == 302
    application = AgreementApplication.objects.get(student=student, kind="breach")
    material = application.materials.get()
    assert client.get(reverse("employment_portal:agreement_material", args=[material.pk])).status_code == 200


def run_import(client, text):
    response = client.post(reverse("core:import_start", args=["employment.agreementnumber"]),
                           {"file": SimpleUploadedFile("n.csv", text.encode("utf-8-sig"))})
    assert response.status_code == 302, response.content.decode()[:2000]
    token = re.search(r"/([0-9a-f]{32})/", response["Location"]).group(1)
    mapping = {"student_number": "学号", "number": "协议书编号"}
    report = client.get(client.post(reverse("core:import_mapping", args=["employment.agreementnumber", token]),
                                    mapping)["Location"])
    done = client.post(reverse("core:import_commit", args=["employment.agreementnumber", token]))
    return report.content.decode(), done


def test_import_numbers_with_reasons_per_row(client, org, college_admin):
    a1, a2, b1 = org["students"]["a1"], org["students"]["a2"], org["students"]["b1"]
    actions.print_batch([actions.apply(a2, kind="first")], batch_label="B", start="8001", acting_user=SYSTEM)
    client.force_login(college_admin)
    report, _ = run_import(client, f"学号,协议书编号\n{a1.student_number},8001\n{b1.student_number},8100\n"
                                   f"99999999,8101\n")
    assert "已被其他学生使用" in report
    assert report.count("您管辖的专业范围内没有学号为") == 2  # out of scope and unknown: the same words
    assert record_number(a1) == ""
    report, done = run_import(client, f"学号,协议书编号\n{a1.student_number},8002\n")
    assert record_number(a1) == "8002"
    assert AgreementNumber.objects.get(number="8002").source == "imported"
    # a new number for a2 voids the printed one (kept in the history)
    run_import(client, f"学号,协议书编号\n{a2.student_number},8003\n")
    assert AgreementNumber.objects.get(number="8001").status == "void" and record_number(a2) == "8003"


def test_settings_and_materials_are_the_schools(client, org, school_admin, college_admin):
    from careers.employment.agreements.models import AgreementSettings

    client.force_login(college_admin)
    url = reverse("employment:agreementsettings_edit")
    assert "只有学校管理员可以修改协议书设置" in client.get(url).content.decode()
    assert client.post(url, {"mode": "college"}).status_code == 403
    assert client.get(reverse("employment:materialrequirement_add")).status_code == 403
    client.force_login(school_admin)
    assert client.post(url, {"mode": "college", "instructions": "到学院领取"}).status_code == 302
    assert AgreementSettings.load().mode == "college"
    response = client.post(reverse("employment:materialrequirement_add"),
                           {"kind": "breach", "name": "解约函", "required": "on", "position": "1"})
    assert response.status_code == 302
    assert "解约函" in client.get(url).content.decode()


def test_number_not_written_where_the_destination_has_none(org, school_admin):
    """升学 (境内升学) has no 协议书编号 in its fill-in template: the number stays in 协议书管理 only."""
    from careers.codes.models import Code

    student = org["students"]["a1"]
    record = student.employment
    record.destination = Code.objects.of("destination").get(code="801")
    record.save()
    actions.print_batch([actions.apply(student, kind="first")], batch_label="B", start="1", acting_user=school_admin)
    assert record_number(student) == "" and AgreementNumber.objects.get(number="1").student == student


def test_college_mode_forms_for_the_colleges(client, org, college_admin):
    from careers.employment.agreements.models import AgreementSettings

    AgreementSettings.objects.update_or_create(pk=1, defaults={"mode": "college"})
    mine = actions.apply(org["students"]["a1"], kind="first")
    theirs = actions.apply(org["students"]["b1"], kind="first")
    client.force_login(college_admin)
    body = client.get(reverse("employment:agreementapplication_list")).content.decode()
    assert "打印空白协议书" in body and "data-print-batch" not in body
    url = reverse("employment:agreementapplication_college_forms")
    blank = client.get(url + "?count=3")
    assert blank["Content-Type"] == "application/pdf" and blank.content.startswith(b"%PDF-")
    assert client.get(url + "?count=9999").status_code == 302
    assert client.post(url, {"pk": [mine.pk]}).content.startswith(b"%PDF-")
    assert client.post(url, {"pk": [mine.pk, theirs.pk]}).status_code == 302  # out of scope: nothing printed


def test_batch_print_of_everything_the_query_shows(client, org, college_admin):
    """No ticking page by page: every printable application the list's query shows (scoped) in one batch."""
    mine = first_applications(students(org["majors"]["a1"], 3))
    actions.reject(mine[2], acting_user=SYSTEM, reason="不全")
    theirs = actions.apply(org["students"]["b1"], kind="first")
    client.force_login(college_admin)
    url = reverse("employment:agreementapplication_print_batch")
    query = "student__graduation_year=&kind=first"
    page = client.post(url, {"all_matching": "1", "query": query})
    assert page.status_code == 200 and "批量审核打印 2 份协议书" in page.content.decode()
    done = client.post(url, {"all_matching": "1", "query": query, "_confirm": "1", "batch_label": "全部",
                             "start": "6001"})
    assert done.status_code == 302
    assert sorted(AgreementNumber.objects.values_list("number", flat=True)) == ["6001", "6002"]
    assert fresh(theirs).status == "pending" and fresh(mine[2]).status == "rejected"
