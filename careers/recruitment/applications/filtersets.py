import django_filters
from django.db.models import Q

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet
from careers.resumes.models import Resume
from careers.studentfiles.filtersets import StudentFilterMixin

from ..jobs.models import Job
from .models import Application

DATE = django_filters.widgets.forms.DateInput(attrs={"type": "date"})


class ApplicationFilterSet(StudentFilterMixin, BaseFilterSet):
    """Back office 简历投递管理: year/college/major, job keyword, employer, status, delivery dates."""

    search_fields = ("student__student_number", "student__name", "job__title", "employer__name")
    job_keyword = django_filters.CharFilter(label="职位名称", field_name="job__title", lookup_expr="icontains")
    employer_name = django_filters.CharFilter(label="用人单位", field_name="employer__name", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label="状态", choices=Application.Status.choices)
    delivered_after = django_filters.DateFilter(label="投递日期起", field_name="created_at", lookup_expr="date__gte",
                                                widget=DATE)
    delivered_before = django_filters.DateFilter(label="投递日期止", field_name="created_at", lookup_expr="date__lte",
                                                 widget=DATE)

    class Meta:
        model = Application
        fields = ["q", "graduation_year", "college", "major", "job_keyword", "employer_name", "status",
                  "delivered_after", "delivered_before"]


class CompanyApplicationFilterSet(BaseFilterSet):
    """收到的简历 in the employer portal: only the unit's own jobs are offered."""

    search_fields = ()
    job = django_filters.ModelChoiceFilter(label="职位", queryset=Job.objects.none())
    status = django_filters.ChoiceFilter(label="状态", choices=Application.Status.choices)
    delivered_after = django_filters.DateFilter(label="投递日期起", field_name="created_at", lookup_expr="date__gte",
                                                widget=DATE)
    delivered_before = django_filters.DateFilter(label="投递日期止", field_name="created_at", lookup_expr="date__lte",
                                                 widget=DATE)
    # The home page's "new since your last visit" link: a precise time, not a date (hidden in the form).
    since = django_filters.IsoDateTimeFilter(label="投递时间晚于", field_name="created_at", lookup_expr="gt",
                                             widget=django_filters.widgets.forms.HiddenInput)

    class Meta:
        model = Application
        fields = ["job", "status", "delivered_after", "delivered_before", "since"]

    def __init__(self, data=None, queryset=None, *, employer, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["q"].label = self.form.fields["q"].label = "姓名"
        self.filters["job"].queryset = Job.objects.filter(employer=employer).only("pk", "title").order_by("-pk")
        self.form.fields["job"].queryset = self.filters["job"].queryset

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(snapshot__name__icontains=value) if value else queryset


def top_codes(kind):
    return Code.objects.of(kind).filter(level=1).order_by("code")


class ResumeSearchFilterSet(BaseFilterSet):
    """人才库: résumés students made visible to admitted employers (no private fields are searched)."""

    search_fields = ("title", "expected_position", "skills", "self_introduction", "student__major__name",
                     "educations__school", "educations__major")
    expected_regions = django_filters.ModelChoiceFilter(label="期望地区", queryset=top_codes("region"),
                                                        method="filter_region")
    expected_industry = django_filters.ModelChoiceFilter(label="期望行业", queryset=top_codes("industry"),
                                                         method="filter_industry")
    job_type = django_filters.ChoiceFilter(label="工作类型", choices=Resume.JobType.choices)
    education = django_filters.ModelChoiceFilter(label="学历", field_name="student__major__education_level",
                                                 queryset=Code.objects.of("education_level").order_by("code"))
    major = django_filters.CharFilter(label="专业", field_name="student__major__name", lookup_expr="icontains")

    class Meta:
        model = Resume
        fields = ["q", "expected_regions", "expected_industry", "job_type", "education", "major"]

    def search(self, queryset, name, value):
        """Keyword over the résumé's own text; education rows through a subquery (no duplicate résumés)."""
        value = value.strip()
        if not value:
            return queryset
        from careers.resumes.models import ResumeEducation

        schools = ResumeEducation.objects.filter(Q(school__icontains=value) | Q(major__icontains=value))
        return queryset.filter(Q(title__icontains=value) | Q(expected_position__icontains=value)
                               | Q(skills__icontains=value) | Q(self_introduction__icontains=value)
                               | Q(student__major__name__icontains=value)
                               | Q(pk__in=schools.values("resume_id")))

    def filter_region(self, queryset, name, value):
        """A province matches résumés naming it or one of its cities."""
        regions = Code.objects.filter(Q(pk=value.pk) | Q(parent=value) | Q(parent__parent=value))
        return queryset.filter(pk__in=Resume.expected_regions.through.objects.filter(
            code__in=regions).values("resume_id"))

    def filter_industry(self, queryset, name, value):
        return queryset.filter(Q(expected_industry=value) | Q(expected_industry__parent=value))
