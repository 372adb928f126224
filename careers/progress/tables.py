import django_tables2 as tables
from django.utils.functional import cached_property
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import ProgressProject
from .summary import completion_counts

STATUS_STYLES = {"upcoming": "secondary", "open": "success", "closed": "dark"}


class ProjectTable(BaseTable):
    title = tables.Column(linkify=("progress:progressproject_detail", {"pk": tables.A("pk")}))
    graduation_year = tables.Column()
    starts_at = tables.DateTimeColumn(format="Y-m-d H:i")
    ends_at = tables.DateTimeColumn(format="Y-m-d H:i")
    status = tables.Column(accessor="pk", verbose_name="状态", orderable=False)
    completion = tables.Column(accessor="pk", verbose_name="报送情况（已报送/应报送专业）", orderable=False)
    created_by = tables.Column(accessor="created_by__name", verbose_name="创建人")

    class Meta(BaseTable.Meta):
        model = ProgressProject
        fields = ("title", "graduation_year", "starts_at", "ends_at", "status", "completion", "created_by")
        exclude = ("pk",)

    @cached_property
    def completion_by_project(self):
        """Reported/expected majors of every project on the page, within the user's scope: two queries."""
        page = getattr(self, "page", None)
        records = [row.record for row in page.object_list] if page is not None else []
        return completion_counts(records, self.user)

    def render_status(self, record):
        state = record.window_state()
        return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_STYLES[state.status],
                           ProgressProject.STATUS_LABELS[state.status])

    def render_completion(self, record):
        reported, expected = self.completion_by_project.get(record.pk, (0, 0))
        return f"{reported} / {expected}"
