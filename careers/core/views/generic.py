"""Declared back-office views (NetBox style).

A domain declares `queryset`, `filterset`, `table`, `form` on these classes and gets
list / detail / edit / delete / bulk edit / bulk delete with permission checks and
data scope built in. Every object is fetched through `restrict(user, action)`, so an
object outside the user's scope is a 404 and never appears in a list or export.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.views import View
from django_tables2 import RequestConfig

from ..display import display_value
from ..history import log_event
from ..models import OperationLog, UserPreference
from ..oplog_display import with_rows
from ..pagination import CappedPaginator, wants_exact
from ..permissions import registry
from ..redirects import return_url
from ..request_context import current_actor
from ..scoping import permission_code, restricted, scope_filter

PER_PAGE_CHOICES = (20, 50, 100, 200)


class OutOfScope(Exception):
    pass


def url_for(model, action, **kwargs):
    return reverse(f"{model._meta.app_label}:{model._meta.model_name}_{action}", kwargs=kwargs or None)


def optional_url(model, action, **kwargs):
    try:
        return url_for(model, action, **kwargs)
    except NoReverseMatch:
        return None


class BackofficeView(View):
    """Logged-in back-office accounts only; subclasses name the permission they need."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not request.user.is_backoffice:
            raise PermissionDenied("该页面仅限管理员访问。")
        return super().dispatch(request, *args, **kwargs)

    def require(self, code):
        if not self.request.user.has_permission(code):
            raise PermissionDenied("您没有此操作的权限，请联系学校管理员分配。")
        required = current_actor().required
        if code not in required:  # the page's type-ahead look-ups re-check it (core.typeahead)
            required.append(code)


class ModelViewMixin(BackofficeView):
    queryset = None

    @property
    def model(self):
        return self.queryset.model

    def restricted(self, action):
        self.require(permission_code(self.model, action))
        # The queryset's own restrict(), so a model's override (e.g. MajorTransfer) is never bypassed.
        return restricted(self.queryset.all(), self.request.user, action)

    def base_context(self):
        meta = self.model._meta
        return {"model": self.model, "verbose_name": meta.verbose_name,
                "page_title": registry.menu_label(permission_code(self.model, "view")) or meta.verbose_name,
                "list_url": optional_url(self.model, "list")}


def preference(user):
    pref, _ = UserPreference.objects.get_or_create(user=user)
    return pref


class ObjectListView(ModelViewMixin):
    filterset = None
    table = None
    template_name = "core/object_list.html"
    actions = ("add", "export", "bulk_edit", "bulk_delete")
    importer = None  # slug of an import spec in core.imports, shown as an 导入 button
    empty_hint = None  # what to do when the list is empty (else the table's own BaseTable.empty_hint)
    add_action = "add"  # the permission behind 新增 (a settings list whose rows are only "changed" says "change")

    def table_key(self):
        return f"tables.{self.table.__name__}"

    def get(self, request):
        queryset = self.restricted("view")
        data = request.GET.copy()
        year_field = getattr(self.model, "operating_year_field", None)
        if year_field and year_field not in data and self.filterset and year_field in self.filterset.base_filters:
            data[year_field] = str(request.operating_year)
        filterset = self.filterset(data, queryset=queryset, request=request) if self.filterset else None
        rows = filterset.qs if filterset is not None and filterset.is_valid() else (
            queryset.none() if filterset is not None else queryset)
        columns = preference(request.user).get(self.table_key())
        table = self.table(rows, user=request.user, columns=columns)
        per_page = int(request.GET.get("per_page", 50)) if request.GET.get("per_page", "50").isdecimal() else 50
        per_page = per_page if per_page in PER_PAGE_CHOICES else 50
        # Counted up to COUNT_CAP rows ("共 10,000+ 条"), exactly on request: see core/pagination.py.
        RequestConfig(request, paginate={"per_page": per_page, "paginator_class": CappedPaginator,
                                         "exact": wants_exact(request)}).configure(table)
        user = request.user
        # 批量修改 is allowed by the change permission (there is no bulk_edit permission)
        allowed = {action for action in self.actions
                   if user.has_permission(permission_code(self.model, "change" if action == "bulk_edit" else action))}
        context = {
            **self.base_context(),
            "table": table,
            "filterset": filterset,
            "allowed": allowed,
            "per_page_choices": PER_PAGE_CHOICES,
            "columns": self.table.choosable_columns(),
            "visible_columns": [c.name for c in table.columns if c.visible and c.name != "pk"],
            "table_key": self.table_key(),
            "add_url": optional_url(self.model, "add") if self.add_action in allowed else None,
            "bulk_edit_url": optional_url(self.model, "bulk_edit") if "bulk_edit" in allowed else None,
            "bulk_delete_url": optional_url(self.model, "bulk_delete") if "bulk_delete" in allowed else None,
            "export_url": optional_url(self.model, "export") if "export" in allowed else None,
            "import_url": reverse("core:import_start", args=[self.importer])
            if self.importer and user.has_permission(permission_code(self.model, "import")) else None,
        }
        context.update(self.get_extra_context())
        if self.empty_hint is not None:
            table.empty_hint = self.empty_hint
        table.empty_actions = [(label, context[key]) for label, key in (("新增", "add_url"), ("导入", "import_url"))
                               if context[key]]
        template = "core/includes/table_block.html" if request.htmx and not request.htmx.boosted else self.template_name
        return render(request, template, context)

    def get_extra_context(self):
        """Extra context of the list page (e.g. a setting that changes its buttons)."""
        return {}


