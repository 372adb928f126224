"""导入专业设置 end to end: template, upload, field matching, dry run, commit, re-run."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.core.imports import get_spec
from careers.core.imports.mapping import auto_mapping
from careers.core.imports.session import ImportSession
from careers.core.models import Job, OperationLog, UserPreference
from careers.org.models import Department, Major
from tests.factories import CampusFactory, CollegeFactory, DepartmentFactory, MajorFactory

pytestmark = pytest.mark.django_db

HEADER = ["学历", "专业名称", "专业代码", "学制", "专业类别", "校区", "学院", "系别", "专业方向"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def school(db):
    return {"campus": CampusFactory(name="主校区"), "college": CollegeFactory(name="信息学院"),
            "other": CollegeFactory(name="外国语学院")}


def xlsx(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(name="软件工程", level="本科生", code="080902", duration="4年", discipline="工学", campus="主校区",
        college="信息学院", department="", specialization=""):
    return [level, name, code, duration, discipline, campus, college, department, specialization]


def upload(client, data, name="majors.xlsx", slug="org.major", **extra):
    return client.post(reverse("core:import_start", args=[slug]),
                       {"file": SimpleUploadedFile(name, data), **extra})


def token_of(response):
    assert response.status_code == 302, response.content.decode()[:3000]
    return re.search(r"/([0-9a-f]{32})/", response["Location"]).group(1)


def full_mapping():
    return {f.name: f.label for f in get_spec("org.major").fields}


def check(client, token, mapping=None):
    response = client.post(reverse("core:import_mapping", args=["org.major", token]), mapping or full_mapping())
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(response["Location"])


def commit(client, token):
    response = client.post(reverse("core:import_commit", args=["org.major", token]))
    assert response.status_code == 302
    return client.get(response["Location"])


def run_import(client, rows):
    token = token_of(upload(client, xlsx(rows)))
    report = check(client, token)
    return token, report, commit(client, token)


def test_template_has_marked_headers_notes_and_dropdowns(client, school_admin):
    client.force_login(school_admin)
    response = client.get(reverse("core:import_template", args=["org.major"]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["学历*", "专业名称*", "专业代码*"] and headers[-2:] == ["系别", "专业方向"]
    assert sheet["A2"].value.startswith("说明：必须填写")
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert {"A3", "D3", "E3"} <= set(validations)  # 学历, 学制, 专业类别
    lists = book["可选值"]
    assert lists.sheet_state == "hidden"
    assert "本科生" in [c.value for c in lists["A"]]


def test_template_file_imports_cleanly_after_filling(client, school_admin, school):
    """The notes row of the template is skipped; row numbers stay as in Excel."""
    client.force_login(school_admin)
    data = b"".join(client.get(reverse("core:import_template", args=["org.major"])).streaming_content)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.worksheets[0].append(row())
    buffer = io.BytesIO()
    book.save(buffer)
    token = token_of(upload(client, buffer.getvalue(), "template.xlsx"))
    session = ImportSession.load(token, user=school_admin, slug="org.major")
    auto = auto_mapping(get_spec("org.major"), session.meta["headers"])
    assert auto["education_level"] == "学历*"  # required marks are ignored when matching
    check(client, token, auto)
    report = ImportSession.load(token, user=school_admin, slug="org.major").load_report()
    assert [r["row"] for r in report["rows"]] == [3]
    assert report["counts"]["create"] == 1


def test_import_creates_majors_then_rerun_creates_no_duplicates(client, school_admin, school):
    client.force_login(school_admin)
    rows = [row(), row("计算机科学与技术", code="080901"), row("英语", code="050201", discipline="文学",
                                                           college="外国语学院")]
    _, report, done = run_import(client, rows)
    assert "新增 3 条" in done.content.decode()
    assert Major.objects.count() == 3
    major = Major.objects.get(name="英语")
    assert (major.college.name, major.education_level.name, major.duration.name) == ("外国语学院", "本科生", "4年")
    assert major.history.count() == 1  # history written by the bulk import too
    log = OperationLog.objects.get(action="import")
    assert log.user == school_admin and log.changes["counts"]["create"] == 3

    _, report, done = run_import(client, rows)
    body = report.content.decode()
    assert 'data-count="skip">3<' in body and 'data-count="create">0<' in body
    assert Major.objects.count() == 3


def test_rerun_with_changed_code_updates(client, school_admin, school):
    client.force_login(school_admin)
    run_import(client, [row(code="080902")])
    _, report, done = run_import(client, [row(code="080901", duration="5")])
    assert "专业代码：080902 → 080901" in report.content.decode()
    major = Major.objects.get()
    assert (major.major_code, major.duration.code) == ("080901", "5")
    assert Major.objects.count() == 1


def test_every_bad_row_is_reported_in_plain_chinese(client, school_admin, school):
    client.force_login(school_admin)
    rows = [
        row(level="本科"),  # row 2
        row("网络工程", campus="南校去"),  # row 3
        row("物联网工程", college="信息学员"),  # row 4
        row("数据科学", code="12AB"),  # row 5
        row(""),  # row 6: 专业名称 empty
        row("电子信息工程", duration="九年"),  # row 7
        row("通信工程"),  # row 8: fine
    ]
    token = token_of(upload(client, xlsx(rows)))
    body = check(client, token).content.decode()
    assert "第 2 行「学历」：“本科”不是有效的学历，可选值：" in body
    assert "您是否要填“本科生”？" in body
    assert "第 3 行「校区」：校区“南校去”不存在，最接近的是“主校区”" in body
    assert "第 4 行「学院」：学院“信息学员”不存在，最接近的是“信息学院”" in body
    assert "第 5 行「专业代码」：“12AB”不是有效的专业代码" in body
    assert "第 6 行「专业名称」：不能为空。" in body
    assert "第 7 行「学制」：“九年”不是有效的学制" in body
    assert 'data-count="error">6<' in body and 'data-count="create">1<' in body


def test_coded_values_by_code_or_common_spellings(client, school_admin, school):
    client.force_login(school_admin)
    run_import(client, [row(level="31", duration="四年制", discipline="08"), row("网络工程", duration="两年半")])
    assert Major.objects.get(name="软件工程").duration.code == "4"
    assert Major.objects.get(name="网络工程").duration.code == "2.5"
    assert Major.objects.get(name="软件工程").education_level.name == "本科生"


def test_duplicate_rows_in_file_name_the_first_row(client, school_admin, school):
    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row(), row("网络工程"), row(" 软件　工程 ")])))
    body = check(client, token).content.decode()
    assert "第 4 行「专业名称」：与第 2 行是同一个专业" in body


def test_spaces_are_normalised_with_a_warning(client, school_admin, school):
    client.force_login(school_admin)
    _, report, _ = run_import(client, [row(" 软件\u3000工程 ", specialization="嵌入式 ")])
    assert "「专业名称」含多余空格" in report.content.decode()
    assert Major.objects.get().name == "软件工程"
    assert Major.objects.get().specialization == "嵌入式"


def test_missing_department_is_created_with_a_warning(client, school_admin, school):
    client.force_login(school_admin)
    DepartmentFactory(college=school["college"], name="计算机系")
    _, report, _ = run_import(client, [row(department="计算机系"), row("网络工程", department="网络系")])
    assert "系别“网络系”在学院“信息学院”下还不存在，导入时将自动创建" in report.content.decode()
    assert Major.objects.get(name="网络工程").department.name == "网络系"
    assert Department.objects.filter(college=school["college"]).count() == 2


def test_major_code_checked_against_catalogue(client, school_admin, school):
    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row(code="080999"), row("网络工程", code="80903")])))
    body = check(client, token).content.decode()
    assert "专业代码“080999”不在国家本科专业目录中" in body
    assert "已按“080903”处理" in body  # Excel dropped the leading zero


def test_commit_is_all_or_nothing(client, school_admin, school, monkeypatch):
    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row(), row("网络工程", department="新系")])))
    check(client, token)
    spec = get_spec("org.major")
    original = spec.commit

    def failing(rows, context):
        original(rows, context)
        raise RuntimeError("disk full")

    monkeypatch.setattr(spec, "commit", failing)
    page = commit(client, token).content.decode()
    assert "系统错误" in page and "disk full" not in page and "Traceback" not in page
    assert Major.objects.count() == 0 and not Department.objects.filter(name="新系").exists()
    assert not OperationLog.objects.filter(action="import").exists()
    # after the failure the same upload can be committed again
    monkeypatch.setattr(spec, "commit", original)
    commit(client, token)
    assert Major.objects.count() == 2


def test_commit_refuses_when_data_changed_since_dry_run(client, school_admin, school):
    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row(), row("网络工程")])))
    check(client, token)
    MajorFactory(name="网络工程", college=school["college"], campus=school["campus"], major_code="080903")
    body = commit(client, token).content.decode()
    assert "数据在检查之后发生了变化：第 3 行的检查结果已变化（检查时为“新增”，现在为“更新”）" in body
    assert Major.objects.count() == 1  # nothing from the file was written


def test_commit_job_retry_is_idempotent(client, school_admin, school):
    client.force_login(school_admin)
    token, _, _ = run_import(client, [row()])
    session = ImportSession.load(token, user=school_admin, slug="org.major")
    job = Job.objects.get(pk=session.meta["commit_job"])
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)  # e.g. worker died after committing
    client.post(reverse("core:job_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.attempts == 2
    assert Major.objects.count() == 1 and OperationLog.objects.filter(action="import").count() == 1


def test_mapping_is_remembered_per_user_and_spec(client, school_admin, school):
    client.force_login(school_admin)
    header = ["层次", "专业", "代码", "年限", "门类", "校区", "学院", "系", "方向"]
    data = xlsx([row()], header=header)
    token = token_of(upload(client, data))
    page = client.get(reverse("core:import_mapping", args=["org.major", token])).content.decode()
    assert 'value="校区" selected' in page  # matched by label
    mapping = dict(zip([f.name for f in get_spec("org.major").fields], header))
    check(client, token, mapping)
    saved = UserPreference.objects.get(user=school_admin).get("imports.org.major.mapping")
    assert saved["education_level"] == "层次"
    token = token_of(upload(client, data))
    page = client.get(reverse("core:import_mapping", args=["org.major", token])).content.decode()
    assert 'value="层次" selected' in page and 'value="年限" selected' in page


def test_mapping_refuses_unmapped_required_fields(client, school_admin, school):
    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row()])))
    mapping = full_mapping()
    mapping["college"] = ""
    mapping["duration"] = "学历"  # the same column twice
    response = client.post(reverse("core:import_mapping", args=["org.major", token]), mapping)
    body = response.content.decode()
    assert response.status_code == 200
    assert "「学院」为必须填写字段，必须匹配表格中的一列。" in body
    assert "“学历”列已匹配给「学历」" in body
    assert ImportSession.load(token, user=school_admin, slug="org.major").meta.get("check_job") is None


def test_dry_run_query_count_is_bounded(school_admin, school, django_assert_max_num_queries):
    from careers.core.imports.readers import read_table
    from careers.core.imports.runner import validate
    from careers.core.imports.spec import ImportContext

    spec = get_spec("org.major")
    MajorFactory(name="软件工程", college=school["college"], campus=school["campus"])
    rows = [row(f"专业{i}", department=f"系{i % 7}") for i in range(300)]
    sheet = read_table(xlsx(rows), "m.xlsx")
    with django_assert_max_num_queries(10):
        results = validate(spec, sheet, full_mapping(), ImportContext(spec, school_admin))
    assert len(results) == 300 and all(r.ok for r in results)


def test_other_users_upload_is_not_found(client, school_admin, school):
    from tests.factories import SchoolAdminFactory

    client.force_login(school_admin)
    token = token_of(upload(client, xlsx([row()])))
    other = SchoolAdminFactory(username="school2")
    other.set_permissions(school_admin.permissions)
    other.save()
    client.force_login(other)
    assert client.get(reverse("core:import_mapping", args=["org.major", token])).status_code == 404
    assert client.get(reverse("core:import_report", args=["org.major", token])).status_code == 404


def test_college_admin_cannot_import_majors(client, college_admin):
    client.force_login(college_admin)  # holds every ticked code, but org.* changes are school-only
    assert client.get(reverse("core:import_start", args=["org.major"])).status_code == 403
    assert client.get(reverse("core:import_template", args=["org.major"])).status_code == 403


def test_list_page_shows_import_and_export_buttons(client, school_admin):
    client.force_login(school_admin)
    body = client.get(reverse("org:major_list")).content.decode()
    assert reverse("core:import_start", args=["org.major"]) in body
    assert reverse("org:major_export") in body
