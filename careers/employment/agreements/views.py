"""协议书管理 in the back office (/employment/agreements/): list, detail with 同意 / 不同意 / 同意并登记编号 /
重置, 批量审核打印 (numbers in the request, PDFs as a background job), print views and PDFs, the numbers'
list, 协议书设置 and 申请材料 configuration."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.forms import add_action_errors
from careers.core.pdfdraw import render_pages
from careers.core.scoping import permission_code, scope_filter, sees_all_majors
from careers.core.views import generic
from careers.core.views.generic import error_text
from careers.studentfiles.storage import private_file_response
from careers.events.participants.files import content_type_of

from . import actions, signing
from .forms import (
    AgreementSettingsForm,
    MaterialRequirementForm,
    PrintBatchForm,
    RegisterNumberForm,
    RejectForm,
    ResetForm,
    SigningApproveForm,
)
from .filtersets import AgreementApplicationFilterSet, AgreementNumberFilterSet, OnlineAgreementFilterSet
from .jobs import start_pdfs
from .models import (
    PRINTABLE_STATUSES,
    AgreementApplication,
    AgreementMode,
    AgreementNumber,
    AgreementSettings,
    ApplicationMaterial,
    ApplicationStatus,
    MaterialRequirement,
    NumberStatus,
    OnlineAgreement,
    SigningStatus,
)
from .printing import (
    RELATED,
    agreement_context,
    agreements_pdf,
    application_context,
    application_pdf,
    blank_context,
    draw_agreement,
    pdf_response,
    signing_pdf_response,
    signing_steps,
)
from .tables import AgreementApplicationTable, AgreementNumberTable, OnlineAgreementTable

applications = AgreementApplication.objects.select_related(
    "student__major__college", "number").order_by("-submitted_at", "-pk")
application_detail = AgreementApplication.objects.select_related(*RELATED, "reviewed_by", "printed_by")
PRINT = "employment.agreementapplication.print"
REVIEW = "employment.agreementapplication.review"
PRINT_VIEW_LIMIT = 500


# -- list -----------------------------------------------------------------------------------------

class AgreementApplicationListView(generic.ObjectListView):
    queryset = applications
    filterset = AgreementApplicationFilterSet
    table = AgreementApplicationTable
    template_name = "employment/agreements/list.html"
    actions = ("export",)
    empty_hint = "学生在学生中心提交协议书申请后显示在这里。"

    def get_extra_context(self):
        return {"college_mode": mode() == AgreementMode.COLLEGE}



def mode():
    return AgreementSettings.load().mode


# -- detail and decisions -------------------------------------------------------------------------

class AgreementApplicationView(generic.ObjectView):
    queryset = application_detail
    template_name = "employment/agreements/detail.html"
    detail_fields = ["student", "kind", "reason", "status", "submitted_at", "reviewed_at", "reviewed_by",
                     "review_note", "batch_label", "number", "printed_at", "printed_by", "reset_count"]

    def get_extra_context(self, obj):
        user = self.request.user
        settings_mode = mode()
        can_review = user.has_permission(REVIEW)
        can_print = user.has_permission(PRINT)
        pending = obj.status == ApplicationStatus.PENDING
        waiting = obj.status in PRINTABLE_STATUSES
        return {
            "mode": settings_mode,
            "college_mode": settings_mode == AgreementMode.COLLEGE,
            "student": obj.student,
            "materials": list(obj.materials.all()),
            "numbers": list(obj.student.agreement_numbers.select_related("application").order_by("issued_at", "pk")),
            "others": list(obj.student.agreement_applications.exclude(pk=obj.pk).select_related("number")),
            "can_approve": can_review and pending and settings_mode == AgreementMode.SCHOOL,
            "can_reject": can_review and pending,
            "can_register": can_print and waiting and settings_mode == AgreementMode.COLLEGE,
            "can_print": can_print and waiting and settings_mode == AgreementMode.SCHOOL,
            "can_reset": can_print and not actions.reset_problem(obj),
            "reject_form": RejectForm(prefix="reject"),
            "register_form": RegisterNumberForm(prefix="register"),
            "reset_form": ResetForm(prefix="reset"),
            "print_form": PrintBatchForm(initial={"start": actions.next_number()}),
        }


class DecisionView(generic.ModelViewMixin):
    """A POST-only decision on one application from its detail page; refusals are shown there."""

    queryset = application_detail
    action = "review"
    form_class = None
    prefix = None

    def get(self, request, pk):
        get_object_or_404(self.restricted(self.action), pk=pk)  # out of scope: 404, as everywhere
        return redirect("employment:agreementapplication_detail", pk=pk)

    def post(self, request, pk):
        application = get_object_or_404(self.restricted(self.action), pk=pk)
        form = self.form_class(request.POST, prefix=self.prefix) if self.form_class else None
        if form is not None and not form.is_valid():
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        else:
            try:
                done = self.perform(application, form.cleaned_data if form is not None else {})
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(request, done)
        return redirect("employment:agreementapplication_detail", pk=pk)


class ApproveView(DecisionView):
    def perform(self, application, data):
        actions.approve(application, acting_user=self.request.user)
        return f"已同意{application}，待打印。"


class RejectView(DecisionView):
    form_class, prefix = RejectForm, "reject"

    def perform(self, application, data):
        actions.reject(application, acting_user=self.request.user, reason=data["reason"])
        return f"已不同意{application}。"


class RegisterView(DecisionView):
    action = "print"
    form_class, prefix = RegisterNumberForm, "register"

    def perform(self, application, data):
        actions.register_number(application, data["number"], acting_user=self.request.user)
        return f"已同意并登记协议书编号 {data['number']}。"


class ResetView(DecisionView):
    action = "print"
    form_class, prefix = ResetForm, "reset"

    def perform(self, application, data):
        old = application.number
        actions.reset(application, acting_user=self.request.user, reason=data.get("reason", ""))
        return f"已重置该申请，原协议书编号 {old or '—'} 已作废，可重新打印。"


# -- 批量审核打印 ------------------------------------------------------------------------------------

class PrintBatchView(generic.BulkObjectsMixin):
    """批量审核打印 for the checked rows: a form (识别号, 起始号) over the selection, then numbers and PDFs."""

    queryset = applications
    action = "print"
    template_name = "employment/agreements/print_batch.html"

    def get(self, request):
        return redirect("employment:agreementapplication_list")

    def selected(self):
        """The ticked rows, or with `all_matching` every application waiting for a form that the list's query
        (`query`, the list's filters) shows — a batch of thousands needs no ticking page by page."""
        request = self.request
        if not request.POST.get("all_matching"):
            return super().selected()
        data = QueryDict(request.POST.get("query", ""), mutable=True)
        data.pop("page", None)
        if "student__graduation_year" not in data:  # the list's default: the operating year
            data["student__graduation_year"] = str(request.operating_year)
        filterset = AgreementApplicationFilterSet(data, queryset=self.restricted(self.action), request=request)
        if not filterset.is_valid():
            return None, "查询条件有误，请返回列表修改后重试。"
        objects = list(filterset.qs.filter(status__in=PRINTABLE_STATUSES)[:actions.MAX_BATCH + 1])
        if not objects:
            return None, "按当前查询条件没有待审核或待打印的申请。"
        if len(objects) > actions.MAX_BATCH:
            return None, f"按当前查询条件有超过 {actions.MAX_BATCH} 份待打印的申请，请缩小查询范围后分批打印。"
        return objects, None

    def post(self, request):
        objects, error = self.selected()
        if error:
            messages.error(request, error)
            return self.back()
        form = PrintBatchForm(request.POST if "_confirm" in request.POST else None,
                              initial={"start": actions.next_number()})
        if "_confirm" in request.POST and form.is_valid():
            data = form.cleaned_data
            try:
                printed = actions.print_batch(objects, batch_label=data["batch_label"], start=data["start"],
                                              end=data["end"], acting_user=request.user)
            except ValidationError as exc:
                add_action_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                job = start_pdfs(request.user, printed, data["batch_label"])
                first, last = printed[0].number.number, printed[-1].number.number
                messages.success(request, f"已审核并编号 {len(printed)} 份协议书（{first}～{last}），"
                                          "正在生成 PDF，完成后可下载；也可打开打印页面直接打印。")
                return redirect(reverse("core:job_detail", args=[job.pk]))
        return render(request, self.template_name, {
            **self.base_context(), "objects": objects, "shown": objects[:200], "form": form,
            "return_url": request.POST.get("return_url", ""), "college_mode": mode() == AgreementMode.COLLEGE,
            "all_matching": bool(request.POST.get("all_matching")), "query": request.POST.get("query", ""),
        }, status=400 if form.errors else 200)


# -- print views and PDFs -------------------------------------------------------------------------

class AgreementPrintView(generic.ModelViewMixin):
    """One student's agreement (HTML print view; `?format=pdf` for the PDF)."""

    queryset = application_detail

    def get(self, request, pk):
        application = get_object_or_404(self.restricted("print"), pk=pk)
        if application.number_id is None or application.number.status != NumberStatus.ACTIVE:
            messages.error(request, "该申请尚未打印或编号已作废，没有可打印的协议书。")
            return redirect("employment:agreementapplication_detail", pk=pk)
        if request.GET.get("format") == "pdf":
            return pdf_response(agreements_pdf([application]), f"协议书_{application.number.number}.pdf")
        return render(request, "employment/agreements/print_agreements.html", {
            **self.base_context(), "forms": [agreement_context(application)],
            "pdf_url": f"{request.path}?format=pdf"})


class BatchPrintView(generic.ModelViewMixin):
    """The agreements of one 识别号 (the batch's print view), in 学号 order, scoped."""

    queryset = application_detail

    def get(self, request):
        label = request.GET.get("batch", "").strip()
        rows = list(self.restricted("print").filter(batch_label=label, status=ApplicationStatus.PRINTED)
                    .order_by("student__student_number", "pk")[:PRINT_VIEW_LIMIT + 1]) if label else []
        too_many = len(rows) > PRINT_VIEW_LIMIT
        return render(request, "employment/agreements/print_agreements.html", {
            **self.base_context(), "forms": [agreement_context(a) for a in rows[:PRINT_VIEW_LIMIT]],
            "batch": label, "too_many": too_many})


class ApplicationFormView(generic.ModelViewMixin):
    """《申请表》 (HTML; `?format=pdf`)."""

    queryset = application_detail

    def get(self, request, pk):
        application = get_object_or_404(self.restricted("view"), pk=pk)
        if request.GET.get("format") == "pdf":
            return pdf_response(application_pdf(application), f"协议书申请表_{application.student.student_number}.pdf")
        return render(request, "employment/agreements/application_form.html", {
            **self.base_context(), **application_context(application), "pdf_url": f"{request.path}?format=pdf",
            "back_url": reverse("employment:agreementapplication_detail", args=[pk])})


class MaterialFileView(generic.ModelViewMixin):
    queryset = ApplicationMaterial.objects.all()

    def get(self, request, pk):
        material = get_object_or_404(self.restricted("view"), pk=pk)
        ext = material.file.name.rsplit(".", 1)[-1] if material.file else "bin"
        return private_file_response(material.file, content_type_of(material.file), filename=f"{material.name}.{ext}")

    def restricted(self, action):
        # the application's permission (materials have no menu of their own); scoped by the student's major
        self.require(permission_code(AgreementApplication, action))
        return scope_filter(ApplicationMaterial.objects.all(), self.request.user)


class FormsForCollegesView(generic.ModelViewMixin):
    """院系登记方式: the school prints agreements without numbers for the colleges — blank (`?count=`) or with the
    data of ticked students (POST `pk`); the college registers each form's number when it hands one out."""

    queryset = application_detail
    MAX = 500

    def get(self, request):
        self.restricted("print")
        count = request.GET.get("count", "")
        if count:
            if not count.isdecimal() or not 1 <= int(count) <= self.MAX:
                messages.error(request, f"打印份数须为 1 到 {self.MAX} 之间的整数。")
                return redirect("employment:agreementapplication_list")
            data = render_pages([draw_agreement(blank_context()) for _ in range(int(count))], title="毕业生就业协议书")
            return pdf_response(data, f"空白协议书_{count}份.pdf")
        return redirect("employment:agreementapplication_list")

    def post(self, request):
        queryset = self.restricted("print")
        pks = [pk for pk in request.POST.getlist("pk") if pk.isdecimal()]
        rows = list(queryset.filter(pk__in=pks).order_by("student__student_number", "pk")[:self.MAX + 1])
        if not pks or len(rows) != len(set(pks)):
            messages.error(request, "请先勾选要打印的申请（所选记录须在您的管辖范围内，一次最多 500 份）。")
            return redirect("employment:agreementapplication_list")
        data = render_pages([draw_agreement(blank_context(a.student)) for a in rows], title="毕业生就业协议书")
        return pdf_response(data, f"协议书_院系发放_{len(rows)}份.pdf")


# -- numbers --------------------------------------------------------------------------------------

class AgreementNumberListView(generic.ObjectListView):
    queryset = AgreementNumber.objects.select_related("student__major__college").order_by("-issued_at", "-pk")
    filterset = AgreementNumberFilterSet
    table = AgreementNumberTable
    actions = ("export",)
    importer = "employment.agreementnumber"


# -- settings and materials (school only) ---------------------------------------------------------

class AgreementSettingsView(generic.ModelViewMixin):
    queryset = AgreementSettings.objects.all()
    template_name = "employment/agreements/settings.html"

    def render_page(self, form):
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "can_change": self.can_change(),
            "requirements": MaterialRequirement.objects.order_by("kind", "position", "pk"),
        }, status=400 if form.errors else 200)

    def can_change(self):
        return sees_all_majors(self.request.user) and self.request.user.has_permission(
            "employment.agreementsettings.change")

    def get(self, request):
        self.require("employment.agreementsettings.view")
        return self.render_page(AgreementSettingsForm(instance=AgreementSettings.load(), user=request.user))

    def post(self, request):
        self.require("employment.agreementsettings.change")
        if not self.can_change():
            raise PermissionDenied("只有学校管理员可以修改协议书设置。")
        obj = AgreementSettings.load()
        form = AgreementSettingsForm(request.POST, instance=obj, user=request.user)
        if form.is_valid():
            try:
                actions.update_settings(obj, form.cleaned_data, acting_user=request.user)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "协议书设置已保存。")
                return redirect("employment:agreementsettings_edit")
        return self.render_page(form)


