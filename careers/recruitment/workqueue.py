"""招聘服务管理's 待办事项 (core.workqueue): each count is the rows its link's list shows the account."""

from careers.core.workqueue import work_item

from .employers.models import EmployerStatus
from .jobs.models import JobStatus
from .models import AccountAppeal, Employer, Job

GROUP = "招聘服务管理"
EMPLOYER = ("recruitment.employer.view", "recruitment.employer.review")
JOB = ("recruitment.job.view", "recruitment.job.review")


def employers(status):
    return lambda user: Employer.objects.restrict(user, "view").with_status(status).count()


def jobs(status):
    # The 职位管理 list shows the posts of 已入驻 units only (jobs/views.py `jobs`).
    return lambda user: Job.objects.of_admitted_employers().restrict(user, "view").with_status(status).count()


def pending_appeals(user):
    return AccountAppeal.objects.restrict(user, "view").filter(status=AccountAppeal.Status.PENDING).count()


work_item("recruitment.employer_review", "用人单位待审核", group=GROUP, permission=EMPLOYER,
          url_name="recruitment:employer_list", query=f"status={EmployerStatus.WAITING}",
          count=employers(EmployerStatus.WAITING), icon="bi-building-check")
work_item("recruitment.employer_re_review", "用人单位待复审", group=GROUP, permission=EMPLOYER,
          url_name="recruitment:employer_list", query=f"status={EmployerStatus.RE_REVIEW}",
          count=employers(EmployerStatus.RE_REVIEW), icon="bi-building-exclamation")
work_item("recruitment.appeals", "申诉待处理", group=GROUP,
          permission=("recruitment.accountappeal.view", "recruitment.accountappeal.review"),
          url_name="recruitment:accountappeal_list", query=f"status={AccountAppeal.Status.PENDING}",
          count=pending_appeals, icon="bi-person-exclamation")
work_item("recruitment.job_review", "职位待审核", group=GROUP, permission=JOB, url_name="recruitment:job_list",
          query=f"status={JobStatus.WAITING}", count=jobs(JobStatus.WAITING), icon="bi-briefcase")
work_item("recruitment.job_re_review", "职位待复审", group=GROUP, permission=JOB, url_name="recruitment:job_list",
          query=f"status={JobStatus.RE_REVIEW}", count=jobs(JobStatus.RE_REVIEW), icon="bi-briefcase-fill")
