"""生源信息导出: every student field, coded values as names, the region as "code name"."""

from careers.core.exports import ExportField

from ..models import Student

export_queryset = Student.objects.select_related(
    "major__education_level", "major__college", "major__campus", "major__department", "major__duration",
    "major__discipline", "ethnicity", "political_status", "origin_region", "training_mode", "enrolment_status",
    "user",
)


def region_label(student):
    region = student.origin_region
    return f"{region.code} {region.name}" if region is not None else ""


def identity_fields(prefix="", id_number=True):
    """学号 姓名 性别 [身份证号] 毕业年份 学历 学院 专业: the student columns every student-linked export starts with
    (派遣信息, 就业信息, 未就业名单). `prefix` is the path from an exported row to its student ("student__"; ""
    for rows that are students)."""
    columns = [("student_number", "学号", "student_number"), ("name", "姓名", "name"), ("gender", "性别", "gender"),
               ("id_number", "身份证号", "id_number"), ("graduation_year", "毕业年份", "graduation_year"),
               ("education_level", "学历", "major__education_level__name"),
               ("college", "学院", "major__college__name"), ("major", "专业", "major__name")]
    return [ExportField(name, label, f"{prefix}{path}") for name, label, path in columns
            if id_number or name != "id_number"]


def field(name, accessor=None):
    """An export field labelled with the model field's own verbose name."""
    return ExportField(name, str(Student._meta.get_field(name).verbose_name), accessor or name)


STUDENT_EXPORT_FIELDS = [
    field("student_number"),
    field("name"),
    field("gender"),
    field("id_number"),
    field("candidate_number"),
    field("birth_date"),
    field("ethnicity", "ethnicity__name"),
    field("political_status", "political_status__name"),
    field("origin_region", region_label),
    field("enrolment_year"),
    field("graduation_year"),
    ExportField("education_level", "学历", "major__education_level__name"),
    ExportField("campus", "校区", "major__campus__name"),
    ExportField("college", "学院", "major__college__name"),
    ExportField("department", "系别", "major__department__name"),
    ExportField("major", "专业", "major__name"),
    ExportField("specialization", "专业方向", "major__specialization"),
    ExportField("major_code", "专业代码", "major__major_code"),
    ExportField("discipline", "专业类别", "major__discipline__name"),
    ExportField("duration", "学制", "major__duration__name"),
    field("training_mode", "training_mode__name"),
    field("sponsor_unit"),
    field("phone"),
    field("email"),
    field("home_address"),
    field("postal_code"),
    field("enrolment_status", "enrolment_status__name"),
    field("review_status"),
    field("review_note"),
    field("submitted_at"),
    field("reviewed_at"),
    ExportField("account", "登录账号", "user__username"),
]
