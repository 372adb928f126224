import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable, LocalTimeColumn

from .models import Programme, ProgrammeEntry, ProgrammeEntryMember, ProgrammeEntryType

STATE_BADGES = {"draft": "secondary", "published": "success", "closed": "dark"}
STATUS_BADGES = {"forming": "info", "pending": "warning", "approved": "success", "rejected": "danger",
                 "withdrawn": "secondary"}


def badge(colour, text):
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, text)


class ProgrammeEntryTypeTable(BaseTable):
    name = tables.Column(linkify=("events:programmeentrytype_edit", {"pk": tables.A("pk")}))
    is_active = tables.BooleanColumn(yesno="是,否")

    class Meta(BaseTable.Meta):
        model = ProgrammeEntryType
        fields = ("pk", "name", "description", "ordering", "is_active")


class ProgrammeTable(BaseTable):
    title = tables.Column(linkify=("events:programme_detail", {"pk": tables.A("pk")}))
    entry_form = tables.Column()
    registration_opens_at = LocalTimeColumn()
    registration_closes_at = LocalTimeColumn()
    state = tables.Column()
    entry_count = tables.Column(verbose_name="报名数", accessor="entry_count", attrs={"td": {"class": "text-end"}},
                                default=0)
    pending_count = tables.Column(verbose_name="待审核", accessor="pending_count",
                                  attrs={"td": {"class": "text-end"}}, default=0)

    class Meta(BaseTable.Meta):
        model = Programme
        fields = ("pk", "title", "entry_form", "registration_opens_at", "registration_closes_at", "state",
                  "entry_count", "pending_count", "min_members", "max_members", "contact")
        default_columns = ("title", "entry_form", "registration_opens_at", "registration_closes_at", "state",
                           "entry_count", "pending_count")

    def render_state(self, record):
        return badge(STATE_BADGES[record.state], record.get_state_display())

    def value_state(self, record):
        return record.get_state_display()


class ProgrammeEntryTable(BaseTable):
    entry = tables.Column(verbose_name="报名", accessor="pk", linkify=("events:programmeentry_detail",
                                                                     {"pk": tables.A("pk")}), orderable=False)
    programme = tables.Column(accessor="programme__title", verbose_name="项目活动")
    entry_type = tables.Column(accessor="entry_type__name", verbose_name="报名类型", default="—")
    team_name = tables.Column(default="—")
    student_number = tables.Column(accessor="captain__student_number", verbose_name="报名人/队长学号")
    name = tables.Column(accessor="captain__name", verbose_name="报名人/队长")
    college = tables.Column(accessor="captain__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="captain__major__name", verbose_name="专业")
    member_count = tables.Column(verbose_name="人数", accessor="member_count", default=0,
                                 attrs={"td": {"class": "text-end"}})
    advisor_name = tables.Column(default="—")
    advisor_contact = tables.Column(default="")
    status = tables.Column()
    review_note = tables.Column(default="")
    submitted_at = LocalTimeColumn()
    reviewed_at = LocalTimeColumn()

    class Meta(BaseTable.Meta):
        model = ProgrammeEntry
        fields = ("pk", "entry", "programme", "entry_type", "team_name", "student_number", "name", "college", "major",
                  "member_count", "advisor_name", "advisor_contact", "status", "review_note", "submitted_at",
                  "reviewed_at")
        default_columns = ("entry", "programme", "entry_type", "team_name", "student_number", "name", "college",
                           "member_count", "status", "submitted_at")

    def render_entry(self, record):
        return "查看"

    def value_entry(self, record):
        return record.pk

    def render_status(self, record):
        return badge(STATUS_BADGES[record.status], record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()


class ProgrammeEntryMemberTable(BaseTable):
    programme = tables.Column(accessor="programme__title", verbose_name="项目活动")
    team_name = tables.Column(accessor="entry__team_name", verbose_name="团队名称", default="—")
    entry_status = tables.Column(accessor="entry__status", verbose_name="报名状态")
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    role = tables.Column()
    phone = tables.Column(default="")
    confirmed_at = LocalTimeColumn()

    class Meta(BaseTable.Meta):
        model = ProgrammeEntryMember
        fields = ("pk", "programme", "team_name", "entry_status", "student_number", "name", "college", "major",
                  "role", "phone", "confirmed_at")
        default_columns = ("programme", "team_name", "entry_status", "student_number", "name", "college", "role",
                           "confirmed_at")

    def render_entry_status(self, record):
        return badge(STATUS_BADGES[record.entry.status], record.entry.get_status_display())

    def value_entry_status(self, record):
        return record.entry.get_status_display()

    def value_role(self, record):
        return record.get_role_display()
