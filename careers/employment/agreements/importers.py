"""导入协议书编号 (manual 3.1.4): after handing forms out in bulk, the numbers go into the students' 就业信息.

- One row per student (学号 + 协议书编号; 姓名, when given, must match: it catches a shifted row).
- A 学号 outside the importer's managed majors gets the same words as an unknown one (existence is not told).
- A number already issued — to another student, or voided — is refused: a number never goes back into use.
- A student whose current number is another one gets the new one; the old is voided and kept in their
  agreement history. The same number again is 无变化, so importing a file twice writes nothing new.
- All rows are checked first; any error means nothing is written (the shared pipeline's rule).
"""

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from careers.core.history import event, log_events
from careers.core.imports import OPTIONAL, REQUIRED, ImportField, ImportSpec, RowResult, register
from careers.core.scoping import account, scope_filter
from careers.students import neutral
from careers.students.models import Student

from ..outcomes.actions import set_agreement_numbers
from .actions import MODULE, NUMBER_MAX_LENGTH, _void
from .models import AgreementNumber, NumberSource, NumberStatus, split_number


@register
class AgreementNumberImport(ImportSpec):
    slug = "employment.agreementnumber"
    label = "导入协议书编号"
    permission = "employment.agreementnumber.import"
    max_rows = 10000
    list_url_name = "employment:agreementnumber_list"
    template_filename = "协议书编号导入模板.xlsx"
    commit_batch_size = None
    fields = [
        ImportField("student_number", "学号", REQUIRED, "须为系统中已有的学生学号"),
        ImportField("name", "姓名", OPTIONAL, "填写时须与学号对应的学生姓名一致，用于核对"),
        ImportField("number", "协议书编号", REQUIRED, "以数字结尾，可带字母前缀；已用过（含已作废）的编号不能再用",
                    aliases=("编号", "协议书号")),
        ImportField("batch_label", "识别号", OPTIONAL, "区分发放批次，可不填", aliases=("批次",)),
    ]

    def prepare(self, context, rows):
        numbers = {values["student_number"] for _, values in rows if values["student_number"]}
        agreement_numbers = {values["number"] for _, values in rows if values["number"]}
        students = Student.objects.filter(student_number__in=numbers)
        context.cache["students"] = {n: (pk, name) for n, pk, name in
                                     students.values_list("student_number", "pk", "name")}
        context.cache["in_scope"] = set(scope_filter(students, context.user).values_list("pk", flat=True))
        context.cache["issued"] = {n: (sid, status) for n, sid, status in AgreementNumber.objects.filter(
            number__in=agreement_numbers).values_list("number", "student_id", "status")}
        context.cache["active"] = dict(AgreementNumber.objects.filter(
            student__in=students, status=NumberStatus.ACTIVE).values_list("student_id", "number"))

    def clean_row(self, values, context):
        cache = context.cache
        result = RowResult()
        number, student_number = values["number"], values["student_number"]
        if len(values.get("batch_label", "")) > 30:
            result.error("batch_label", "识别号不能超过 30 个字符。")
        if number and (len(number) > NUMBER_MAX_LENGTH or split_number(number) is None):
            result.error("number", f"协议书编号“{number[:40]}”无效：须以数字结尾（可带字母前缀），不超过 "
                                   f"{NUMBER_MAX_LENGTH} 个字符。")
        if not student_number or not number:
            return result
        earlier = context.first_seen(("student", student_number))
        if earlier is not None:
            result.error("student_number", f"学号“{student_number}”与第 {earlier} 行重复，每位学生只能有一行，请删除重复的行。")
            return result
        earlier = context.first_seen(("number", number))
        if earlier is not None:
            result.error("number", f"协议书编号“{number}”与第 {earlier} 行重复，一个编号只能发给一位学生。")
            return result
        student = cache["students"].get(student_number)
        if student is None or student[0] not in cache["in_scope"]:
            result.error("student_number", neutral.not_found(student_number))
            return result
        pk, name = student
        if values.get("name") and values["name"] != name:
            result.error("name", f"姓名“{values['name']}”与学号“{student_number}”的学生姓名不一致，请核对是否错行。")
        issued = cache["issued"].get(number)
        current = cache["active"].get(pk)
        if issued is not None:
            holder, status = issued
            if holder != pk:
                result.error("number", f"协议书编号“{number}”已被其他学生使用，编号不能重复使用。")
            elif status != NumberStatus.ACTIVE:
                result.error("number", f"协议书编号“{number}”是该学生已作废的编号，作废的编号不能再用。")
            else:
                result.action = "skip"
        if not result.ok:
            return result
        result.payload = {"student": pk, "number": number, "batch_label": values.get("batch_label", ""),
                          "old": current if current and current != number else ""}
        if result.action != "skip":
            result.changes["协议书编号"] = [current or "", number]
            result.action = "update" if current else "create"
        return result

    def commit(self, rows, context):
        user, now = context.user, timezone.now()
        rows = [row for row in rows if row.action != "skip"]
        if not rows:
            return
        students = [row.payload["student"] for row in rows]
        old = list(AgreementNumber.objects.select_for_update().filter(student_id__in=students,
                                                                      status=NumberStatus.ACTIVE))
        events = _void(old, user=user, reason="导入新的协议书编号", now=now)
        issued = [AgreementNumber(number=row.payload["number"], student_id=row.payload["student"],
                                  source=NumberSource.IMPORTED, batch_label=row.payload["batch_label"],
                                  issued_by=account(user), issued_at=now, created_at=now, updated_at=now)
                  for row in rows]
        for number in issued:
            number.fill_series()
        # a number issued by someone else since the check: IntegrityError, and the pipeline undoes everything
        bulk_create_with_history(issued, AgreementNumber, batch_size=1000, default_user=account(user))
        set_agreement_numbers({n.student_id: n.number for n in issued}, acting_user=user, message="导入协议书编号")
        events += [event("import", module=MODULE, obj=n, user=user, message=f"导入协议书编号 {n.number}")
                   for n in issued]
        log_events(events)
