"""导出学生详细数据: the latest follow-up status of each student on the ledger (field-selectable)."""

from careers.core.exports import ExportField

from .models import METHOD_LABELS, SITUATION_LABELS, difficulty_labels
from .queries import employment_label

GENDERS = {"1": "男", "2": "女"}


def _label(mapping, name):
    return lambda student: mapping.get(getattr(student, name), getattr(student, name) or "")


LEDGER_EXPORT_FIELDS = [
    ExportField("student_number", "学号"),
    ExportField("name", "姓名"),
    ExportField("gender", "性别", _label(GENDERS, "gender")),
    ExportField("graduation_year", "毕业年份"),
    ExportField("campus", "校区", "major__campus__name"),
    ExportField("college", "学院", "major__college__name"),
    ExportField("major", "专业", "major__name"),
    ExportField("education_level", "学历", "major__education_level__name"),
    ExportField("phone", "手机号码"),
    ExportField("entry_count", "跟踪次数"),
    ExportField("latest_contacted_on", "最近联系日期"),
    ExportField("latest_method", "联系方式", _label(METHOD_LABELS, "latest_method")),
    ExportField("latest_situation", "求职状态", _label(SITUATION_LABELS, "latest_situation")),
    ExportField("latest_difficulties", "困难帮扶类别", lambda s: difficulty_labels(s.latest_difficulties)),
    ExportField("latest_help_given", "帮扶措施"),
    ExportField("latest_next_step", "下一步计划"),
    ExportField("latest_next_contact_on", "下次联系日期"),
    ExportField("latest_recorded_by", "记录人"),
    ExportField("employment", "就业状态",
                lambda s: employment_label(s.employment_status, s.destination_name, s.placed)),
    ExportField("employer_name", "就业单位"),
]
