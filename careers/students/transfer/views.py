"""转移数据 (year/major transfer) and 专业转移审核 (transfer approval)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.scoping import permission_code, sees_all_majors
from careers.core.views import generic

from ..records import review
from .filtersets import MajorTransferFilterSet
from ..records.forms import TransferDecisionForm, TransferForm
from ..models import MajorTransfer, Student, StudentSettings
from .tables import MajorTransferTable
from ..records.entry import next_url

transfers = MajorTransfer.objects.select_related(
    "student", "from_major__college", "to_major__college", "requested_by", "decided_by")


class TransferScopeMixin:
    """Either side of a transfer sees it (MajorTransferQuerySet.restrict)."""

    def restricted(self, action):
        self.require(permission_code(self.model, action))
        return self.queryset.all().restrict(self.request.user, action)


class StudentTransferView(generic.ModelViewMixin):
    """转移数据: to another graduation year and/or major, with a required reason."""

    queryset = Student.objects.select_related("major__college", "major__education_level", "major__campus",
                                              "major__department")
    template_name = "students/student_transfer.html"

    def get_object(self):
        return get_object_or_404(self.restricted("transfer"), pk=self.kwargs["pk"])

    def get_form(self, data=None):
        return TransferForm(data, majors=review.transfer_target_majors(self.request.user),
                            initial={"to_year": self.request.operating_year,
                                     "education_level": self.object.major.education_level_id})

    def render_page(self, form):
        student = self.object
        value = form["to_major"].value()
        picked = form.fields["to_major"].queryset.filter(pk=value).first() if str(value or "").isdecimal() else None
        return render(self.request, self.template_name, {
            **self.base_context(), "object": student, "form": form,
            "picked_label": f"{picked.college.name} · {picked.education_level.name}·{picked}" if picked else "",
            "approval_enabled": review.approval_enabled(),
            "sees_all": sees_all_majors(self.request.user),
            "history": student.transfers.select_related("from_major", "to_major", "requested_by", "decided_by"),
            "next": next_url(self.request, ""),
        })

    def get(self, request, pk):
        self.object = self.get_object()
        return self.render_page(self.get_form())

    def post(self, request, pk):
        self.object = self.get_object()
        form = self.get_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                transfer = review.request_transfer(
                    self.object, to_major=data["to_major"], to_year=data["to_year"], reason=data["reason"],
                    acting_user=request.user)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, "；".join(getattr(exc, "messages", None) or [str(exc)]))
            else:
                if transfer.status == MajorTransfer.Status.PENDING:
                    messages.info(request, f"已提交转移申请，待“{transfer.to_major.college.name}”的管理员审核。")
                else:
                    messages.success(request, f"已将“{self.object}”转移到 {transfer.to_year} 届 {transfer.to_major}。")
                return redirect(next_url(request, reverse("students:student_transfer", kwargs={"pk": pk})))
        return self.render_page(form)


class MajorTransferListView(TransferScopeMixin, generic.ObjectListView):
    """专业转移审核: the transfer history; a school admin sees all, a college admin both sides of theirs."""

    queryset = transfers
    filterset = MajorTransferFilterSet
    table = MajorTransferTable
    actions = ()
    template_name = "students/majortransfer_list.html"

    def base_context(self):
        return {**super().base_context(), "verbose_name": "专业转移审核"}

    def table_key(self):
        return "tables.MajorTransferTable"


class MajorTransferView(TransferScopeMixin, generic.ObjectView):
    queryset = transfers
    template_name = "students/majortransfer_detail.html"
    detail_fields = ["student", "from_year", "to_year", "from_major", "to_major", "reason", "status", "requested_by",
                     "requested_at", "decided_by", "decided_at", "decision_note"]

    def get_extra_context(self, obj):
        can = review.can_decide(obj, self.request.user)
        return {"can_decide": can, "decision_form": TransferDecisionForm() if can else None,
                "edit_url": None, "delete_url": None,
                "from_label": obj.from_major.full_label, "to_label": obj.to_major.full_label}


class MajorTransferDecideView(TransferScopeMixin, generic.ModelViewMixin):
    """POST 通过 / 驳回 by an admin of the target major."""

    queryset = transfers

    def get(self, request, pk):
        get_object_or_404(self.restricted("review"), pk=pk)
        return redirect(reverse("students:majortransfer_detail", kwargs={"pk": pk}))

    def post(self, request, pk):
        transfer = get_object_or_404(self.restricted("review"), pk=pk)
        form = TransferDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        else:
            approve = request.POST.get("decision") == "approve"
            try:
                review.decide_transfer(transfer, approve=approve, note=form.cleaned_data["note"],
                                               acting_user=request.user)
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, "已通过该转移申请，学生数据已转入。" if approve else "已驳回该转移申请。")
        return redirect(reverse("students:majortransfer_detail", kwargs={"pk": pk}))


class TransferSettingsView(generic.BackofficeView):
    """The 专业转移审核 switch: GET shows it (htmx panel), POST by a school admin flips it."""

    def get(self, request):
        user = request.user
        self.require("students.majortransfer.view")
        return render(request, "students/majortransfer_settings.html", {
            "transfer_approval": StudentSettings.load().transfer_approval,
            "can_configure": sees_all_majors(user) and user.has_permission("students.majortransfer.review")})

    def post(self, request):
        enabled = request.POST.get("transfer_approval") == "1"
        review.set_transfer_approval(enabled, acting_user=request.user)
        messages.success(request, "已开放专业转移审核给院系管理员。" if enabled else "已关闭院系间的专业转移审核。")
        return redirect("students:majortransfer_list")

