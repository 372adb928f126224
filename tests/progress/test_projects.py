"""Projects: school-only set-up and its validation; completion and the combined table exact; export; list."""

import datetime
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.accounts.models import is_school_only
from careers.core.models import OperationLog
from careers.progress.actions import submit_report
from careers.progress.models import ProgressProject
from careers.progress.summary import completion_counts, project_summary
from tests.factories import MajorFactory, StudentFactory

from .conftest import FIGURES, YEAR, make_project, values

pytestmark = pytest.mark.django_db


def project_post(**overrides):
    data = {"title": "2027届就业进展（第二期）", "graduation_year": YEAR, "starts_at": "2027-05-01T09:00",
            "ends_at": "2027-05-15T17:00", "description": "",
            "figures-TOTAL_FORMS": "4", "figures-INITIAL_FORMS": "0",
            "figures-0-label": "毕业生人数", "figures-0-key": "", "figures-0-kind": "integer",
            "figures-1-label": "已就业人数", "figures-1-key": "employed", "figures-1-kind": "integer",
            "figures-2-label": "去向落实率", "figures-2-key": "rate", "figures-2-kind": "percentage",
            "figures-3-label": "", "figures-3-key": "", "figures-3-kind": ""}
    data.update(overrides)
    return data


def test_project_set_up_is_school_only(client, college_admin, org, project):
    assert is_school_only("progress.progressproject.add") and is_school_only("progress.progressproject.change")
    assert is_school_only("progress.progressproject.delete")
    assert not is_school_only("progress.progressproject.view") and not is_school_only("progress.progressreport.add")
    assert "progress.progressproject.add" in college_admin.permissions  # ticked, yet refused
    client.force_login(college_admin)
    assert client.get(reverse("progress:progressproject_add")).status_code == 403
    assert client.post(reverse("progress:progressproject_add"), project_post()).status_code == 403
    edit = reverse("progress:progressproject_edit", kwargs={"pk": project.pk})
    assert client.post(edit, project_post(title="改名")).status_code == 403
    assert client.post(reverse("progress:progressproject_delete", kwargs={"pk": project.pk})).status_code == 403
    project.refresh_from_db()
    assert project.title == "2027届就业进展（第一期）"
    body = client.get(reverse("progress:progressproject_list")).content.decode()
    assert project.title in body and reverse("progress:progressproject_add") not in body


