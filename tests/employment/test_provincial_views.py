"""/employment/provincial/: upload, result page, filtered diff table, mismatch export, jobs, audit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from stdnum.cn import ric

from careers.core.models import Job, OperationLog
from careers.employment.models import EmploymentRecord
from careers.employment.provincial import jobs
from careers.employment.provincial.format import LABELS
from tests.employment.provincial_support import csv_bytes, export_all, make_students, rows_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
UPLOAD = "employment:provincial_compare"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def students(org):
    return make_students(12, org["majors"]["a1"]) + make_students(4, org["majors"]["b1"], start=100)


def provincial_file(students, changes):
    """The provincial export of every 2027 record, with `changes` ({student: {column: value}}) applied."""
    rows = rows_of(export_all(EmploymentRecord.objects.filter(student__graduation_year=2027)))
    by_id = {row["身份证号"]: row for row in rows}
    for student, values in changes.items():
        by_id[student.id_number].update(values)
    return rows


def upload(client, rows, name="省系统.csv", encoding="utf-8-sig", year=2027, data=None):
    data = data if data is not None else csv_bytes(rows, encoding=encoding)
    return client.post(reverse(UPLOAD), {"graduation_year": year, "file": SimpleUploadedFile(name, data)})


def test_upload_page_and_layout(client, school_admin):
    client.force_login(school_admin)
    body = client.get(reverse(UPLOAD)).content.decode()
    assert "导出与省系统不一致就业信息" in body and 'data-provincial-upload' in body
    for label in LABELS:
        assert label in body
    assert 'data-menu="employment.provincial.compare"' in body


def test_layout_template_download(client, school_admin):
    client.force_login(school_admin)
    response = client.get(reverse("employment:provincial_template"))
    assert response.status_code == 200
    from careers.core.imports.readers import read_excel

    assert tuple(read_excel(b"".join(response.streaming_content))[0]) == LABELS


def test_without_permission_every_page_is_403(client, org, school_admin):
    user = UserFactory(username="noprov", permissions=["students.student.view"])
    client.force_login(user)
    assert client.get(reverse(UPLOAD)).status_code == 403
    assert client.get(reverse("employment:provincial_template")).status_code == 403
    assert 'data-menu="employment.provincial.compare"' not in client.get(reverse("core:home")).content.decode()


def test_compare_filter_and_export_mismatches(client, school_admin, students):
    client.force_login(school_admin)
    rows = provincial_file(students, {students[0]: {"单位名称": "省里的单位"}, students[3]: {"落实日期": "2020-01-01"}})
    rows = [row for row in rows if row["身份证号"] != students[5].id_number]  # 省系统无此学生
    stranger = "11010519491231002"
    rows.append({"身份证号": stranger + ric.calc_check_digit(stranger + "0"), "姓名": "外校学生"})  # 本系统无此学生
    response = upload(client, rows, encoding="gbk")
    job = Job.objects.get(kind=jobs.COMPARE_KIND)
    assert response.status_code == 302 and response["Location"] == reverse("employment:provincial_result", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.result["counts"]["different"] == 2 and job.result["counts"]["not_in_province"] == 1

    page = client.get(response["Location"]).content.decode()
    assert 'data-count="different">2<' in page and 'data-count="not_ours">1<' in page
    assert 'data-count="same">17<' in page  # 16 + 4 org students - 1 missing - 2 different
    assert "省里的单位" in page and "广州市第0科技有限公司" in page and 'data-field="落实日期"' in page
    assert "不在您管辖范围内或本系统无此学生" in page

    only_different = client.get(response["Location"], {"status": "different"}).content.decode()
    assert only_different.count('data-status="different"') == 2 and 'data-status="not_ours"' not in only_different
    same = client.get(response["Location"], {"status": "same"}).content.decode()
    assert same.count('data-status="same"') == 17

    export = client.post(reverse("employment:provincial_export", args=[job.pk]), {"format": "xlsx"})
    assert export.status_code == 200 and export["Content-Disposition"].endswith(".xlsx")
    exported = rows_of(b"".join(export.streaming_content))
    assert [row["身份证号"] for row in exported] == sorted(
        [students[0].id_number, students[3].id_number], key=lambda i: next(s.student_number for s in students
                                                                           if s.id_number == i))
    assert exported[0]["单位名称"] == "广州市第0科技有限公司"

    with_missing = client.post(reverse("employment:provincial_export", args=[job.pk]),
                               {"format": "csv", "include_missing": "on"})
    exported = rows_of(b"".join(with_missing.streaming_content), "a.csv")
    assert {row["身份证号"] for row in exported} == {students[0].id_number, students[3].id_number,
                                                     students[5].id_number}
    logs = OperationLog.objects.filter(module="employment")
    assert logs.filter(action="import").count() == 1
    assert list(logs.filter(action="export").values_list("changes__rows", flat=True)) == [3, 2]


def test_file_in_another_layout_stops_at_the_form(client, school_admin, students):
    client.force_login(school_admin)
    data = csv_bytes([{"学号": "1"}], headers=["学号", "姓名", "就业单位"])
    response = upload(client, None, data=data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "该文件不是省系统就业信息格式" in body and "缺少列：“考生号”、“身份证号”" in body and "“就业单位”" in body
    assert not Job.objects.exists() and not OperationLog.objects.filter(module="employment").exists()


def test_gbk_file_named_xlsx_and_broken_encoding_are_explained(client, school_admin, students):
    client.force_login(school_admin)
    rows = provincial_file(students, {})
    body = upload(client, rows, name="省系统.xlsx", encoding="gbk").content.decode()
    assert "内容不是 Excel 工作簿" in body
    body = upload(client, None, data=b"\xff\xfe\x00\xd8garbage", name="a.csv").content.decode()
    assert "编码" in body
    assert not Job.objects.exists()


def test_large_file_runs_as_a_background_job_with_progress(client, school_admin, students, monkeypatch):
    monkeypatch.setattr(jobs, "INLINE_ROWS", 1)
    client.force_login(school_admin)
    rows = provincial_file(students, {students[1]: {"毕业去向代码": "70"}, students[2]: {"单位名称": "x"}})
    calls = []
    real = jobs.start_job
    monkeypatch.setattr(jobs, "start_job", lambda *a, **k: calls.append(k.get("inline")) or real(*a, **k))
    response = upload(client, rows)
    assert calls == [False]  # queued for a worker (run eagerly in tests)
    job = Job.objects.get(kind=jobs.COMPARE_KIND)
    assert job.total == len(rows) and job.progress == len(rows)
    export = client.post(reverse("employment:provincial_export", args=[job.pk]), {"format": "csv-gbk"})
    export_job = Job.objects.get(kind=jobs.EXPORT_KIND)
    assert export.status_code == 302 and export["Location"] == reverse("core:job_detail", args=[export_job.pk])
    assert export_job.status == Job.Status.SUCCEEDED and export_job.result["rows"] == 2
    download = client.get(reverse("core:job_download", args=[export_job.pk]))
    data = b"".join(download.streaming_content)
    data.decode("gb18030")
    assert {row["身份证号"] for row in rows_of(data, "a.csv")} == {students[1].id_number, students[2].id_number}
    assert response.status_code == 302


def test_running_comparison_shows_progress(client, school_admin, students):
    client.force_login(school_admin)
    job = Job.objects.create(kind=jobs.COMPARE_KIND, label="与省系统比对：x.xlsx", created_by=school_admin,
                             status=Job.Status.RUNNING, total=5000, progress=1000)
    body = client.get(reverse("employment:provincial_result", args=[job.pk])).content.decode()
    assert "job-progress" in body and "20%" in body


def test_retried_comparison_is_audited_once(client, school_admin, students):
    client.force_login(school_admin)
    upload(client, provincial_file(students, {}))
    job = Job.objects.get(kind=jobs.COMPARE_KIND)
    from careers.core.jobs import execute

    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)
    execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert OperationLog.objects.filter(module="employment", action="import").count() == 1


def test_a_comparison_is_only_visible_to_its_owner(client, school_admin, college_admin, students):
    client.force_login(school_admin)
    upload(client, provincial_file(students, {}))
    job = Job.objects.get(kind=jobs.COMPARE_KIND)
    client.force_login(college_admin)
    assert client.get(reverse("employment:provincial_result", args=[job.pk])).status_code == 404
    assert client.post(reverse("employment:provincial_export", args=[job.pk]), {"format": "xlsx"}).status_code == 404


def test_college_admin_page_and_export_stay_in_scope(client, college_admin, students, org):
    client.force_login(college_admin)
    outsider = students[-1]
    rows = provincial_file(students, {outsider: {"单位名称": "乙院学生的单位"}, students[0]: {"单位名称": "变了"}})
    upload(client, rows)
    job = Job.objects.get(kind=jobs.COMPARE_KIND)
    body = client.get(reverse("employment:provincial_result", args=[job.pk]), {"status": "all"}).content.decode()
    ours = EmploymentRecord.objects.get(student=outsider)
    assert outsider.student_number not in body and ours.employer_name not in body
    assert 'data-count="not_ours">6<' in body  # 4 of college B + org b1, b2
    export = client.post(reverse("employment:provincial_export", args=[job.pk]), {"format": "xlsx",
                                                                                   "include_missing": "on"})
    assert [row["身份证号"] for row in rows_of(b"".join(export.streaming_content))] == [students[0].id_number]


def test_result_page_queries_are_bounded(client, school_admin, students):
    client.force_login(school_admin)
    upload(client, provincial_file(students, {s: {"单位名称": "改"} for s in students}))
    job = Job.objects.get(kind=jobs.COMPARE_KIND)
    url = reverse("employment:provincial_result", args=[job.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, {"status": "all"}).status_code == 200
    assert len(ctx) <= 10, [q["sql"] for q in ctx]


def test_export_with_nothing_to_export(client, school_admin, students):
    client.force_login(school_admin)
    upload(client, provincial_file(students, {}))
    job = Job.objects.get(kind=jobs.COMPARE_KIND)
    response = client.post(reverse("employment:provincial_export", args=[job.pk]), {"format": "xlsx"}, follow=True)
    assert "没有与省系统不一致的记录" in response.content.decode()
    assert not OperationLog.objects.filter(module="employment", action="export").exists()
