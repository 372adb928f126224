"""统计 pages of one fair / one talk (figures, ECharts charts, copyable table, xlsx export) and the
活动提醒 page (tomorrow's events, reminders sent, run now)."""

import datetime
import os
import tempfile

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from careers.core.exports import ExportField, export_filename, write_xlsx
from careers.core.history import log_event
from careers.core.scoping import sees_all_majors
from careers.core.views.generic import BackofficeView, ModelViewMixin

from ..checkin.models import event_field
from ..models import Fair, Registration, Talk
from .actions import events_on, send_event_reminders
from .figures import fair_stats, in_scope, talk_stats

KIND_LABELS = {"fair": "招聘会", "talk": "宣讲会", "career_event": "就业活动"}


def optional_reverse(name, *args):
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return None


class EventStatsMixin(ModelViewMixin):
    compute = None

    def get_event(self, pk):
        return get_object_or_404(self.restricted("stats"), pk=pk)

    def stats_of(self, event):
        return type(self).compute(event, self.request.user)


class EventStatsView(EventStatsMixin):
    bench_kind = "statistics"  # what the list benchmark makes of it: careers/core/routes.py
    template_name = "events/stats/event_stats.html"

    def get(self, request, pk):
        event = self.get_event(pk)
        stats = self.stats_of(event)
        kind = event_field(event)
        return render(request, self.template_name, {
            **self.base_context(), "event": event, "stats": stats, "kind": kind, "kind_label": KIND_LABELS[kind],
            "export_url": reverse(f"events:{kind}_stats_export", args=[event.pk]),
            "detail_url": optional_reverse(f"events:{kind}_detail", event.pk)
            or optional_reverse(f"events:{kind}_review", event.pk),
            "registrations_url": optional_reverse(f"events:{kind}_registration_list", event.pk),
            "checkins_url": optional_reverse(f"events:{kind}_checkin_list", event.pk),
            "chart": stats.chart_data(), "rows": stats.rows(),
        })


EXPORT_FIELDS = [ExportField("section", "分类", lambda r: r[0]), ExportField("item", "项目", lambda r: r[1]),
                 ExportField("value", "数值", lambda r: r[2])]


class EventStatsExportView(EventStatsMixin):
    """The page's table as .xlsx (one row per figure); logged."""
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py

    def get(self, request, pk):
        event = self.get_event(pk)
        stats = self.stats_of(event)
        kind_label = KIND_LABELS[event_field(event)]
        rows = [("活动", "名称", event.title),
                ("活动", "时间", (f"{timezone.localtime(event.starts_at):%Y-%m-%d %H:%M}–"
                                 f"{timezone.localtime(event.ends_at):%H:%M}")),
                ("活动", "统计范围", "仅含您管辖专业的学生" if stats.scoped else "全校"), *stats.rows()]
        log_event("export", module="events", user=request.user, obj=event,
                  message=f"导出{kind_label}统计：{event.title}",
                  changes={"行数": ["", str(len(rows))], "格式": ["", "xlsx"]})
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        write_xlsx(path, EXPORT_FIELDS, rows, f"{kind_label}统计")
        stream = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
        os.unlink(path)  # the open handle keeps the data until the response is closed
        return FileResponse(stream, as_attachment=True,
                            filename=export_filename(f"{kind_label}统计-{event.title}", "xlsx"),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


class FairStatsView(EventStatsView):
    queryset = Fair.objects.all()
    compute = staticmethod(fair_stats)


class FairStatsExportView(EventStatsExportView):
    queryset = Fair.objects.all()
    compute = staticmethod(fair_stats)


class TalkStatsView(EventStatsView):
    queryset = Talk.objects.all()
    compute = staticmethod(talk_stats)


class TalkStatsExportView(EventStatsExportView):
    queryset = Talk.objects.all()
    compute = staticmethod(talk_stats)


class RemindersView(BackofficeView):
    """活动提醒: tomorrow's talks and fairs with registered / reminded counts; 立即发送 runs the daily task."""

    template_name = "events/stats/reminders.html"
    permission = "events.registration.remind"

    def get(self, request):
        self.require(self.permission)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        events = events_on(tomorrow)
        counts = {}
        for kind in ("talk", "fair", "career_event"):
            ids = [e.pk for e in events if event_field(e) == kind]
            registrations = in_scope(Registration.objects.filter(**{f"{kind}__in": ids}), request.user)  # as the lists
            rows = (registrations.order_by().values(kind)
                    .annotate(n=Count("pk"), done=Count("pk", filter=Q(reminded_at__isnull=False))))
            counts.update({(kind, row[kind]): (row["n"], row["done"]) for row in rows})
        items = [{"event": e, "kind_label": KIND_LABELS[event_field(e)],
                  "registered": counts.get((event_field(e), e.pk), (0, 0))[0],
                  "reminded": counts.get((event_field(e), e.pk), (0, 0))[1]} for e in events]
        return render(request, self.template_name, {
            "items": items, "tomorrow": tomorrow, "can_send": sees_all_majors(request.user),
            "page_title": "活动提醒"})

    def post(self, request):
        self.require(self.permission)
        if not sees_all_majors(request.user):
            messages.error(request, "活动提醒面向全校学生，只有校级管理员可以发送。")
            return redirect("events:reminders")
        report = send_event_reminders(user=request.user)
        if report.sent:
            messages.success(request, f"已发送：{report}。")
        else:
            messages.info(request, f"没有需要发送的提醒（{report}；已提醒过的学生不会重复发送）。")
        return redirect("events:reminders")
