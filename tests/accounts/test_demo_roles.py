"""The demo's 学院管理员 role template grants what the manual has a level-2 admin do, not the school's
招聘服务管理 work."""

from careers.accounts.demo import college_admin_permissions, counselor_permissions
from careers.accounts.models import is_school_only
from careers.core.permissions import registry


def test_college_admin_template_covers_their_students_work():
    granted = set(college_admin_permissions())
    for code in ("students.student.review", "students.majortransfer.review", "employment.dispatchrecord.review",
                 "employment.employmentrecord.review", "followup.followupentry.add", "progress.progressreport.add",
                 "students.statistics.view", "reports.rates.view", "recruitment.application.view"):
        assert code in granted, code
    assert not any(is_school_only(code) for code in granted)
    assert granted <= registry.all_codes()


def test_college_admin_template_leaves_school_wide_recruitment_to_the_school():
    granted = set(college_admin_permissions())
    school_work = [code for code in granted if code.startswith((
        "recruitment.employer.", "recruitment.job.", "recruitment.accountappeal.", "recruitment.matchrun.",
        "events."))]
    assert school_work == []
    assert "reports.rates.snapshot" not in granted


def test_counselor_template_reads_only():
    assert counselor_permissions() and all(code.endswith(".view") for code in counselor_permissions())
