"""学生信息管理's 待办事项 (core.workqueue): each count is the rows its link's list shows the account."""

from careers.core.workqueue import work_item

from .models import MajorTransfer, Student
from .records.review import awaiting_decision

GROUP = "学生信息管理"


def pending_students(user):
    # The list's defaults: 在读 students only; the link's empty 毕业年份 lifts the operating-year default.
    return Student.objects.restrict(user, "view").filter(review_status=Student.ReviewStatus.PENDING, is_active=True)


def transfers_to_decide(user):
    return awaiting_decision(MajorTransfer.objects.restrict(user, "view"), user)


work_item("students.student_review", "生源信息待审核", group=GROUP,
          permission=("students.student.view", "students.student.review"), url_name="students:student_list",
          query="review_status=pending&graduation_year=", count=lambda user: pending_students(user).count(),
          icon="bi-person-lines-fill")
work_item("students.transfer_review", "专业转移待审核", group=GROUP,
          permission=("students.majortransfer.view", "students.majortransfer.review"),
          url_name="students:majortransfer_list", query="awaiting=me",
          count=lambda user: transfers_to_decide(user).count(), icon="bi-arrow-left-right")
