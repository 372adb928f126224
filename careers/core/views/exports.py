"""导出: choose fields and format, then export what the list page shows (same scope, same filters).

    class MajorExportView(ExportView):
        queryset = majors
        filterset = MajorFilterSet
        table = MajorTable            # or fields = [ExportField("name", "专业名称"), ...]

or, in urls.py, `export=ExportView.of(MajorListView)`.
"""

import os
import tempfile
from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldError
from django.http import FileResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from ..exports import (
    EXPORT_VIEWS,
    FORMATS,
    csv_chunks,
    export_filename,
    fields_from_table,
    log_export,
    write_xlsx,
)
from ..forms import BaseForm
from ..jobs import start_job
from ..scoping import permission_code, restricted, scope_filter
from .generic import ModelViewMixin, preference


class ExportForm(BaseForm):
    fields_chosen = forms.MultipleChoiceField(label="导出字段", widget=forms.CheckboxSelectMultiple,
                                              error_messages={"required": "请至少选择一个导出字段。"})
    format = forms.ChoiceField(label="文件格式", choices=list(FORMATS.items()), widget=forms.RadioSelect,
                               initial="xlsx")

    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_chosen"].choices = [(f.name, f.label) for f in fields]


class ExportView(ModelViewMixin):
    filterset = None
    table = None
    fields = None  # list of ExportField; default: the table's columns
    template_name = "core/export.html"
    async_threshold = 5000  # more rows than this run as a background job

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.queryset is not None:
            EXPORT_VIEWS.register(cls.key(), cls, replace=True)  # a list view may be re-declared in tests

    @classmethod
    def of(cls, list_view, **attrs):
        """An export view with the same queryset, filters and columns as a list view."""
        name = list_view.__name__.replace("ListView", "") + "ExportView"
        body = {"queryset": list_view.queryset, "filterset": list_view.filterset, "table": list_view.table,
                "__module__": list_view.__module__, "__qualname__": name, **attrs}
        return type(name, (cls,), body)

    @classmethod
    def key(cls):
        return f"{cls.__module__}.{cls.__qualname__}"

    @classmethod
    def rows_queryset(cls):
        """The rows before scope and filters: `queryset`, unless the rows depend on the moment (e.g. ids
        read per request so the planner sees them)."""
        return cls.queryset.all()

    @classmethod
    def model_verbose_name(cls):
        return str(cls.queryset.model._meta.verbose_name)

    @classmethod
    def export_permission(cls):
        return permission_code(cls.queryset.model, "export")

    @classmethod
    def export_fields(cls):
        return list(cls.fields) if cls.fields else fields_from_table(cls.table, cls.queryset)

    @classmethod
    def selected_fields(cls, names):
        chosen = set(names)
        return [f for f in cls.export_fields() if f.name in chosen]

    @classmethod
    def exportable_rows(cls, user):
        """The rows `user` may export. Same call as the generic views: the queryset's own restrict() — or, for
        a view whose permission is another model's (a talk's registrations go by 宣讲会：导出), that permission
        and the data scope."""
        if cls.export_permission() == permission_code(cls.queryset.model, "export"):
            return restricted(cls.rows_queryset(), user, "export")
        if not user.has_permission(cls.export_permission()):
            return cls.queryset.none()
        return scope_filter(cls.rows_queryset(), user)

    @classmethod
    def filtered_queryset(cls, user, query, operating_year=None):
        """The list page's rows: restricted for export, then the list filters from the query string."""
        queryset = cls.exportable_rows(user)
        data = QueryDict(query, mutable=True)
        if cls.filterset is None:
            return cls.sorted(queryset, data.get("sort", ""))
        year_field = getattr(queryset.model, "operating_year_field", None)
        if year_field and operating_year and year_field not in data and year_field in cls.filterset.base_filters:
            data[year_field] = str(operating_year)  # the list page defaults to the operating year
        request = SimpleNamespace(user=user, operating_year=operating_year, GET=data)
        filterset = cls.filterset(data, queryset=queryset, request=request)
        if not filterset.is_valid():
            return queryset.none()
        return cls.sorted(filterset.qs, data.get("sort", ""))

    @classmethod
    def sorted(cls, queryset, sort):
        """The list page's column sort (`?sort=-name`), when it names an exported field."""
        field = next((f for f in cls.export_fields() if f.name == sort.lstrip("-") and isinstance(f.accessor, str)),
                     None)
        if field is None:
            return queryset
        try:
            return queryset.order_by(("-" if sort.startswith("-") else "") + field.accessor.replace(".", "__"), "pk")
        except FieldError:  # the accessor is a property, not a database path
            return queryset

    # -- views --------------------------------------------------------------------------
    def preference_key(self):
        return f"exports.{self.model._meta.label_lower}"

    def rows(self):
        return self.filtered_queryset(self.request.user, self.request.GET.urlencode(),
                                      getattr(self.request, "operating_year", None))

    def render_form(self, form, count):
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "count": count, "async_threshold": self.async_threshold,
            "query": self.request.GET.urlencode(),
        })

    def get(self, request):
        self.require(self.export_permission())
        fields = self.export_fields()
        saved = preference(request.user).get(self.preference_key()) or {}
        names = {f.name for f in fields}
        initial = {"fields_chosen": [n for n in saved.get("fields", []) if n in names] or sorted(names),
                   "format": saved.get("format", "xlsx")}
        return self.render_form(ExportForm(initial=initial, fields=fields), self.rows().count())

    def post(self, request):
        self.require(self.export_permission())
        form = ExportForm(request.POST, fields=self.export_fields())
        queryset = self.rows()
        count = queryset.count()
        if not form.is_valid():
            return self.render_form(form, count)
        chosen, fmt = form.cleaned_data["fields_chosen"], form.cleaned_data["format"]
        preference(request.user).set(self.preference_key(), {"fields": chosen, "format": fmt})
        fields = self.selected_fields(chosen)
        query = request.GET.urlencode()
        if count > self.async_threshold:
            job = start_job("export", f"导出{self.model_verbose_name()}（{count} 条）",
                            {"view": self.key(), "query": query, "fields": chosen, "format": fmt,
                             "operating_year": getattr(request, "operating_year", None)}, request.user, total=count)
            messages.info(request, f"共 {count} 条数据，已转入后台导出，完成后可在本页下载。")
            return redirect("core:job_detail", pk=job.pk)
        log_export(request.user, self.model, count, fmt, fields, query)
        filename = export_filename(self.model_verbose_name(), fmt)
        if fmt == "csv":
            rows = queryset.iterator(chunk_size=2000)  # streamed, never all in memory
            response = StreamingHttpResponse(csv_chunks(fields, rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = content_disposition_header(True, filename)
            return response
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        write_xlsx(path, fields, queryset, self.model_verbose_name())  # reads with values_list when it can
        stream = open(path, "rb")
        os.unlink(path)  # the open handle keeps the data until the response is closed
        return FileResponse(stream, as_attachment=True, filename=filename,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
