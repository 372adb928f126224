import re

import django_filters
from django import forms
from django.db.models import CharField, IntegerField, Q, Value

from careers.codes.models import Code
from careers.core.batch import BATCH_LIMIT, resolve_batch, too_many
from careers.core.filtersets import BaseFilterSet
from careers.core.forms import FastSelect
from careers.core.scoping import scope_filter
from careers.org.models import Campus, College, Department, Major

from ..models import Student

NUMBER_LIKE = re.compile(r"[0-9Xx]+")


CODE_FILTERS = {  # filter name -> code table kind
    "major__education_level": "education_level",
    "ethnicity": "ethnicity",
    "political_status": "political_status",
    "training_mode": "training_mode",
    "enrolment_status": "enrolment_status",
}
ORG_FILTERS = ("major__college", "major__department", "major__campus")



def check_batch(filterset):
    """批量查询: a form error when the pasted list expired or is longer than BATCH_LIMIT."""
    value = filterset.data.get("batch", "")
    tokens = resolve_batch(filterset.request, value) if value else []
    if tokens is None:
        filterset.form.add_error(None, "批量查询列表已过期，请重新粘贴学号或姓名。")
    elif len(tokens) > BATCH_LIMIT:
        filterset.form.add_error(None, too_many(len(tokens)))


def batch_filter(request, queryset, value, prefix=""):
    """批量查询: rows whose 学号 or 姓名 is in the pasted list (kept in the session under `value`)."""
    tokens = resolve_batch(request, value)
    if not tokens:
        return queryset if tokens is not None else queryset.none()
    return queryset.filter(Q(**{f"{prefix}student_number__in": tokens}) | Q(**{f"{prefix}name__in": tokens}))


def name_or_number(queryset, value, prefix=""):
    """关键字 on any student-linked list: digits search the 学号, text the 姓名 or 学号."""
    value = value.strip()
    if not value:
        return queryset
    if NUMBER_LIKE.fullmatch(value):
        return queryset.filter(**{f"{prefix}student_number__contains": value})
    return queryset.filter(Q(**{f"{prefix}name__contains": value}) | Q(**{f"{prefix}student_number__icontains": value}))


def major_label(major):
    label = f"{major.name}（{major.specialization}）" if major.specialization else major.name
    return f"{label} · {major.education_level.name}"


def org_options(majors):
    """(filter name, pk, name, sort) of the colleges, campuses and departments of `majors`: one query."""
    def of(model, name, key, sort="sort"):
        return model.objects.order_by().filter(pk__in=majors.values(key)).values_list(
            Value(name, output_field=CharField()), "pk", "name",
            sort if isinstance(sort, str) else Value(sort, output_field=IntegerField()))

    return of(College, "major__college", "college_id").union(
        of(Campus, "major__campus", "campus_id"), of(Department, "major__department", "department_id", 0), all=True)


def choice(label, method=None, **kwargs):
    """A dropdown whose options StudentFilterSet fills in lazily (two queries for all of them)."""
    return django_filters.ChoiceFilter(label=label, choices=(), method=method, **kwargs)