class ObjectView(ModelViewMixin):
    template_name = "core/object_detail.html"
    detail_fields = None  # default: every concrete field except bookkeeping

    def get_object(self, action="view"):
        return get_object_or_404(self.restricted(action), pk=self.kwargs["pk"])

    def fields_of(self, obj):
        rows = []
        names = self.detail_fields or [f.name for f in obj._meta.concrete_fields
                                       if f.name not in ("id", "password") and not f.name.endswith("_ptr")]
        for name in names:
            field = obj._meta.get_field(name)
            rows.append((field.verbose_name, display_value(obj, field)))
        return rows

    def get(self, request, pk):
        return self.render_page(self.get_object())

    def render_page(self, obj, extra=None):
        """The detail page of `obj`; `extra` is added last (e.g. a review panel with a refused decision's errors)."""
        request = self.request
        user = request.user
        history = OperationLog.objects.filter(
            object_type=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=str(obj.pk)
        ).select_related(None)[:50] if user.has_permission("core.operationlog.view") else None
        if history is not None:  # changes in words (core/oplog_display.py), worked out only if the page shows them
            history = SimpleLazyObject(partial(with_rows, history))
        context = {
            **self.base_context(),
            "object": obj,
            "fields": self.fields_of(obj),
            "history": history,
            "edit_url": optional_url(self.model, "edit", pk=obj.pk)
            if user.has_permission(permission_code(self.model, "change")) else None,
            "delete_url": optional_url(self.model, "delete", pk=obj.pk)
            if user.has_permission(permission_code(self.model, "delete")) else None,
        }
        context.update(self.get_extra_context(obj))
        context.update(extra or {})
        return render(request, self.template_name, context)

    def get_extra_context(self, obj):
        return {}


def verify_in_scope(obj, user):
    """Restrict-then-verify: after a write, the object must still be in the user's managed majors (the view
    has already required the action's permission, which may be another model's)."""
    model = type(obj)
    if not scope_filter(model._default_manager.filter(pk=obj.pk), user).exists():
        raise OutOfScope


class ObjectEditView(ModelViewMixin):
    form = None
    template_name = "core/object_edit.html"

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.restricted("change"), pk=self.kwargs["pk"])
        self.require(permission_code(self.model, "add"))
        return self.model()

    def get_form(self, obj, data=None, files=None):
        return self.form(data, files, instance=obj, user=self.request.user)

    def render_form(self, form, obj):
        return render(self.request, self.template_name, {**self.base_context(), "form": form, "object": obj,
                                                         "is_new": obj.pk is None})

    def get(self, request, **kwargs):
        obj = self.get_object()
        return self.render_form(self.get_form(obj), obj)

    def post(self, request, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj, request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    obj = self.save(form)
                    verify_in_scope(obj, request.user)
            except OutOfScope:
                form.add_error(None, "保存后的记录将超出您管辖的专业范围，已取消保存。")
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"{self.model._meta.verbose_name}“{obj}”已保存。")
                return redirect(self.success_url(obj))
        return self.render_form(form, obj)

    def save(self, form):
        return form.save()

    def success_url(self, obj):
        return optional_url(self.model, "detail", pk=obj.pk) or url_for(self.model, "list")


class ObjectDeleteView(ModelViewMixin):
    template_name = "core/object_delete.html"

    def get_object(self):
        return get_object_or_404(self.restricted("delete"), pk=self.kwargs["pk"])

    def get(self, request, pk):
        return render(request, self.template_name, {**self.base_context(), "object": self.get_object()})

    def post(self, request, pk):
        obj = self.get_object()
        label = str(obj)
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError:
            messages.error(request, f"“{label}”仍被其他数据引用（如学生或下级记录），不能删除。")
            return redirect(optional_url(self.model, "detail", pk=pk) or url_for(self.model, "list"))
        messages.success(request, f"已删除{self.model._meta.verbose_name}“{label}”。")
        return redirect(url_for(self.model, "list"))


class BulkObjectsMixin(ModelViewMixin):
    """Selected rows come as `pk`; all of them must be within scope, or nothing happens."""

    action = None

    def selected(self):
        pks = [pk for pk in self.request.POST.getlist("pk") if pk.isdecimal()]
        if not pks:
            return None, "请先勾选要操作的记录。"
        objects = list(self.restricted(self.action).filter(pk__in=pks))
        if len(objects) != len(set(pks)):
            return None, "所选记录中有您无权操作或已不存在的记录，未做任何修改。"
        return objects, None

    def back(self):
        return redirect(return_url(self.request, url_for(self.model, "list")))


