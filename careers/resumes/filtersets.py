import django_filters

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet
from careers.studentfiles.filtersets import StudentFilterMixin

from .models import Resume


class ResumeFilterSet(StudentFilterMixin, BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "title", "expected_position", "skills")
    job_type = django_filters.ChoiceFilter(label="工作类型", choices=Resume.JobType.choices)
    expected_industry = django_filters.ModelChoiceFilter(
        label="期望行业", queryset=Code.objects.of("industry").filter(level=1).order_by("code"))
    expected_regions = django_filters.ModelChoiceFilter(
        label="期望地区", queryset=Code.objects.of("region").filter(level=1).order_by("code"),
        method="filter_region")
    is_recommended = django_filters.BooleanFilter(label="推荐", widget=django_filters.widgets.forms.Select(
        choices=[("", "全部"), ("true", "已推荐"), ("false", "未推荐")]))
    visibility = django_filters.ChoiceFilter(label="公开范围", choices=Resume.Visibility.choices)

    class Meta:
        model = Resume
        fields = ["q", "graduation_year", "college", "major", "job_type", "expected_industry", "expected_regions",
                  "is_recommended", "visibility"]

    def filter_region(self, queryset, name, value):
        """A province matches résumés naming it or one of its cities (no duplicate rows)."""
        regions = Code.objects.filter(pk=value.pk) | Code.objects.filter(parent=value)
        return queryset.filter(pk__in=Resume.expected_regions.through.objects.filter(
            code__in=regions).values("resume_id"))
