"""招聘服务管理 → 简历投递管理 (manual 4.4): admins query and export deliveries of their managed majors.

Read-only: the unit moves a delivery through its statuses, the school watches. Scope is the student's
major (`Application.scope_major_lookup`), so a college admin never sees another college's students.
"""

from django.db.models.fields.json import KT

from careers.core.views import generic

from .filtersets import ApplicationFilterSet
from .models import Application
from .tables import ApplicationTable

applications = (Application.objects.select_related("student__major__college", "job", "employer")
                .defer("snapshot", "job__description", "job__pending_changes", "employer__pending_changes",
                       "employer__introduction")
                .annotate(resume_title=KT("snapshot__title")))


class ApplicationListView(generic.ObjectListView):
    queryset = applications
    filterset = ApplicationFilterSet
    table = ApplicationTable
    actions = ("export",)


class ApplicationView(generic.ObjectView):
    """The delivery as the unit received it (the snapshot) plus its status history."""

    queryset = Application.objects.select_related("student__major__college", "job", "employer")
    template_name = "recruitment/application_detail.html"
    detail_fields = ["student", "job", "employer", "status", "employer_note", "status_changed_at", "created_at"]

    def get_extra_context(self, obj):
        from .snapshot import attachment_file

        timeline = obj.history.only("history_date", "status", "employer_note", "history_change_reason",
                                    "history_user_id").order_by("history_date", "history_id")
        return {"resume": obj.snapshot, "timeline": timeline, "has_attachment": attachment_file(obj) is not None}
