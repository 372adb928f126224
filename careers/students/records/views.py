import datetime

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from careers.codes.models import Code
from careers.core.batch import batch_tokens, resolve_batch, store_batch
from careers.core.redirects import safe_url
from careers.core.report_year import report_year, year_choices
from careers.core.views import generic
from careers.core.views.batch import BatchQueryView, clean_query
from careers.core.views.review import ReviewPanelMixin
from careers.org.models import Major

from .. import statistics as stats
from . import stats_cache
from .entry import StudentReviewing
from .filtersets import StudentFilterSet
from ..models import SavedQuery, Student
from .tables import CODE_FIELDS, LIST_FIELDS, StudentTable

# Code names are looked up once per page by the table (StudentTable.code_names), not joined. Only the
# columns the table renders are loaded (not the addresses, ID numbers, timestamps or the code tables' JSON).
students = Student.objects.select_related("major__education_level", "major__college").only(*LIST_FIELDS)
SAVED_QUERY_LIMIT = 50
HISTORY_CODE_FIELDS = CODE_FIELDS | {"enrolment_status"}


class StudentListView(generic.ObjectListView):
    queryset = students
    filterset = StudentFilterSet
    table = StudentTable
    template_name = "students/student_list.html"
    actions = ("add", "export", "bulk_delete")


class StudentView(StudentReviewing, ReviewPanelMixin, generic.ObjectView):
    """学生详情, with the pending changes to review in place (同意 / 不同意 / 调整后同意, as on 修改)."""

    queryset = Student.objects.select_related(
        "major__education_level", "major__college", "major__campus", "major__department", "major__duration",
        "ethnicity", "political_status", "origin_region", "training_mode", "enrolment_status", "user",
    )
    template_name = "students/student_detail.html"

    GROUPS = (
        ("基本信息", ("student_number", "name", "gender", "id_number", "candidate_number", "birth_date", "ethnicity",
                  "political_status", "origin_region")),
        ("学籍", ("enrolment_year", "graduation_year", "@education_level", "@campus", "@college", "@department",
                "major", "@specialization", "@duration", "training_mode", "sponsor_unit", "enrolment_status")),
        ("联系方式", ("phone", "email", "home_address", "postal_code")),
        ("数据状态", ("review_status", "review_note", "submitted_at", "reviewed_at", "user")),
    )
    MAJOR_FIELDS = {"education_level": "学历", "campus": "校区", "college": "学院", "department": "系别",
                    "specialization": "专业方向", "duration": "学制"}

    def value_of(self, obj, name):
        if name.startswith("@"):
            name = name[1:]
            return self.MAJOR_FIELDS[name], getattr(obj.major, name)
        field = obj._meta.get_field(name)
        if name == "origin_region" and obj.origin_region_id:
            value = f"{obj.origin_region.code} {obj.origin_region.name}"
        elif name == "user":
            value = obj.user.username if obj.user_id else ""
        elif getattr(field, "choices", None):
            value = getattr(obj, f"get_{name}_display")()
        else:
            value = getattr(obj, name)
        if name == "major":
            value = obj.major.name
        return field.verbose_name, display(value)

    def get_extra_context(self, obj):
        groups = [(title, [self.value_of(obj, name) for name in names]) for title, names in self.GROUPS]
        menu = StudentTable([], user=self.request.user)
        menu.request = self.request
        return {
            "groups": groups,
            "status_changes": obj.status_changes.select_related("from_status", "to_status", "changed_by")[:20],
            "transfers": obj.transfers.select_related("from_major", "to_major")[:20],
            "record_history": record_history(obj),
            "row_actions": [(label, reverse(name, kwargs={"pk": obj.pk}), icon)
                            for label, name, icon in menu.row_actions if name != "students:student_detail"],
            "row_post_actions": [(label, reverse(name, kwargs={"pk": obj.pk}), icon)
                                 for label, name, icon in menu.row_post_actions],
        }