def test_school_admin_creates_a_project(client, school_admin):
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = 2028
    session.save()
    response = client.get(reverse("progress:progressproject_add"))
    assert response.context["form"].initial["graduation_year"] == 2028
    assert [f.initial["label"] for f in response.context["formset"].forms[:5]] == [
        "毕业生人数", "已就业人数", "升学人数", "签约人数", "备注"]
    response = client.post(reverse("progress:progressproject_add"), project_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    project = ProgressProject.objects.get()
    assert project.figures == [{"key": "graduates", "label": "毕业生人数", "kind": "integer"},
                               {"key": "employed", "label": "已就业人数", "kind": "integer"},
                               {"key": "rate", "label": "去向落实率", "kind": "percentage"}]
    assert project.created_by == school_admin
    assert timezone.localtime(project.starts_at).strftime("%Y-%m-%d %H:%M") == "2027-05-01 09:00"
    assert OperationLog.objects.filter(object_type="progress.progressproject", action="create").exists()


def test_project_form_names_figures_in_words(client, school_admin):
    """指标 are named by the admin; their internal keys travel in hidden inputs, never shown."""
    client.force_login(school_admin)
    page = client.get(reverse("progress:progressproject_add")).content.decode()
    assert 'type="hidden" name="figures-0-key" value="graduates"' in page
    visible = re.sub(r"<[^>]+>", " ", page)
    assert "指标代码" not in visible and not re.search(r"\b(graduates|employed|further_study|signed|note)\b", visible)
    assert "毕业生人数、已就业人数、升学人数、签约人数" in visible


def test_an_emptied_row_is_dropped_though_its_hidden_key_stays(client, school_admin):
    client.force_login(school_admin)
    client.post(reverse("progress:progressproject_add"),
                project_post(**{"figures-2-label": "", "figures-2-kind": "", "figures-2-key": "rate"}))
    assert [f["label"] for f in ProgressProject.objects.get().figures] == ["毕业生人数", "已就业人数"]


@pytest.mark.parametrize("overrides, message", [
    ({"ends_at": "2027-05-01T09:00"}, "报送截止时间必须晚于开始时间。"),
    ({"ends_at": "2027-04-01T09:00"}, "报送截止时间必须晚于开始时间。"),
    ({"figures-0-label": "", "figures-0-kind": "", "figures-1-label": "", "figures-1-key": "",
      "figures-1-kind": "", "figures-2-label": "", "figures-2-key": "", "figures-2-kind": ""},
     "请至少设置一个报送指标。"),
    ({"figures-2-key": "employed"}, "第 3 个指标“去向落实率”与前面的指标重复，同一指标只能设置一次。"),
    ({"figures-2-label": "已就业人数", "figures-2-key": "", "figures-2-kind": "integer"}, "与前面的指标重复"),
    ({"figures-2-key": "2rate"}, "指标标识无效"),
    ({"figures-2-kind": ""}, "请选择指标类型"),
    ({"figures-1-label": ""}, "第 2 个指标：请填写指标名称。"),
    ({"title": ""}, "请填写项目名称。"),
    ({"starts_at": "明天"}, "报送开始时间格式不正确。"),
])
def test_project_validation(client, school_admin, overrides, message):
    client.force_login(school_admin)
    response = client.post(reverse("progress:progressproject_add"), project_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressProject.objects.exists()


def test_reported_figures_cannot_be_removed_or_change_kind(client, school_admin, college_admin, org):
    project = make_project(figures=[{"key": "graduates", "label": "毕业生人数", "kind": "integer"},
                                    {"key": "employed", "label": "已就业人数", "kind": "integer"},
                                    {"key": "rate", "label": "去向落实率", "kind": "percentage"}])
    submit_report(project, org["majors"]["a1"], {"graduates": "10", "employed": "5", "rate": "50"},
                  user=college_admin)
    client.force_login(school_admin)
    edit = reverse("progress:progressproject_edit", kwargs={"pk": project.pk})
    start = timezone.localtime(project.starts_at).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(project.ends_at).strftime("%Y-%m-%dT%H:%M")
    base = project_post(starts_at=start, ends_at=end)
    response = client.post(edit, {**base, "figures-1-kind": "text"})
    assert "指标“已就业人数”已有院系报送数据，不能修改类型。" in response.content.decode()
    response = client.post(edit, {**base, "figures-2-label": "", "figures-2-key": "", "figures-2-kind": ""})
    assert "指标“去向落实率”已有院系报送数据，不能删除。" in response.content.decode()
    project.refresh_from_db()
    assert len(project.figures) == 3
    # relabelling and adding are fine
    response = client.post(edit, {**base, "figures-2-label": "落实率", "figures-3-label": "备注",
                                  "figures-3-kind": "text"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert [f["label"] for f in project.figures] == ["毕业生人数", "已就业人数", "落实率", "备注"]
    assert project.figures[3]["key"] == "note"


@pytest.fixture
def reported(org, college_admin, school_admin):
    """a1 and b1 report; a2 does not; b2 has only an inactive student now (no longer expected)."""
    project = make_project()
    a3 = MajorFactory(college=org["college_a"], name="甲专业三")  # active major, no students: not expected
    StudentFactory(major=a3, graduation_year=2026, enrolment_year=2022)
    submit_report(project, org["majors"]["a1"], values(), user=college_admin)
    submit_report(project, org["majors"]["b1"],
                  values(graduates="10", employed="6", further_study="2", signed="3", rate="80", note=""),
                  user=school_admin)
    student = org["students"]["b2"]
    student.is_active = False
    student.save()
    return project


def test_completion_and_combined_table_for_the_school(school_admin, reported):
    summary = project_summary(reported, school_admin)
    assert (summary.reported, summary.expected, summary.percent) == (2, 3, 67)
    assert [(c.college, c.expected, c.reported, c.missing) for c in summary.colleges] == [
        ("乙学院", 1, 1, []), ("甲学院", 2, 1, ["甲专业二"])]
    table = [(r.kind, r.college, r.major, r.cells, r.status) for r in summary.rows]
    assert table == [
        ("major", "乙学院", "乙专业一", [10, 6, 2, 3, "80%", ""], "已报送"),
        ("college", "乙学院", "小计", [10, 6, 2, 3, "80%（平均）", ""], ""),
        ("major", "甲学院", "甲专业一", [40, 30, 5, 20, "87.5%", "截至 6 月 30 日"], "已报送"),
        ("major", "甲学院", "甲专业二", ["", "", "", "", "", ""], "未报送"),
        ("college", "甲学院", "小计", [40, 30, 5, 20, "87.5%（平均）", ""], ""),
    ]
    assert summary.total.cells == [50, 36, 7, 23, "83.75%（平均）", ""]
    assert summary.rows[0].reported_by == "校级管理员"


def test_college_admin_sees_only_managed_majors(college_admin, reported):
    summary = project_summary(reported, college_admin)
    assert (summary.reported, summary.expected) == (1, 2)
    assert [r.major for r in summary.rows] == ["甲专业一", "甲专业二"]
    assert summary.total.cells[:4] == [40, 30, 5, 20]


def test_detail_page_shows_completion_and_report_links(client, college_admin, reported, org):
    client.force_login(college_admin)
    response = client.get(reverse("progress:progressproject_detail", kwargs={"pk": reported.pk}))
    body = response.content.decode()
    assert "已报送 <strong>1</strong> / 应报送 <strong>2</strong>" in body
    assert "乙专业一" not in body
    assert f'data-report-major="{org["majors"]["a2"].pk}"' in body and "修改报送" in body
    assert reverse("progress:progressproject_edit", kwargs={"pk": reported.pk}) not in body


def test_export_of_the_combined_table(client, school_admin, reported):
    client.force_login(school_admin)
    response = client.post(reverse("progress:project_export", kwargs={"pk": reported.pk}))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0] == ("学院", "专业", "学历", "毕业生人数", "已就业人数", "升学人数", "签约人数", "去向落实率（%）", "备注",
                       "报送状态", "报送人", "报送时间")
    assert rows[1][:10] == ("乙学院", "乙专业一", "本科生", 10, 6, 2, 3, 80, None, "已报送")
    assert rows[4][:10] == ("甲学院", "甲专业二", "本科生", None, None, None, None, None, None, "未报送")
    assert rows[-1][:8] == ("合计", None, None, 50, 36, 7, 23, 83.75)
    assert OperationLog.objects.filter(action="export", module="progress").exists()


def test_college_export_is_scoped(client, college_admin, reported):
    client.force_login(college_admin)
    response = client.post(reverse("progress:project_export", kwargs={"pk": reported.pk}))
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert [r[1] for r in rows[1:-1]] == ["甲专业一", "甲专业二"]


def test_list_shows_status_and_completion_in_bounded_queries(client, school_admin, college_admin, reported, org):
    make_project(opens_in_days=3, closes_in_days=9, title="未开始的项目")
    make_project(opens_in_days=-9, closes_in_days=-2, title="已截止的项目")
    client.force_login(school_admin)
    url = reverse("progress:progressproject_list")
    response = client.get(url, {"graduation_year": YEAR})
    body = response.content.decode()
    assert "2 / 3" in body and "未开始" in body and "已截止" in body and "报送中" in body
    assert [r.record.title for r in client.get(url, {"graduation_year": YEAR, "status": "closed"})
            .context["table"].page.object_list] == ["已截止的项目"]

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, {"graduation_year": YEAR})
        return len(ctx)

    before = count()
    for i in range(5):
        make_project(title=f"项目{i}")
    assert count() == before
    assert completion_counts([reported], college_admin) == {reported.pk: (1, 2)}


def test_percentage_figures_use_decimals_and_inactive_majors_are_not_expected(school_admin, org):
    major = org["majors"]["a2"]
    major.is_active = False
    major.save()
    project = make_project(figures=FIGURES)
    assert project_summary(project, school_admin).expected == 3
    project.ends_at = project.starts_at - datetime.timedelta(hours=1)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        project.full_clean()