class SchoolOnlyMixin:
    def restricted(self, action):
        if action != "view" and not sees_all_majors(self.request.user):
            raise PermissionDenied("只有学校管理员可以设置协议书申请材料。")
        self.require(f"employment.agreementsettings.{'view' if action == 'view' else 'change'}")
        return self.queryset.all()

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.restricted("change"), pk=self.kwargs["pk"])
        self.restricted("change")
        return MaterialRequirement()

    def success_url(self, obj):
        return reverse("employment:agreementsettings_edit")


class MaterialRequirementEditView(SchoolOnlyMixin, generic.ObjectEditView):
    queryset = MaterialRequirement.objects.all()
    form = MaterialRequirementForm


class MaterialRequirementDeleteView(SchoolOnlyMixin, generic.ObjectDeleteView):
    queryset = MaterialRequirement.objects.all()

    def get_object(self):
        return get_object_or_404(self.restricted("change"), pk=self.kwargs["pk"])

    def post(self, request, pk):
        self.get_object().delete()
        messages.success(request, "已删除该材料要求。")
        return redirect("employment:agreementsettings_edit")



# -- 网上签约 (online signing) ----------------------------------------------------------------------

online_agreements = OnlineAgreement.objects.select_related(
    "student__major__college", "employer", "number").order_by("-submitted_at", "-pk")