def display(value):
    """Dates and times as the clerks write them (2026-06-30 14:05)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else \
            value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def history_value(name, value):
    """A historical field value as text: choices by label, dates formatted."""
    try:
        field = Student._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    return display(value)


def _field_label(name):
    try:
        return str(Student._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def record_history(student, limit=20):
    """The record's own history (every save, including the student's own edits), newest first."""
    records = list(student.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit + 1])
    code_pks, major_pks = set(), set()
    entries = []
    for newer, older in zip(records, records[1:] + [None]):
        if len(entries) == limit:
            break
        changes = []
        if older is not None:
            for change in newer.diff_against(older, foreign_keys_are_objs=False).changes:
                if change.field in ("updated_at", "created_at", "pending_changes"):
                    continue
                changes.append([change.field, history_value(change.field, change.old),
                                history_value(change.field, change.new)])
                if change.field in HISTORY_CODE_FIELDS:
                    code_pks.update(v for v in (change.old, change.new) if v)
                elif change.field == "major":
                    major_pks.update(v for v in (change.old, change.new) if v)
        entries.append({"record": newer, "changes": changes})
    names = {"major": {m.pk: str(m) for m in Major.objects.filter(pk__in=major_pks)} if major_pks else {}}
    codes = dict(Code.objects.filter(pk__in=code_pks).values_list("pk", "name")) if code_pks else {}
    for entry in entries:
        entry["changes"] = [(_field_label(f), *(names.get(f, codes).get(v, v) if f in HISTORY_CODE_FIELDS or
                                                 f == "major" else v for v in (old, new)))
                            for f, old, new in entry["changes"]]
    return entries


# -- 数据统计 ---------------------------------------------------------------------------------------
class StatisticsView(generic.BackofficeView):
    """Every item the user may see, each card loading its own (cached) result at once: no 运行 clicks.
    `?year=` picks this report's year only (the session's 当前操作年份 is left as it is)."""

    bench_kind = "statistics"  # what the list benchmark makes of it: careers/core/routes.py
    template_name = "students/statistics.html"

    def get(self, request):
        self.require("students.statistics.view")
        year = report_year(request)
        return render(request, self.template_name, {
            "items": stats.items_for(request.user), "splits": stats.SPLITS, "year": year,
            "year_choices": year_choices(request.operating_year), "ttl_minutes": stats_cache.TTL // 60,
            "refresh": request.GET.get("refresh") == "1"})


class StatisticsRunView(generic.BackofficeView):
    """One item's result fragment for the year asked (`?year=`), from the cache unless `refresh=1` (刷新)."""

    bench_kind = "statistics"  # what the list benchmark makes of it: careers/core/routes.py
    template_name = "students/statistics_result.html"

    @classmethod
    def bench_params(cls, user):
        """The URLs the list benchmark times: every item the user may run (bench/bench_lists.py)."""
        return [{"key": item.key} for item in stats.items_for(user)]

    def get(self, request, key):
        item = stats.REGISTRY.get(key)
        if item is None or not request.user.has_permission(item.permission):
            raise Http404
        year = report_year(request)
        split = request.GET.get("split", "")
        split = split if split in stats.SPLITS and item.splittable else ""
        live = request.GET.get("live") == "1"

        def compute():
            result = item.run(request.user, year, split, live=live)
            return render_to_string(self.template_name, {
                "item": item, "result": result, "year": year, "chart_id": f"chart-data-{item.key}",
                "chart_max_rows": stats.CHART_MAX_ROWS})

        html, cached = stats_cache.fragment(stats_cache.key(request.user, item.key, year, split, live), compute,
                                            refresh=request.GET.get("refresh") == "1" or live)
        response = HttpResponse(html)
        response["X-Statistics-Cache"] = "hit" if cached else "miss"
        return response


# -- 常用查询 (saved queries) ------------------------------------------------------------------------
class SavedQueryMixin(generic.BackofficeView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_backoffice:
            self.require("students.student.view")
        return super().dispatch(request, *args, **kwargs)


def list_url(query):
    return reverse("students:student_list") + (f"?{query}" if query else "")


class StudentBatchView(BatchQueryView):
    list_url_name = "students:student_list"
    permission = "students.student.view"


class SavedQueryApplyView(SavedQueryMixin):
    bench_kind = "action"  # what the list benchmark makes of it: careers/core/routes.py
    def get(self, request, pk):
        saved = get_object_or_404(SavedQuery, pk=pk, user=request.user)
        data = QueryDict(saved.query)
        tokens = batch_tokens(data.get("batch", "")) if not data.get("batch", "").startswith("@") else []
        query = clean_query(saved.query, batch=store_batch(request.user, tokens)) if tokens else saved.query
        return redirect(list_url(query))


class SavedQueryListView(SavedQueryMixin):
    def get(self, request):
        queries = SavedQuery.objects.filter(user=request.user)
        template = "students/saved_query_menu.html" if request.htmx else "students/saved_query_list.html"
        return render(request, template, {"queries": queries, "list_url": reverse("students:student_list")})


class SavedQueryAddView(SavedQueryMixin):
    def post(self, request):
        name = " ".join((request.POST.get("name") or "").split())[:64]
        query = clean_query(request.POST.get("query"))
        back = list_url(query)
        batch = QueryDict(query).get("batch", "")
        if batch.startswith("@"):  # keep the pasted list itself: the reference expires
            tokens = resolve_batch(request, batch) or []
            query = clean_query(query, batch=",".join(tokens))
        if not name:
            messages.error(request, "请填写查询名称后再保存。")
            return redirect(back)
        own = SavedQuery.objects.filter(user=request.user)
        if not own.filter(name=name).exists() and own.count() >= SAVED_QUERY_LIMIT:
            messages.error(request, f"每人最多保存 {SAVED_QUERY_LIMIT} 个查询，请先删除不用的查询。")
            return redirect(back)
        try:
            with transaction.atomic():
                _, created = SavedQuery.objects.update_or_create(user=request.user, name=name,
                                                                 defaults={"query": query})
        except IntegrityError:
            created = False
        messages.success(request, f"已保存查询“{name}”。" if created else f"已更新同名查询“{name}”。")
        return redirect(back)


class SavedQueryDeleteView(SavedQueryMixin):
    def post(self, request, pk):
        query = get_object_or_404(SavedQuery, pk=pk, user=request.user)
        query.delete()
        messages.success(request, f"已删除查询“{query.name}”。")
        return redirect(safe_url(request, request.POST.get("return_url", ""), reverse("students:saved_query_list")))


class StudentDeleteView(generic.ObjectDeleteView):
    queryset = Student.objects.all()


class StudentBulkDeleteView(generic.BulkDeleteView):
    queryset = Student.objects.all()