class StudentFilterSet(BaseFilterSet):
    """生源信息查询: every coded field, keyword, batch list and the 学籍 condition."""

    search_fields = ("student_number", "name", "id_number", "phone")

    graduation_year = django_filters.NumberFilter(label="毕业年份")
    major__education_level = choice("学历")
    major__college = choice("学院")
    # 5,000 majors at a large school: a model filter, so BaseFilterSet makes it a type-ahead when large.
    major = django_filters.ModelChoiceFilter(
        label="专业", queryset=Major.objects.select_related("education_level").only(
            "name", "specialization", "education_level__name").order_by("sort", "name", "pk"))
    major__department = choice("系别")
    major__campus = choice("校区")
    gender = django_filters.ChoiceFilter(label="性别", choices=Student.Gender.choices)
    ethnicity = choice("民族")
    political_status = choice("政治面貌")
    province = choice("生源地（省）", method="filter_province")
    training_mode = choice("培养方式")
    review_status = django_filters.ChoiceFilter(label="数据状态", choices=Student.ReviewStatus.choices)
    enrolment_status = choice("学籍状态")
    other = django_filters.ChoiceFilter(label="其他搜索条件", method="filter_other", empty_label="仅在读学生",
                                        choices=(("all", "全部学生（含非在读）"), ("inactive", "仅非在读学生")))
    batch = django_filters.CharFilter(label="批量查询列表", method="filter_batch", widget=forms.HiddenInput)

    # The form's first row and its 更多条件 row (the template renders each field once).
    MAIN_FILTERS = ("q", "graduation_year", "major__education_level", "major__college", "major", "gender",
                    "review_status", "enrolment_status")
    MORE_FILTERS = ("major__department", "major__campus", "ethnicity", "political_status", "province",
                    "training_mode", "other")

    class Meta:
        model = Student
        fields = ["q", "graduation_year", "major__education_level", "major__college", "major", "major__department",
                  "major__campus", "gender", "ethnicity", "political_status", "province", "training_mode",
                  "review_status", "enrolment_status", "other", "batch"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._options = None
        self.form.fields["major"].label_from_instance = major_label
        for name in (*CODE_FILTERS, *ORG_FILTERS, "province"):
            self.form.fields[name].choices = self._lazy_choices(name)
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)

    def _lazy_choices(self, name):
        return lambda: self.options()[name]

    def options(self):
        """Every dropdown's options: one query for the code tables, one for the user's majors."""
        if self._options is None:
            options = {name: [] for name in (*CODE_FILTERS, *ORG_FILTERS, "province")}
            by_kind = {kind: name for name, kind in CODE_FILTERS.items()}
            codes = Code.objects.filter(table__is_current=True).filter(
                Q(table__kind__in=by_kind) | Q(table__kind="region", level=1)
            ).order_by("table__kind", "sort", "code").values_list("table__kind", "pk", "code", "name")
            for kind, pk, code, name in codes:
                if kind == "region":
                    options["province"].append((code[:2], name))
                else:
                    options[by_kind[kind]].append((str(pk), name))
            user = getattr(self.request, "user", None)
            majors = scope_filter(Major.objects.all(), user) if user is not None else Major.objects.none()
            seen = {name: [] for name in ORG_FILTERS}
            # The colleges, campuses and departments of the user's majors, in one query of three semi-joins
            # (a few dozen rows; not the user's 5,000 majors joined and made distinct).
            for name, pk, label, sort in org_options(majors.order_by()):
                seen[name].append((sort, label, pk))
            for name, found in seen.items():
                options[name] = [(str(pk), label) for _, label, pk in sorted(found)]
            self._options = options
        return self._options

    def is_valid(self):
        valid = super().is_valid()
        check_batch(self)
        return valid and not self.form.errors

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        # By default only 在读 students; choosing a 学籍状态 or "其他搜索条件" shows the others.
        if not data.get("enrolment_status") and not data.get("other"):
            queryset = queryset.filter(is_active=True)
        return queryset

    def search(self, queryset, name, value):
        """关键字: digits search 学号/身份证号/手机 (case-sensitive LIKE, cheaper), text searches 姓名/学号."""
        value = value.strip()
        if value and NUMBER_LIKE.fullmatch(value):
            return queryset.filter(Q(student_number__contains=value) | Q(id_number__contains=value.upper())
                                   | Q(phone__contains=value))
        return name_or_number(queryset, value)

    def filter_province(self, queryset, name, value):
        # Region codes are GB/T 2260: the first two digits are the province.
        regions = Code.objects.of("region").filter(code__startswith=value).values("pk")
        return queryset.filter(origin_region__in=regions)

    def filter_other(self, queryset, name, value):
        return queryset.filter(is_active=False) if value == "inactive" else queryset

    def filter_batch(self, queryset, name, value):
        return batch_filter(self.request, queryset, value)