SIGNING_RELATED = (*RELATED, "employer__region", "work_region", "employer_confirmed_by", "approved_by")


class OnlineAgreementListView(generic.ObjectListView):
    queryset = online_agreements
    filterset = OnlineAgreementFilterSet
    table = OnlineAgreementTable
    actions = ("export",)
    empty_hint = "开启“允许网上签约”后，学生网上填写、用人单位确认的三方协议显示在这里。"


class OnlineAgreementView(generic.ObjectView):
    queryset = OnlineAgreement.objects.select_related(*SIGNING_RELATED)
    template_name = "employment/agreements/signing_detail.html"
    detail_fields = ["student", "employer", "status", "job_title", "work_region", "contract_period", "salary",
                     "probation", "start_date", "other_terms", "submitted_at", "employer_contact", "employer_phone",
                     "employer_confirmed_at", "employer_note", "approved_at", "approved_by", "school_note", "number"]

    def get_extra_context(self, obj):
        can = self.request.user.has_permission("employment.onlineagreement.review") and \
            obj.status == SigningStatus.SCHOOL
        return {"can_decide": can, "approve_form": SigningApproveForm(prefix="approve", initial={
                    "start": actions.next_number()}) if can else None,
                "reject_form": RejectForm(prefix="reject"), "steps": signing_steps(obj)}


