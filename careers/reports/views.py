"""就业率统计 (rates as of a date, snapshots, export) and 就业市场信息统计."""

import datetime
import os
import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode

from careers.core.exports import ExportField, csv_chunks, export_filename, write_xlsx
from careers.core.history import log_event
from careers.core.scoping import sees_all_majors
from careers.core.views.generic import BackofficeView

from . import market, rates
from .forms import MarketForm, RatesForm, year_choices
from .models import Snapshot
from .rates import compute, fraction_text, resolve_as_of
from .snapshots import take_snapshot

DEFINITIONS = [
    ("毕业生人数", "所选毕业年份的在读学生（学籍状态为在读）；非在读学生不计入。"),
    ("毕业去向落实率", "（协议和合同就业 + 灵活就业 + 自主创业 + 升学）÷ 毕业生人数。即已审核的毕业去向代码"
                 "“计入落实”为是的人数，含应征义务兵、国家和地方基层项目、境内升学和境外留学。"),
    ("知晓率", "去向已知人数 ÷ 毕业生人数。去向已知：有已审核的毕业去向，包括待就业、不就业拟升学、其他暂不就业。"),
    ("职业成果率", "落实人数 ÷ 去向已知人数（NACE 口径：就业、参军、基层项目、创业、升学均为积极去向）。"),
    ("审核", "只统计已审核的就业信息；待审核、未通过或未填报的均视为去向未知。"),
]


def rates_form(request):
    return RatesForm(request.GET, operating_year=request.operating_year)


def wants_live(request):
    """实时重算: today's figures computed live instead of read from the current snapshot."""
    return request.GET.get("live") == "1"


def rates_query(form, live):
    return urlencode({**{k: v for k, v in form.data.items()}, **({"live": "1"} if live else {})})


class RatesView(BackofficeView):
    bench_kind = "statistics"  # what the list benchmark makes of it: careers/core/routes.py
    template_name = "reports/rates.html"

    def get(self, request):
        self.require("reports.rates.view")
        form = rates_form(request)
        table, snapshots, earliest = None, [], None
        if form.is_valid():
            year, as_of = form.cleaned_data["year"], form.cleaned_data["as_of"]
            table = compute(request.user, year, form.cleaned_data["dimension"],
                            resolve_as_of(year, as_of, prefer_snapshot=True, live=wants_live(request)))
            snapshots = list(Snapshot.objects.filter(graduation_year=year).order_by("-taken_on")
                             .values_list("taken_on", flat=True)[:12])
            if table.as_of.missing and snapshots:
                earliest = (Snapshot.objects.filter(graduation_year=year).order_by("taken_on")
                            .values_list("taken_on", flat=True).first())
        user = request.user
        query = rates_query(form, wants_live(request))
        live_query = rates_query(form, True)
        snapshot_query = rates_query(form, False)
        return render(request, self.template_name, {
            "form": form, "table": table, "definitions": DEFINITIONS, "snapshots": snapshots, "earliest": earliest,
            "today": timezone.localdate(), "query": query, "live_query": live_query, "snapshot_query": snapshot_query,
            "can_export": user.has_permission("reports.rates.export"),
            "can_snapshot": user.has_permission("reports.rates.snapshot") and sees_all_majors(user),
            "year_choices": year_choices(request.operating_year), "chart_max_rows": rates.CHART_MAX_ROWS,
        })


def export_fields(table):
    def rate(attr):
        return lambda row: float(getattr(row, attr) * 100) if getattr(row, attr) is not None else None

    return [
        ExportField("label", table.dimension.label),
        ExportField("graduates", "毕业生人数"),
        ExportField("placed", "落实人数"),
        ExportField("known", "去向已知人数"),
        ExportField("unknown", "去向未知人数"),
        ExportField("placement_rate", "毕业去向落实率（%）", rate("placement_rate")),
        ExportField("placement_fraction", "毕业去向落实率（分数）", lambda r: fraction_text(r.placed, r.graduates)),
        ExportField("knowledge_rate", "知晓率（%）", rate("knowledge_rate")),
        ExportField("knowledge_fraction", "知晓率（分数）", lambda r: fraction_text(r.known, r.graduates)),
        ExportField("outcomes_rate", "职业成果率（%）", rate("outcomes_rate")),
        ExportField("outcomes_fraction", "职业成果率（分数）", lambda r: fraction_text(r.placed, r.known)),
    ]


