"""发送消息: compose a message to the students selected on a list (manual 2.7–2.9).

Any list whose rows carry a `student` (资料图库, 档案信息, 学生简历, 生源信息 itself) posts
its checked row pks here with `?source=<app_label.model_name>`. The rows are fetched
through that model's own restrict(user, "view") and their students through the
user's scope again, so a tampered pk list sends nothing. At most MAX_RECIPIENTS per
send, as the manual says (一般每次最多可发送100个对象); larger mailings belong to a batch page.
Channels are whatever the messaging service offers for the number of recipients (manual 8.6: 电子邮件 only
when the school sets 默认同时发送邮件 and fewer than 5 recipients); the form, sending and logging are the shared
compose page's (careers/core/views/compose.py), which the employer list uses too.
"""

from django.apps import apps

from careers.core.scoping import restricted, scope_filter
from careers.core.views.compose import MAX_RECIPIENTS, ComposeMessageView, MessageForm, Selection, SelectionError

from ..models import Student

PERMISSION = "students.student.message"
__all__ = ["MAX_RECIPIENTS", "MessageForm", "SelectionError", "StudentMessageView", "selected_students"]


def source_model(source):
    """The list's model: Student, or a model with a `student` foreign key to it."""
    if source in ("", "students.student"):
        return Student
    try:
        model = apps.get_model(source)
    except (LookupError, ValueError):
        raise SelectionError("无法识别所选记录的来源列表，请回到列表重新勾选。")
    field = next((f for f in model._meta.concrete_fields if f.name == "student"), None)
    if field is None or field.related_model is not Student:
        raise SelectionError("该列表不支持发送消息。")
    return model


def selected_students(user, source, pks):
    """The students behind the selected rows; all rows must be visible to the user, or none."""
    wanted = {int(pk) for pk in pks if str(pk).isdecimal()}
    if not wanted:
        raise SelectionError("请先在列表中勾选要发送消息的学生。")
    model = source_model(source)
    rows = restricted(model._default_manager.filter(pk__in=wanted), user, "view")
    if model is Student:
        student_ids = set(rows.values_list("pk", flat=True))
        found = len(student_ids)
    else:
        pairs = list(rows.values_list("pk", "student_id"))
        found, student_ids = len(pairs), {student for _, student in pairs}
    if found != len(wanted):
        raise SelectionError("所选记录中有您无权查看或已不存在的记录，未发送任何消息。")
    students = list(scope_filter(Student.objects.filter(pk__in=student_ids), user)
                    .select_related("user").order_by("student_number"))
    if len(students) != len(student_ids):
        raise SelectionError("所选学生中有不在您管辖的专业范围内的学生，未发送任何消息。")
    if len(students) > MAX_RECIPIENTS:
        raise SelectionError(f"每次最多向 {MAX_RECIPIENTS} 名学生发送消息，您选择了 {len(students)} 名，请分批发送。")
    return students


def reachable(student):
    return student.user is not None and student.user.is_active


class StudentMessageView(ComposeMessageView):
    """The students of the checked rows; the shared compose page (core/views/compose.py) does the rest."""

    permission = PERMISSION
    noun, unit, module = "学生", "名", "students"
    url_name, fallback_url_name = "students:student_message", "students:student_list"

    def source(self):
        return self.request.GET.get("source") or self.request.POST.get("source", "")

    def hidden(self):
        return {"source": self.source() or "students.student"}

    def select(self, pks):
        students = selected_students(self.request.user, self.source(), pks)
        return Selection(rows=students, labels=[f"{s.name} {s.student_number}" for s in students],
                         users=[s.user for s in students if reachable(s)],
                         no_account=[s.name for s in students if not reachable(s)],
                         no_email=sum(1 for s in students if reachable(s) and not s.user.email))

    def log_changes(self, selection):
        return {"students": [s.student_number for s in selection.rows]}
