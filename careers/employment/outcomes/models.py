"""就业信息 (one per student, created with the student): the MoE 毕业去向 and where it leads.

The student reports changes (kept in `pending_changes` until reviewed, see careers.core.review); admins review
or fill in directly. The approved fields are what certificates, exports and every rate are computed from.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.review import ReviewableRecord
from careers.students.models import code_fk


class EmploymentRecord(BaseModel, ReviewableRecord):
    """就业信息: the MoE 毕业去向 (a code of table `destination`) and where it leads."""

    student = models.OneToOneField("students.Student", on_delete=models.CASCADE, related_name="employment",
                                   verbose_name="学生")
    destination = code_fk("destination", "毕业去向", null=True, blank=True)
    employer_name = models.CharField("单位名称", max_length=200, blank=True,
                                     help_text="实际就业单位、升学院校或创业企业的全称")
    employer_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, db_index=True)
    employer_nature = code_fk("employer_nature", "单位性质", null=True, blank=True)
    employer_industry = code_fk("industry", "单位行业", null=True, blank=True)
    employer_region = code_fk("region", "单位所在地", null=True, blank=True)
    employer_address = models.CharField("单位地址", max_length=200, blank=True)
    contact_person = models.CharField("单位联系人", max_length=64, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    position = models.CharField("工作职位", max_length=100, blank=True)
    agreement_number = models.CharField("协议书编号", max_length=30, blank=True)
    placed_on = models.DateField("落实日期", null=True, blank=True, help_text="签约、录用、录取或创业登记的日期")
    study_major = models.CharField("升学专业", max_length=100, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    REVIEW_FIELDS = ("destination", "employer_name", "employer_credit_code", "employer_nature", "employer_industry",
                     "employer_region", "employer_address", "contact_person", "contact_phone", "position",
                     "agreement_number", "placed_on", "study_major", "note")

    scope_major_lookup = "student__major"
    operating_year_field = "student__graduation_year"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "就业信息"
        indexes = [models.Index(fields=["destination", "review_status"]),
                   # 就业信息 by 去向类别 / 未就业名单: the records of some destinations joined to their students
                   models.Index(fields=["destination", "student"], name="employment_destination_student"),
                   # the outcome of each student, for the live rates and 就业 statistics' join of a cohort: an
                   # index-only scan of 11 MB instead of the 67 MB of wide rows (230,000 records)
                   models.Index(fields=["student"], include=["destination", "employer_region", "employer_nature",
                                                             "employer_industry"], name="employment_student_outcome")]

    def __str__(self):
        return f"{self.student} 就业信息"

    def clean(self):
        # The fill-in templates (careers/employment/outcomes/templates_fill.py) hold every rule.
        from .templates_fill import clean_employment

        clean_employment(self)
