from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import render

from careers.core import ratelimit, typeahead
from careers.core.request_context import client_ip
from careers.core.views import generic

from . import filtersets, forms, tables
from .display import extra_text
from .fields import SEARCH_FIELDS, region_queryset
from .models import Code, CodeTable
from .regions import region_path
from .services import lookup_major_codes

ANONYMOUS_PER_MINUTE = 60
BROWSE_LIMIT = 100  # regions right below one region (a city has at most a few dozen districts)


class CodeTableListView(generic.ObjectListView):
    queryset = CodeTable.objects.annotate(code_count=Count("codes"))
    filterset = filtersets.CodeTableFilterSet
    table = tables.CodeTableTable
    actions = ()


class CodeTableView(generic.ObjectView):
    queryset = CodeTable.objects.all()
    template_name = "codes/codetable_detail.html"
    detail_fields = ["name", "version", "is_current", "source"]  # not the internal key (kind)

    def get_extra_context(self, obj):
        return {"code_count": obj.codes.count()}


class CodeTableEditView(generic.ObjectEditView):
    queryset = CodeTable.objects.all()
    form = forms.CodeTableForm


class CodeListView(generic.ObjectListView):
    queryset = Code.objects.select_related("table", "parent")
    filterset = filtersets.CodeFilterSet
    table = tables.CodeListTable
    actions = ("add", "export", "bulk_delete")
    importer = "codes.code"


class CodeView(generic.ObjectView):
    queryset = Code.objects.select_related("table", "parent")
    detail_fields = ["table", "code", "name", "parent", "level", "sort", "is_active", "extra"]

    def fields_of(self, obj):
        rows = super().fields_of(obj)
        return [(label, extra_text(obj.extra)) if label == Code._meta.get_field("extra").verbose_name else (label, value)
                for label, value in rows]


class CodeEditView(generic.ObjectEditView):
    queryset = Code.objects.all()
    form = forms.CodeForm


class CodeDeleteView(generic.ObjectDeleteView):
    queryset = Code.objects.all()


class CodeBulkDeleteView(generic.BulkDeleteView):
    queryset = Code.objects.all()


@login_required
def major_catalogue_lookup(request):
    """htmx: candidate national major codes for 学历 + two or more characters of a name."""
    if not request.user.is_backoffice:
        raise PermissionDenied
    keyword = (request.GET.get("catalogue_q") or request.GET.get("q") or "").strip()
    level_id = request.GET.get("education_level", "")
    result = lookup_major_codes(level_id, keyword)
    return render(request, "codes/includes/catalogue_results.html", {"result": result, "keyword": keyword})


def region_options(request):
    """The region type-ahead (codes.fields): {"results": [{"id", "text"}], "more"} for the regions up to level
    `t` whose province, city or county name or code matches every word of `q`; `k=code`: ids are the codes.
    Region codes are public reference data: anyone may search them (the unit registration form is public),
    an anonymous visitor at most ANONYMOUS_PER_MINUTE times a minute per address."""
    if not request.user.is_authenticated and not ratelimit.hit(
            f"region-options:{client_ip(request) or 'unknown'}", limit=ANONYMOUS_PER_MINUTE, window=60):
        return JsonResponse({"results": [], "more": False, "error": "查找过于频繁，请稍后再试。"}, status=429)
    level = request.GET.get("t", "3")
    max_level = int(level) if level in ("1", "2", "3") else 3
    queryset = region_queryset(max_level).filter(is_active=True)
    text = request.GET.get("q", "").strip()[:typeahead.QUERY_MAX]
    key = "code" if request.GET.get("k") == "code" else "pk"
    parent = request.GET.get("p", "")
    if not text:  # browsing: 省 → 市 → 区/县
        return JsonResponse(region_level(queryset, parent, key, max_level, leaf_only=request.GET.get("leaf") == "1"))
    rows = list(typeahead.search(queryset, text, fields=SEARCH_FIELDS)[:typeahead.RESULTS + 1])
    return JsonResponse({"results": [{"id": str(getattr(r, key)), "text": region_path(r)} for r in rows[:typeahead.RESULTS]],
                         "more": len(rows) > typeahead.RESULTS})


def region_level(queryset, parent, key, max_level, *, leaf_only):
    """One level of the cascade: the provinces, or the regions right below `parent` (its pk), each marked `drill`
    when it has regions below it within the field's level (choosing it lists them instead of choosing it). The
    parent comes first as “湖北省（全部）” where the field takes a region that has others below it."""
    has_children = Exists(Code.objects.filter(parent=OuterRef("pk"), is_active=True, level__lte=max_level))
    parent_row = queryset.filter(pk=parent).first() if parent.isdecimal() else None
    rows = queryset.filter(parent=parent_row) if parent_row else queryset.filter(level=1)
    rows = list(rows.annotate(drill=has_children).order_by("code")[:BROWSE_LIMIT])
    results = [{"id": str(getattr(r, key)), "text": region_path(r), "drill": bool(r.drill) and r.level < max_level}
               for r in rows]
    if parent_row and not leaf_only:
        results.insert(0, {"id": str(getattr(parent_row, key)), "text": f"{region_path(parent_row)}（全部）"})
    return {"results": results, "more": False}
