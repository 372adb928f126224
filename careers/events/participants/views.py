"""招聘服务管理 → 招聘会 → 参会单位 (manual 4.6.2): the list with the 确认状态 indicators, the unit's detail
(files through permission-checked viewers), 确认 / 不通过 single and bulk, 参会设置, 批量分配展位, the
per-fair job list with 不显示 / 显示, exports. Every write goes through participants/actions.py / booths.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.expressions import ExpressionWrapper
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.exports import ExportField
from careers.core.redirects import return_url
from careers.core.views import generic
from careers.recruitment.models import Job
from careers.studentfiles.storage import private_file_response

from ..fairs import fees
from ..models import Booth, Fair, Order, OrderStatus, ParticipantJob, Participation
from . import actions, booths
from .filtersets import ParticipantJobFilterSet, ParticipationFilterSet
from .forms import (
    BoothAllocationForm,
    ParticipationSettingsForm,
    RejectForm,
)
from .tables import ParticipantJobTable, ParticipationTable, booth_codes

REVIEW = "events.participation.review"
CHANGE = "events.participation.change"
FILE_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
              "doc": "application/msword",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
FILES = {"poster": "海报图片", "brochure": "招聘简章附件", "receipt_file": "签字回执"}


def with_indicators(queryset):
    """Participations with `is_paid` (no fee due, or a paid order), `jobs_count` and their booths, in a
    bounded number of queries (one for the rows, one for all their booths)."""
    paid_order = Order.objects.filter(participation=OuterRef("pk"), status=OrderStatus.PAID)
    jobs = (ParticipantJob.objects.filter(participation=OuterRef("pk")).order_by()
            .values("participation").annotate(n=Count("pk")).values("n"))
    return (queryset.select_related("employer", "fair")
            .annotate(is_paid=ExpressionWrapper(Q(amount_due__lte=0) | Q(Exists(paid_order)),
                                                output_field=BooleanField()),
                      jobs_count=Coalesce(Subquery(jobs, output_field=IntegerField()), Value(0)))
            .prefetch_related(Prefetch("booths", queryset=Booth.objects.order_by("code"))))


participants = with_indicators(Participation.objects.all())
# The list loads the columns ParticipationTable can show (not the units' and fairs' full rows: ~30 timestamps
# and JSON fields a row, most of the list's Python time); the detail page and the export use `participants`.
participant_rows = participants.only(
    "fair", "employer", "status", "booths_requested", "attendees", "amount_due", "checked_in_at", "contact_person",
    "contact_phone", "created_at", "receipt_file", "brochure", "employer__name", "fair__title")


def selected_fair(request):
    pk = request.GET.get("fair", "")
    return Fair.objects.filter(pk=pk).first() if pk.isdecimal() else None


class ParticipantListView(generic.ObjectListView):
    queryset = participant_rows
    filterset = ParticipationFilterSet
    table = ParticipationTable
    template_name = "events/participants/participation_list.html"
    actions = ("export",)

    def base_context(self):
        context = super().base_context()
        fair = selected_fair(self.request)
        context.update(fair=fair, allocation_form=BoothAllocationForm(),
                       reject_form=RejectForm(auto_id="bulk_reject_%s"))
        if fair is not None:
            context["page_title"] = f"参会单位：{fair.title}"
        return context


class ParticipationView(generic.ObjectView):
    """参会单位详情: unit, contact, attendees, jobs, booths, files, fee and payment state; 确认 / 不通过."""

    queryset = participants.select_related("employer__user", "employer__industry", "employer__nature",
                                           "employer__region", "reviewed_by")
    template_name = "events/participants/participation_detail.html"
    detail_fields = ["contact_person", "contact_phone", "note", "created_at", "status", "review_note",
                     "reviewed_at", "reviewed_by", "invoice_title", "invoice_tax_number", "invoice_email",
                     "invoice_note"]

    def get_extra_context(self, obj):
        user = self.request.user
        return {
            "participation": obj, "employer": obj.employer, "fair": obj.fair, "booth_codes": booth_codes(obj),
            "jobs": obj.participant_jobs.select_related("job__education", "job__region").order_by("pk"),
            "orders": obj.orders.order_by("-created_at"),
            "fee_lines": fees.fee_lines(obj.fair, obj.booths_requested, len(obj.attendees or ())),
            "files": [(name, label, getattr(obj, name)) for name, label in FILES.items()],
            "can_review": user.has_permission(REVIEW), "can_change": user.has_permission(CHANGE),
            "reject_form": RejectForm(),
        }


class ParticipationReviewView(generic.ModelViewMixin):
    """确认 / 不通过 one unit from its detail page."""

    queryset = Participation.objects.all()

    def post(self, request, pk):
        obj = get_object_or_404(self.restricted("review"), pk=pk)
        action = request.POST.get("_action")
        try:
            if action == "confirm":
                actions.confirm([obj], acting_user=request.user)
                messages.success(request, f"已确认“{obj.employer.name}”参会。")
            elif action == "reject":
                actions.reject([obj], reason=request.POST.get("reason", ""), acting_user=request.user)
                messages.success(request, f"“{obj.employer.name}”的参会申请未通过，单位将看到原因。")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "操作未完成：" + generic.error_text(exc))
        return redirect("events:participation_detail", pk=pk)


class ParticipationBulkConfirmView(generic.BulkActionView):
    queryset = Participation.objects.all()
    action = "review"

    def perform(self, objects):
        done, already = actions.confirm(objects, acting_user=self.request.user)
        return f"已确认 {done} 家单位参会" + (f"（另有 {already} 家此前已确认）" if already else "") + "。"


class ParticipationBulkRejectView(generic.BulkActionView):
    queryset = Participation.objects.all()
    action = "review"

    def perform(self, objects):
        count = actions.reject(objects, reason=self.request.POST.get("reason", ""), acting_user=self.request.user)
        return f"{count} 家单位的参会申请未通过，单位将看到原因。"


class BoothAllocateView(generic.BulkActionView):
    """批量分配展位 for the checked rows (all of one fair), all or nothing."""

    queryset = Participation.objects.all()
    action = "change"

    def perform(self, objects):
        form = BoothAllocationForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        fairs = {o.fair_id for o in objects}
        if len(fairs) != 1:
            raise ValidationError("所选单位属于不同的招聘会，请先按招聘会筛选后再分配展位。")
        # keep the order of the rows as listed (the checkboxes come in page order)
        order = [int(pk) for pk in self.request.POST.getlist("pk") if pk.isdecimal()]
        result = booths.allocate(fairs.pop(), order, **form.layout(), acting_user=self.request.user)
        codes = [c for cs in result.values() for c in cs]
        return f"已为 {len(result)} 家单位分配 {len(codes)} 个展位（{codes[0]} 起）。"


class ParticipationSettingsView(generic.ModelViewMixin):
    """参会设置: booth codes, booth count, 单位签到 of one unit."""

    queryset = Participation.objects.select_related("employer", "fair")
    template_name = "events/participants/participation_settings.html"

    def render_form(self, obj, form):
        return render(self.request, self.template_name, {**self.base_context(), "object": obj, "form": form,
                                                         "fair": obj.fair})

    def get(self, request, pk):
        obj = get_object_or_404(self.restricted("change"), pk=pk)
        form = ParticipationSettingsForm(initial={"booth_codes": "、".join(obj.booths.order_by("code")
                                                                          .values_list("code", flat=True)),
                                                  "booths_requested": obj.booths_requested,
                                                  "checked_in": bool(obj.checked_in_at)})
        return self.render_form(obj, form)

    def post(self, request, pk):
        obj = get_object_or_404(self.restricted("change"), pk=pk)
        form = ParticipationSettingsForm(request.POST)
        if form.is_valid():
            try:
                changed = actions.update_settings(obj, booth_codes=form.cleaned_data["booth_codes"],
                                                  booths_requested=form.cleaned_data["booths_requested"],
                                                  checked_in=form.cleaned_data["checked_in"],
                                                  acting_user=request.user)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, generic.error_text(exc))
            else:
                messages.success(request, f"“{obj.employer.name}”的参会设置已保存："
                                 + ("；".join(changed) if changed else "没有修改"))
                return redirect(reverse("events:participant_list") + f"?fair={obj.fair_id}")
        return self.render_form(obj, form)


class ParticipationFileView(generic.ModelViewMixin):
    """海报 / 招聘简章 / 签字回执 viewer: private files, only for accounts that may view 参会单位."""
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py

    queryset = Participation.objects.select_related("employer")

    def get(self, request, pk, kind):
        if kind not in FILES:
            raise Http404
        obj = get_object_or_404(self.restricted("view"), pk=pk)
        field = getattr(obj, kind)
        if not field:
            messages.info(request, f"该单位尚未上传{FILES[kind]}。")
            return redirect("events:participation_detail", pk=pk)
        extension = field.name.rsplit(".", 1)[-1].lower()
        generic.log_event("other", module="recruitment", obj=obj, user=request.user, message=f"查看{FILES[kind]}")
        return private_file_response(field, FILE_TYPES.get(extension, "application/octet-stream"),
                                     filename=f"{obj.employer.name}-{FILES[kind]}.{extension}")


UNIT_EXPORT_FIELDS = [
    ExportField("employer", "参会单位", "employer.name"),
    ExportField("credit_code", "统一社会信用代码", "employer.credit_code"),
    ExportField("fair", "招聘会", "fair.title"),
    ExportField("status", "确认状态", lambda p: p.get_status_display()),
    ExportField("booths_requested", "展位数"),
    ExportField("booths", "展位号", booth_codes),
    ExportField("attendee_count", "参会人数", lambda p: len(p.attendees or ())),
    ExportField("attendees", "参会人员", lambda p: "；".join(
        "，".join(str(a.get(k, "")) for k in ("name", "position", "phone") if a.get(k)) for a in p.attendees or ())),
    ExportField("jobs_count", "职位数"),
    ExportField("contact_person", "联系人"), ExportField("contact_phone", "联系电话"),
    ExportField("receipt", "回执", lambda p: "已上传" if p.receipt_file else "未上传"),
    ExportField("brochure", "招聘简章", lambda p: "已上传" if p.brochure else "未上传"),
    ExportField("paid", "缴费", lambda p: "已缴费" if p.is_paid else "未缴费"),
    ExportField("amount_due", "应缴费用（元）"),
    ExportField("checked_in_at", "单位签到时间"),
    ExportField("invoice_title", "发票抬头"), ExportField("invoice_tax_number", "纳税人识别号"),
    ExportField("invoice_email", "接收发票邮箱"),
    ExportField("review_note", "审核意见"), ExportField("created_at", "申请时间"),
]


# -- the per-fair job list ----------------------------------------------------------------------------

fair_jobs = ParticipantJob.objects.select_related(
    "job__education", "job__region", "participation__employer", "participation__fair").order_by(
    "participation__employer__name", "pk")
# The list sorts on the unit's name over every fair's jobs: it joins only what the sort and the unit/fair
# columns need and loads the page's jobs (with their 学历/地区 names) in one more query. Joining the full jobs
# and their code tables for all rows before the sort was 45-60 ms a page at benchmark scale.
fair_job_rows = ParticipantJob.objects.select_related("participation__employer", "participation__fair").only(
    "job", "hidden", "participation__employer__name", "participation__fair__title").prefetch_related(
    Prefetch("job", queryset=Job.objects.select_related("education", "region").only(
        "title", "openings", "salary_min", "salary_max", "deadline", "education__name", "region__name"))).order_by(
    "participation__employer__name", "pk")


class FairJobListView(generic.ObjectListView):
    queryset = fair_job_rows
    filterset = ParticipantJobFilterSet
    table = ParticipantJobTable
    template_name = "events/participants/fair_job_list.html"
    actions = ("export",)

    def base_context(self):
        context = super().base_context()
        fair = selected_fair(self.request)
        context["fair"] = fair
        if fair is not None:
            context["page_title"] = f"参会职位：{fair.title}"
        return context


class FairJobToggleView(generic.BulkActionView):
    """不显示 / 显示: the checked jobs, or the one row whose button was pressed (`single`)."""

    queryset = ParticipantJob.objects.all()
    action = "change"
    hidden = True

    def selected(self):
        single = self.request.POST.get("single", "")
        if single.isdecimal():
            objects = list(self.restricted(self.action).filter(pk=single))
            return (objects, None) if objects else (None, "该职位已不存在或您无权操作。")
        return super().selected()

    def perform(self, objects):
        count = actions.set_jobs_hidden(objects, self.hidden, acting_user=self.request.user)
        word = "不显示" if self.hidden else "显示"
        return f"已将 {count} 个职位设为{word}。" + ("" if count == len(objects) else
                                                   f"（{len(objects) - count} 个原本就是{word}）")

    def back(self):
        return redirect(return_url(self.request, reverse("events:fair_job_list")))


class FairJobShowView(FairJobToggleView):
    hidden = False


JOB_EXPORT_FIELDS = [
    ExportField("title", "职位名称", "job.title"),
    ExportField("employer", "参会单位", "participation.employer.name"),
    ExportField("fair", "招聘会", "participation.fair.title"),
    ExportField("job_type", "工作类型", lambda pj: pj.job.get_job_type_display()),
    ExportField("openings", "招聘人数", "job.openings"),
    ExportField("education", "学历要求", lambda pj: pj.job.education.name if pj.job.education_id else "不限"),
    ExportField("salary", "月薪", lambda pj: pj.job.salary_display),
    ExportField("region", "工作地区", lambda pj: pj.job.region.name if pj.job.region_id else ""),
    ExportField("major_requirement", "专业要求说明", "job.major_requirement"),
    ExportField("deadline", "截止日期", "job.deadline"),
    ExportField("contact", "联系人", "job.contact_person"),
    ExportField("hidden", "显示状态", lambda pj: "不显示" if pj.hidden else "显示"),
]
