"""就业信息 in the back office: list, edit & review, bulk review, 初始化就业信息, lookups, 未就业名单, exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.codes.models import Code
from careers.core.redirects import return_url, safe_url
from careers.core.review import ReviewStatus
from careers.core.scoping import scope_filter
from careers.core.views import generic
from careers.core.views.exports import ExportView
from careers.core.views.review import REVIEW_ACTIONS, BulkReviewView, ReviewEditMixin
from careers.students.models import Student

from . import actions
from .employers import lookup_employers
from .exports import UNEMPLOYED_EXPORT_FIELDS
from .filtersets import EmploymentRecordFilterSet, UnemployedFilterSet
from .forms import EmploymentForm
from .models import EmploymentRecord
from .tables import EmploymentRecordTable, UnemployedTable
from .unemployed import unemployed_students

# The list joins only student, major, college and 学历 and loads only the columns a column can show: the four
# code tables more made the query cost more to plan (~30 ms) than to run. Codes are named with one query
# per page (EmploymentRecordTable.codes).
records = EmploymentRecord.objects.select_related(
    "student__major__college", "student__major__education_level").only(
    "destination", "employer_name", "employer_credit_code", "employer_nature", "employer_industry", "employer_region",
    "placed_on", "review_status", "reviewed_at", "student__student_number", "student__name", "student__gender",
    "student__graduation_year", "student__major__name", "student__major__college__name",
    "student__major__education_level__name").order_by("student_id")  # ≈ 学号 order, and an index
record_detail = EmploymentRecord.objects.select_related(
    "student__major__college", "student__major__education_level", "student__major__campus", "destination__parent",
    "employer_nature", "employer_industry", "employer_region__parent__parent", "reviewed_by")
FORM_TEMPLATE = "employment/employment/includes/form_fields.html"
CHANGE, REVIEW = "employment.employmentrecord.change", "employment.employmentrecord.review"


def next_url(request, fallback):
    return return_url(request, fallback, names=("next",))


def admin_urls(record):
    return {"template": reverse("employment:employmentrecord_template", kwargs={"pk": record.pk}),
            "employers": reverse("employment:employer_lookup")}


def record_history(record, limit=20):
    """The record's saves, newest first, with changed fields as (label, old, new); codes by name."""
    rows = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit + 1])
    entries, code_pks = [], set()
    for newer, older in zip(rows, rows[1:] + [None]):
        if len(entries) == limit:
            break
        changes = []
        if older is not None:
            for change in newer.diff_against(older, foreign_keys_are_objs=False).changes:
                if change.field in ("updated_at", "created_at", "pending_changes", "submitted_at"):
                    continue
                changes.append((change.field, change.old, change.new))
                if change.field in ("destination", "employer_nature", "employer_industry", "employer_region"):
                    code_pks.update(v for v in (change.old, change.new) if v)
        entries.append({"record": newer, "changes": changes})
    names = dict(Code.objects.filter(pk__in=code_pks).values_list("pk", "name")) if code_pks else {}
    statuses = dict(ReviewStatus.choices)
    for entry in entries:
        shown = []
        for name, old, new in entry["changes"]:
            try:
                label = str(EmploymentRecord._meta.get_field(name).verbose_name)
            except Exception:  # a field removed since
                label = name
            convert = (lambda v: names.get(v, v)) if name in ("destination", "employer_nature", "employer_industry",
                                                              "employer_region") else \
                (lambda v: statuses.get(v, v)) if name == "review_status" else (lambda v: v)
            shown.append((label, convert(old), convert(new)))
        entry["changes"] = shown
    return entries


# -- list ---------------------------------------------------------------------------------------------

class EmploymentRecordListView(generic.ObjectListView):
    queryset = records
    filterset = EmploymentRecordFilterSet
    table = EmploymentRecordTable
    template_name = "employment/employment/record_list.html"
    actions = ("export",)


class EmploymentAccessMixin:
    """Pages of one record open to admins who may change it or review it."""

    def record_action(self):
        user = self.request.user
        if user.has_permission(CHANGE):
            return "change"
        if user.has_permission(REVIEW):
            return "review"
        raise PermissionDenied("您没有此操作的权限，请联系学校管理员分配。")

    def get_object(self):
        return get_object_or_404(self.restricted(self.record_action()), pk=self.kwargs["pk"])