class SigningDecisionView(DecisionView):
    queryset = OnlineAgreement.objects.select_related("student", "employer")

    def get(self, request, pk):
        get_object_or_404(self.restricted(self.action), pk=pk)
        return redirect("employment:onlineagreement_detail", pk=pk)

    def post(self, request, pk):
        super().post(request, pk)
        return redirect("employment:onlineagreement_detail", pk=pk)


class SigningApproveView(SigningDecisionView):
    form_class, prefix = SigningApproveForm, "approve"

    def perform(self, agreement, data):
        done = signing.approve(agreement, acting_user=self.request.user, start=data.get("start", ""))
        return f"已同意该网上签约，协议书编号 {done.number.number}。"


class SigningRejectView(SigningDecisionView):
    form_class, prefix = RejectForm, "reject"

    def perform(self, agreement, data):
        signing.reject(agreement, acting_user=self.request.user, reason=data["reason"])
        return "已不同意该网上签约。"


class SigningPdfView(generic.ModelViewMixin):
    """The signed agreement as a PDF: the terms, each party's confirmation time and the number."""

    queryset = OnlineAgreement.objects.select_related(*SIGNING_RELATED)

    def get(self, request, pk):
        agreement = get_object_or_404(self.restricted("view"), pk=pk)
        return signing_pdf_response(agreement)