def error_text(exc):
    """The Chinese message(s) of a ValidationError / PermissionDenied, for messages.error."""
    return "；".join(getattr(exc, "messages", None) or [str(exc)])


class BulkActionView(BulkObjectsMixin):
    """A button under a list for its checked rows: `perform(objects)` calls the action function and returns
    the message saying what it did; a ValidationError/PermissionDenied is shown and nothing else happens."""

    def perform(self, objects):
        raise NotImplementedError

    def post(self, request):
        objects, error = self.selected()
        if error:
            messages.error(request, error)
            return self.back()
        try:
            done = self.perform(objects)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, done)
        return self.back()

    def get(self, request):
        return redirect(url_for(self.model, "list"))  # the buttons live on the list page


class ConfirmedBulkView(BulkObjectsMixin):
    """A bulk action on the checked rows behind a confirmation page, all or none.

    The first POST shows `template_name` listing the objects (`confirm_context`); the POST with `_confirm`
    calls `perform(objects)`, which returns the success message. An exception of `handled_errors` is shown
    (`failure_text`) and nothing else happens."""

    handled_errors = (ValidationError, PermissionDenied)

    def confirm_context(self, objects):
        return {"objects": objects}

    def perform(self, objects):
        raise NotImplementedError

    def failure_text(self, exc):
        return error_text(exc)

    def post(self, request):
        objects, error = self.selected()
        if error:
            messages.error(request, error)
            return self.back()
        if "_confirm" not in request.POST:
            return render(request, self.template_name, {**self.base_context(), **self.confirm_context(objects),
                                                        "return_url": request.POST.get("return_url", "")})
        try:
            done = self.perform(objects)
        except self.handled_errors as exc:
            messages.error(request, self.failure_text(exc))
        else:
            messages.success(request, done)
        return self.back()


class BulkDeleteView(ConfirmedBulkView):
    action = "delete"
    template_name = "core/bulk_delete.html"
    handled_errors = (ProtectedError,)

    def perform(self, objects):
        with transaction.atomic():
            for obj in objects:
                obj.delete()
        return f"已删除 {len(objects)} 条{self.model._meta.verbose_name}。"

    def failure_text(self, exc):
        return "所选记录中有仍被其他数据引用的记录，未删除任何记录。"


class BulkEditView(BulkObjectsMixin):
    """Set the filled-in fields on every selected object, in one transaction."""

    action = "change"
    form = None
    template_name = "core/bulk_edit.html"

    def post(self, request):
        objects, error = self.selected()
        if error:
            messages.error(request, error)
            return self.back()
        form = self.form(request.POST if "_apply" in request.POST else None, user=request.user)
        if "_apply" in request.POST and form.is_valid():
            values = {name: value for name, value in form.cleaned_data.items() if value not in (None, "", [])}
            if not values:
                form.add_error(None, "请至少填写一个要修改的字段。")
            else:
                try:
                    with transaction.atomic():
                        for obj in objects:
                            for name, value in values.items():
                                setattr(obj, name, value)
                            obj.full_clean()
                            obj.save()
                            verify_in_scope(obj, request.user)
                except OutOfScope:
                    form.add_error(None, "修改后有记录将超出您管辖的专业范围，未做任何修改。")
                except ValidationError as exc:
                    form.add_error(None, f"修改未保存：{'; '.join(exc.messages)}")
                else:
                    messages.success(request, f"已修改 {len(objects)} 条{self.model._meta.verbose_name}。")
                    return self.back()
        return render(request, self.template_name, {**self.base_context(), "objects": objects, "form": form,
                                                    "return_url": request.POST.get("return_url", "")})


def require_object_in(queryset, user, action, pk):
    """Fetch one object through restrict(); 404 when it is outside the user's scope."""
    obj = restricted(queryset, user, action).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


__all__ = [
    "BackofficeView", "ObjectListView", "ObjectView", "ObjectEditView", "ObjectDeleteView", "BulkDeleteView",
    "BulkEditView", "log_event", "require_object_in",
]


def crud_views(queryset, *, filterset, table, form, list_actions=("add", "bulk_delete"), detail_queryset=None):
    """The standard set of declared views for a simple model, keyed for `model_urls(**...)`."""
    attrs = {"queryset": queryset}
    name = queryset.model.__name__
    detail_qs = detail_queryset if detail_queryset is not None else queryset.model._default_manager.all()
    return {
        "list": type(f"{name}ListView", (ObjectListView,), {**attrs, "filterset": filterset, "table": table,
                                                            "actions": list_actions}),
        "add": type(f"{name}AddView", (ObjectEditView,), {"queryset": detail_qs, "form": form}),
        "detail": type(f"{name}View", (ObjectView,), {"queryset": detail_qs}),
        "edit": type(f"{name}EditView", (ObjectEditView,), {"queryset": detail_qs, "form": form}),
        "delete": type(f"{name}DeleteView", (ObjectDeleteView,), {"queryset": detail_qs}),
        "bulk_delete": type(f"{name}BulkDeleteView", (BulkDeleteView,), {"queryset": detail_qs}),
    }
