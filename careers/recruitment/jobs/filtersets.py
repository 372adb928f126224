import django_filters
from django.db.models import Q

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet

from .models import Job, JobStatus


class JobFilterSet(BaseFilterSet):
    search_fields = ("title", "employer__name")
    status = django_filters.ChoiceFilter(label="状态", choices=JobStatus.choices, method="filter_status")
    employer = django_filters.CharFilter(label="用人单位", field_name="employer__name", lookup_expr="icontains")
    job_type = django_filters.ChoiceFilter(label="工作类型", choices=Job.JobType.choices)
    region = django_filters.ModelChoiceFilter(
        label="工作地区", queryset=Code.objects.of("region").filter(level=1).order_by("code"), method="filter_region")
    education = django_filters.ModelChoiceFilter(
        label="学历要求", queryset=Code.objects.of("education_level").order_by("sort", "code"))
    submitted_from = django_filters.DateFilter(label="提交日期起", field_name="submitted_at", lookup_expr="date__gte")
    submitted_to = django_filters.DateFilter(label="提交日期止", field_name="submitted_at", lookup_expr="date__lte")
    deadline_from = django_filters.DateFilter(label="截止日期起", field_name="deadline", lookup_expr="gte")
    deadline_to = django_filters.DateFilter(label="截止日期止", field_name="deadline", lookup_expr="lte")

    class Meta:
        model = Job
        fields = ["q", "status", "employer", "job_type", "region", "education", "submitted_from", "submitted_to",
                  "deadline_from", "deadline_to"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)

    def filter_region(self, queryset, name, value):
        """A province matches posts in it or any of its cities and counties."""
        return queryset.filter(Q(region__code__startswith=value.code[:2]))