# -- edit & review --------------------------------------------------------------------------------------

class EmploymentRecordEditView(EmploymentAccessMixin, ReviewEditMixin, generic.ObjectEditView):
    """修改 + 审核: the student's pending report highlighted old → new; 同意 / 不同意 / 调整后同意; history below."""

    queryset = record_detail
    template_name = "employment/employment/record_edit.html"
    reviews = actions.reviews
    review_permission = REVIEW
    noun = "就业信息"

    def get_form(self, obj, data=None, files=None):
        initial = EmploymentForm.initial_of(obj, pending=self.reviewing(obj))
        return EmploymentForm(data, record=obj, initial=initial).wire(admin_urls(obj))

    def adjustments(self, form):
        return form.values()

    def render_form(self, form, obj, reject_form=None):
        return render(self.request, self.template_name, {
            **self.base_context(), **self.review_context(obj, reject_form), "form": form, "object": obj,
            "student": obj.student, "can_change": self.request.user.has_permission(CHANGE),
            "hide_save": not self.request.user.has_permission(CHANGE) or obj.review_status == "pending",
            "history": record_history(obj), "problems": actions.record_problems(obj),
            "initialise_url": reverse("employment:employmentrecord_initialise"),
        })

    def post(self, request, **kwargs):
        obj = self.get_object()
        action = request.POST.get("_action", "save")
        here = reverse("employment:employmentrecord_edit", kwargs={"pk": obj.pk})
        if action in REVIEW_ACTIONS:
            return self.post_review(request, obj, action, next_url(request, here))
        if action != "save":
            return redirect(request.path)
        if self.reviewing(obj):
            messages.error(request, "该记录有待审核的修改，请选择“同意”“不同意”或“调整后同意”。")
            return redirect(request.path)
        self.require(CHANGE)
        form = self.get_form(obj, request.POST)
        if not form.is_valid():
            return self.render_form(form, obj)
        try:
            changes = actions.admin_update(obj, form.values(), acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(form, self.get_object())
        messages.success(request, f"已保存“{obj.student}”的就业信息。" if changes else "没有需要保存的修改。")
        return redirect(next_url(request, here))


class EmploymentTemplateView(EmploymentAccessMixin, generic.ModelViewMixin):
    """htmx: the form's fields again after a template or destination was picked (nothing is saved)."""
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py

    queryset = record_detail

    def get(self, request, pk):
        obj = self.get_object()
        trigger = request.headers.get("HX-Trigger-Name") or request.GET.get("_trigger", "")
        form = EmploymentForm.switched(request.GET, record=obj, trigger=trigger).wire(admin_urls(obj))
        return render(request, FORM_TEMPLATE, {"form": form, "pending": {}})


class LookupAccessMixin(generic.BackofficeView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_backoffice and not (
                request.user.has_permission(CHANGE) or request.user.has_permission(REVIEW)):
            raise PermissionDenied("您没有此操作的权限，请联系学校管理员分配。")
        return super().dispatch(request, *args, **kwargs)


class EmployerLookupView(LookupAccessMixin):
    """htmx: known employers for ≥2 characters of the name."""
    bench_kind = "lookup"  # what the list benchmark makes of it: careers/core/routes.py

    def get(self, request):
        return employer_hits(request)


def employer_hits(request):
    keyword = (request.GET.get("employer_name") or request.GET.get("q") or "").strip()
    return render(request, "employment/employment/includes/employer_hits.html", {
        "keyword": keyword, "hits": lookup_employers(keyword, user=request.user), "too_short": len(keyword) < 2})


# -- bulk actions -----------------------------------------------------------------------------------

class EmploymentBulkReviewView(BulkReviewView):
    """批量审核: confirm the listed old → new changes, then approve all of them or none."""

    reviews = actions.reviews
    noun = "就业信息"
    queryset = EmploymentRecord.objects.select_related("student", "destination", "employer_nature",
                                                       "employer_industry", "employer_region")
    template_name = "employment/employment/record_review_bulk.html"


class EmploymentInitialiseView(generic.BackofficeView):
    """初始化就业信息 for the checked rows of the 就业信息 list (record pks) or the 未就业名单 (student pks)."""

    template_name = "employment/employment/record_initialise.html"

    def back(self):
        return redirect(safe_url(self.request, self.request.POST.get("return_url", ""),
                                 reverse("employment:employmentrecord_list")))

    def students(self):
        pks = [pk for pk in self.request.POST.getlist("pk") if pk.isdecimal()]
        if not pks:
            return None, "请先勾选要初始化的记录。"
        base = Student.objects.select_related("major__college")
        if self.request.POST.get("source") == "students":
            found = list(scope_filter(base.filter(pk__in=pks), self.request.user))
        else:
            record_qs = EmploymentRecord.objects.restrict(self.request.user, "change").filter(pk__in=pks)
            found = list(base.filter(pk__in=record_qs.values("student_id")))
        if len(found) != len(set(pks)):
            return None, "所选记录中有您无权操作或已不存在的记录，未做任何修改。"
        return found, None

    def post(self, request):
        self.require(CHANGE)
        students, error = self.students()
        if error:
            messages.error(request, error)
            return self.back()
        if "_confirm" not in request.POST:
            by_student = {r.student_id: r for r in EmploymentRecord.objects.select_related("student").filter(
                student__in=students)}
            rows = []
            for student in students[:200]:
                record = by_student.get(student.pk)
                rows.append((student, ["无就业记录，将补建"] if record is None else actions.record_problems(record)))
            return render(request, self.template_name, {
                "page_title": "初始化就业信息", "students": students, "rows": rows,
                "broken": sum(1 for _, problems in rows if problems), "source": request.POST.get("source", ""),
                "return_url": request.POST.get("return_url", ""),
                "list_url": reverse("employment:employmentrecord_list")})
        try:
            result = actions.reinitialise(students, acting_user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", None) or [str(exc)]) + "（未初始化任何记录）")
        else:
            messages.success(request, f"初始化就业信息完成：补建 {result['created']} 条，重置 {result['reset']} 条，"
                                      f"{result['unchanged']} 条数据正常、未改动。")
        return self.back()


# -- 未就业名单 ------------------------------------------------------------------------------------------

UNEMPLOYED_VIEW, EXPORT = "employment.unemployed.view", "employment.employmentrecord.export"


class UnemployedListView(generic.ObjectListView):
    """未就业名单: scoped 在读 students of the year with no destination counted toward the rate, with the reason."""

    queryset = Student.objects.filter(is_active=True)  # the model; the rows are unemployed_students(), per request
    filterset = UnemployedFilterSet
    table = UnemployedTable
    template_name = "employment/employment/unemployed_list.html"
    actions = ()

    def restricted(self, action):
        self.require(UNEMPLOYED_VIEW)
        # Only the columns the table and the reason can show (a student row has ~30 columns). The employment
        # record comes in a second query for the page's rows only: joined, PostgreSQL joined it to every
        # unemployed student of the year before applying a college admin's scope (134 → 15 ms at 200,000).
        rows = (unemployed_students().select_related(None).select_related("major__college", "major__education_level")
                .only("student_number", "name", "gender", "graduation_year", "phone", "major__name",
                      "major__college__name", "major__education_level__name")
                .prefetch_related(Prefetch("employment", queryset=EmploymentRecord.objects.select_related(
                    "destination").only("student_id", "review_status", "pending_changes", "review_note",
                                        "destination__name"))))
        return scope_filter(rows, self.request.user)

    def base_context(self):
        user = self.request.user
        return {**super().base_context(), "page_title": "未就业名单", "verbose_name": "未就业名单",
                "list_url": reverse("employment:unemployed_list"),
                "unemployed_export_url": reverse("employment:unemployed_export") if user.has_permission(EXPORT)
                else None,
                "can_initialise": user.has_permission(CHANGE)}


class UnemployedExportView(ExportView):
    queryset = Student.objects.filter(is_active=True)  # the model; the rows: rows_queryset()
    filterset = UnemployedFilterSet
    fields = UNEMPLOYED_EXPORT_FIELDS

    @classmethod
    def rows_queryset(cls):
        return unemployed_students()

    @classmethod
    def export_permission(cls):
        return EXPORT

    @classmethod
    def model_verbose_name(cls):
        return "未就业名单"

    def preference_key(self):
        return "exports.employment.unemployed"

    def base_context(self):
        return {**super().base_context(), "page_title": "导出未就业名单", "verbose_name": "未就业名单",
                "list_url": reverse("employment:unemployed_list")}
