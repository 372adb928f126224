"""派遣与就业's 待办事项 (core.workqueue): each count is the rows its link's list shows the account."""

from careers.core.review import ReviewStatus
from careers.core.workqueue import work_item

from .models import DispatchRecord, EmploymentRecord, ReportingWindow
from .windows.state import windows_in_state

GROUP = "就业信息管理"
# The lists' defaults: 在读 students only; the link's empty 毕业年份 lifts the operating-year default.
ALL_YEARS = "student__graduation_year="


def pending_records(model, user):
    return model.objects.restrict(user, "view").filter(review_status=ReviewStatus.PENDING, student__is_active=True)


def windows_closing(user):
    return windows_in_state(ReportingWindow.objects.restrict(user, "view"), "closing")


work_item("employment.dispatch_review", "派遣信息待审核", group=GROUP,
          permission=("employment.dispatchrecord.view", "employment.dispatchrecord.review"),
          url_name="employment:dispatchrecord_list", query=f"review_status=pending&{ALL_YEARS}",
          count=lambda user: pending_records(DispatchRecord, user).count(), icon="bi-send")
work_item("employment.employment_review", "就业信息待审核", group=GROUP,
          permission=("employment.employmentrecord.view", "employment.employmentrecord.review"),
          url_name="employment:employmentrecord_list", query=f"review_status=pending&{ALL_YEARS}",
          count=lambda user: pending_records(EmploymentRecord, user).count(), icon="bi-briefcase")
work_item("employment.windows_closing", "填报时间即将截止", group=GROUP, permission="employment.reportingwindow.view",
          url_name="employment:reportingwindow_list", query="state=closing",
          count=lambda user: windows_closing(user).count(), icon="bi-clock")

# 协议书管理: applications waiting for a decision, and approved ones waiting to be printed
from .models import AgreementApplication  # noqa: E402

work_item("employment.agreements_pending", "协议书申请待审核", group="学生就业事务",
          permission=("employment.agreementapplication.view", "employment.agreementapplication.review"),
          url_name="employment:agreementapplication_list", query=f"status=pending&{ALL_YEARS}",
          count=lambda user: AgreementApplication.objects.restrict(user, "view").filter(status="pending").count(),
          icon="bi-file-earmark-text")
work_item("employment.agreements_to_print", "协议书待打印", group="学生就业事务",
          permission=("employment.agreementapplication.view", "employment.agreementapplication.print"),
          url_name="employment:agreementapplication_list", query=f"status=approved&{ALL_YEARS}",
          count=lambda user: AgreementApplication.objects.restrict(user, "view").filter(status="approved").count(),
          icon="bi-printer")
# 网上签约: confirmed by the unit, waiting for the school
from .models import OnlineAgreement  # noqa: E402

work_item("employment.signing_pending", "网上签约待学校审核", group="学生就业事务",
          permission=("employment.onlineagreement.view", "employment.onlineagreement.review"),
          url_name="employment:onlineagreement_list", query=f"status=school&{ALL_YEARS}",
          count=lambda user: OnlineAgreement.objects.restrict(user, "view").filter(status="school").count(),
          icon="bi-pen")