class RatesExportView(BackofficeView):
    """The table on the page, as .xlsx or .csv, with exact fractions beside the percentages."""
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py

    def get(self, request):
        self.require("reports.rates.export")
        form = rates_form(request)
        if not form.is_valid():
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
            return redirect(reverse("reports:rates"))
        fmt = request.GET.get("format") if request.GET.get("format") in ("xlsx", "csv") else "xlsx"
        year, as_of = form.cleaned_data["year"], form.cleaned_data["as_of"]
        table = compute(request.user, year, form.cleaned_data["dimension"],
                        resolve_as_of(year, as_of, prefer_snapshot=True, live=wants_live(request)))
        if table.as_of.missing:
            messages.error(request, f"{table.as_of.description}，没有可导出的数据。")
            return redirect(reverse("reports:rates") + "?" + urlencode(form.data))
        fields = export_fields(table)
        rows = [*table.rows, table.total]
        source = "实时" if table.as_of.live else f"快照{table.as_of.snapshot.taken_on:%Y%m%d}"
        if table.as_of.current:
            source = f"快照{timezone.localtime(table.as_of.snapshot.taken_at):%Y%m%d%H%M}"
        label = f"就业率统计-{year}届-按{table.dimension.label}-{source}"
        log_event("export", module="reports", user=request.user,
                  message=f"导出就业率统计（{year}届，按{table.dimension.label}，{table.as_of.description}）",
                  changes={"行数": ["", str(len(rows))], "格式": ["", fmt], "查询条件": ["", urlencode(form.data)]})
        filename = export_filename(label, fmt)
        if fmt == "csv":
            response = StreamingHttpResponse(csv_chunks(fields, rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = content_disposition_header(True, filename)
            return response
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        write_xlsx(path, fields, rows, "就业率统计")
        stream = open(path, "rb")
        os.unlink(path)  # the open handle keeps the data until the response is closed
        return FileResponse(stream, as_attachment=True, filename=filename,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


class SnapshotTakeView(BackofficeView):
    """生成今日快照: school admins freeze today's outcomes of a year (again: replaces today's rows)."""

    def post(self, request):
        self.require("reports.rates.snapshot")
        if not sees_all_majors(request.user):
            raise PermissionDenied("快照覆盖全校数据，只有一级管理员可以生成。")
        try:
            year = int(request.POST.get("year") or request.operating_year)
        except ValueError:
            year = request.operating_year
        if year not in dict(year_choices(request.operating_year)):
            messages.error(request, "请选择列表中的毕业年份。")
            return redirect("reports:rates")
        today = timezone.localdate()
        snapshot = take_snapshot(year, today, user=request.user, source=Snapshot.Source.MANUAL)
        messages.success(request, f"已生成 {year} 届 {today:%Y-%m-%d} 的就业快照（{snapshot.graduates} 名毕业生）。"
                                  "同一天再次生成会替换当天的快照。")
        return redirect(reverse("reports:rates") + "?" + urlencode({"year": year, "as_of": today.isoformat()}))


class MarketView(BackofficeView):
    bench_kind = "statistics"  # what the list benchmark makes of it: careers/core/routes.py
    template_name = "reports/market.html"

    def get(self, request):
        self.require("reports.market.view")
        form = MarketForm(request.GET or None)
        figures, period = [], None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            period = market.Period(data["start"], data["end"], request.user)
            figures = market.figures(period, data["by"] or "")
        elif not form.is_bound:
            period = market.Period(user=request.user)
            figures = market.figures(period)
        today = timezone.localdate()
        presets = [
            ("本月", {"start": today.replace(day=1)}),
            ("近 30 天", {"start": today - datetime.timedelta(days=29)}),
            ("本年", {"start": today.replace(month=1, day=1)}),
            ("全部", {}),
        ]
        by = (form.cleaned_data.get("by") or "") if form.is_bound and form.is_valid() else ""
        keep = {"by": by} if by else {}
        preset_links = [(label, "?" + urlencode({**{k: v.isoformat() for k, v in p.items()}, **keep}))
                        for label, p in presets]
        return render(request, self.template_name, {
            "form": form, "figures": figures, "period": period, "presets": preset_links,
            "grouping_label": market.GROUPINGS.get(by, ""),
        })
