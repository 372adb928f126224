"""College reports: the window (before/after, late POST refused, nothing written), per-figure validation,
scope (only managed majors), editing until the deadline, suggestions, audit."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.progress.actions import ReportRefused, submit_report
from careers.progress.models import ProgressReport
from tests.factories import MajorFactory, StudentFactory, UserFactory, code

from .conftest import make_project, values

pytestmark = pytest.mark.django_db


def report_url(project, major):
    return reverse("progress:report", kwargs={"pk": project.pk, "major_pk": major.pk})


def test_window_messages_say_when():
    from careers.progress.models import ProgressProject

    tz = timezone.get_current_timezone()
    project = ProgressProject(title="t", graduation_year=2027, figures=[],
                              starts_at=datetime.datetime(2026, 6, 1, 9, 0, tzinfo=tz),
                              ends_at=datetime.datetime(2026, 6, 15, 17, 0, tzinfo=tz))
    before = project.window_state(datetime.datetime(2026, 5, 31, 23, 0, tzinfo=tz))
    after = project.window_state(datetime.datetime(2026, 6, 15, 17, 1, tzinfo=tz))
    during = project.window_state(datetime.datetime(2026, 6, 15, 17, 0, tzinfo=tz))
    assert not before.is_open and before.message == "报送时间为 2026年6月1日 09:00 至 2026年6月15日 17:00，尚未开始。"
    assert not after.is_open and after.message == "报送时间为 2026年6月1日 09:00 至 2026年6月15日 17:00，已截止。"
    assert during.is_open and during.status == "open"


def test_report_inside_the_window_is_saved_typed_and_audited(client, college_admin, org, project):
    major = org["majors"]["a1"]
    client.force_login(college_admin)
    response = client.post(report_url(project, major), values())
    assert response.status_code == 302, response.content.decode()[:3000]
    report = ProgressReport.objects.get(project=project, major=major)
    assert report.values == {"graduates": 40, "employed": 30, "further_study": 5, "signed": 20, "rate": 87.5,
                             "note": "截至 6 月 30 日"}
    assert report.reported_by == college_admin
    log = OperationLog.objects.get(object_type="progress.progressreport", object_id=str(report.pk))
    assert log.action == "create" and log.user == college_admin


@pytest.mark.parametrize("opens, closes, word", [(2, 9, "尚未开始"), (-9, -2, "已截止")])
def test_outside_the_window_the_form_is_blocked_and_a_post_refused(client, college_admin, org, opens, closes, word):
    project = make_project(opens_in_days=opens, closes_in_days=closes)
    major = org["majors"]["a1"]
    client.force_login(college_admin)
    body = client.get(report_url(project, major)).content.decode()
    assert word in body and "<fieldset disabled" in body
    response = client.post(report_url(project, major), values())
    assert response.status_code == 200
    text = response.content.decode()
    assert f"{word}。" in text and "报送时间为" in text
    assert not ProgressReport.objects.exists()
    assert not OperationLog.objects.filter(object_type="progress.progressreport").exists()


def test_late_change_of_an_existing_report_is_refused_and_nothing_changes(client, college_admin, org, project):
    major = org["majors"]["a1"]
    client.force_login(college_admin)
    assert client.post(report_url(project, major), values()).status_code == 302
    project.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    project.save()
    response = client.post(report_url(project, major), values(graduates="99"))
    assert "已截止" in response.content.decode()
    report = ProgressReport.objects.get()
    assert report.values["graduates"] == 40 and report.history.count() == 1


def test_the_deadline_is_checked_at_write_time(college_admin, org, project):
    late = project.ends_at + datetime.timedelta(seconds=1)
    with pytest.raises(ReportRefused, match="已截止"):
        submit_report(project, org["majors"]["a1"], values(), user=college_admin, now=late)
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("overrides, message", [
    ({"graduates": "-1"}, "“毕业生人数”应为 0 到 1000000 之间的整数。"),
    ({"graduates": "1.5"}, "“毕业生人数”应为整数，不能有小数。"),
    ({"graduates": "abc"}, "“毕业生人数”应为数字，“abc”无效。"),
    ({"graduates": ""}, "请填写“毕业生人数”。"),
    ({"rate": "100.5"}, "“去向落实率”是百分比，应在 0 到 100 之间。"),
    ({"rate": "12.345"}, "“去向落实率”最多保留两位小数。"),
    ({"rate": "-3"}, "“去向落实率”是百分比，应在 0 到 100 之间。"),
    ({"note": "长" * 501}, "“备注”不能超过 500 个字。"),
    ({"employed": "41", "further_study": "0", "signed": "0"}, "已就业人数（41）不能大于毕业生人数（40）。"),
    ({"employed": "30", "further_study": "11"}, "已就业人数与升学人数之和（41）不能大于毕业生人数（40）。"),
    ({"signed": "31"}, "签约人数（31）不能大于已就业人数（30）。"),
])
def test_values_are_validated_per_figure_and_nothing_is_written(client, college_admin, org, project, overrides,
                                                                message):
    client.force_login(college_admin)
    response = client.post(report_url(project, org["majors"]["a1"]), values(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_valid_edge_values_are_accepted(college_admin, org, project):
    report = submit_report(project, org["majors"]["a1"],
                           values(graduates="40", employed="35", further_study="5", signed="35", rate="100", note=""),
                           user=college_admin)
    assert report.values["rate"] == 100.0 and report.values["note"] == ""


def test_college_admin_reports_only_managed_majors(client, college_admin, org, project):
    client.force_login(college_admin)
    other = org["majors"]["b1"]
    assert client.get(report_url(project, other)).status_code == 404
    assert client.post(report_url(project, other), values()).status_code == 404
    with pytest.raises(ReportRefused):
        submit_report(project, other, values(), user=college_admin)
    assert not ProgressReport.objects.exists()


def test_a_managed_major_without_students_of_the_year_is_refused(client, college_admin, org, project):
    empty = MajorFactory(college=org["college_a"], name="甲专业三")
    college_admin.managed_majors.add(empty)
    client.force_login(college_admin)
    response = client.post(report_url(project, empty), values())
    assert "没有该届在读学生，无需报送" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_report_permissions(client, org, project):
    reader = UserFactory(username="progreader", permissions=["progress.progressproject.view"])
    reader.managed_majors.set([org["majors"]["a1"]])
    client.force_login(reader)
    assert client.get(report_url(project, org["majors"]["a1"])).status_code == 403
    assert client.post(report_url(project, org["majors"]["a1"]), values()).status_code == 403
    adder = UserFactory(username="progadder", permissions=["progress.progressproject.view",
                                                           "progress.progressreport.add"])
    adder.managed_majors.set([org["majors"]["a1"]])
    client.force_login(adder)
    assert client.post(report_url(project, org["majors"]["a1"]), values()).status_code == 302
    response = client.post(report_url(project, org["majors"]["a1"]), values(graduates="41"))
    assert "没有修改就业进展报送的权限" in response.content.decode()
    assert ProgressReport.objects.get().values["graduates"] == 40


def test_own_report_can_be_edited_until_the_deadline(client, college_admin, org, project):
    major = org["majors"]["a1"]
    client.force_login(college_admin)
    client.post(report_url(project, major), values())
    response = client.get(report_url(project, major))
    assert response.context["form"].initial["graduates"] == 40 and "保存修改" in response.content.decode()
    assert client.post(report_url(project, major), values(graduates="45"))["Location"] == reverse(
        "progress:progressproject_detail", kwargs={"pk": project.pk})
    report = ProgressReport.objects.get()
    assert report.values["graduates"] == 45 and report.history.count() == 2
    log = OperationLog.objects.get(object_type="progress.progressreport", action="update")
    assert "values" in log.changes


def test_form_suggests_what_the_system_can_compute(client, college_admin, org, project):
    from careers.employment.models import EmploymentRecord

    major = org["majors"]["a1"]
    students = [org["students"]["a1"], *(StudentFactory(major=major) for _ in range(4))]
    StudentFactory(major=major, is_active=False)
    StudentFactory(major=major, graduation_year=2026, enrolment_year=2022)
    for student, destination, status in zip(students, ["10", "12", "801", "70", "11"],
                                            ["approved", "approved", "approved", "approved", "pending"]):
        field = "destination" if status == "approved" else "pending_changes"  # a report waits in pending_changes
        value = code("destination", destination)
        EmploymentRecord.objects.filter(student=student).update(
            **{field: value if field == "destination" else {"destination": value.pk}}, review_status=status)
    client.force_login(college_admin)
    response = client.get(report_url(project, major))
    assert response.context["suggested"] == {"graduates": 5, "employed": 2, "further_study": 1, "signed": 1}
    form = response.context["form"]
    assert form.initial == {"graduates": 5, "employed": 2, "further_study": 1, "signed": 1}
    assert "系统参考值：5" in response.content.decode()
