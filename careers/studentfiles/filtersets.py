import django_filters

from careers.core.filtersets import BaseFilterSet
from careers.org.models import College, Major

from .models import ArchiveRecord, StudentImage


class StudentFilterMixin(django_filters.FilterSet):
    """The student columns every student-linked list filters on."""

    graduation_year = django_filters.NumberFilter(label="毕业年份", field_name="student__graduation_year")
    college = django_filters.ModelChoiceFilter(label="学院", field_name="student__major__college",
                                               queryset=College.objects.all())
    major = django_filters.ModelChoiceFilter(label="专业", field_name="student__major",
                                             queryset=Major.objects.select_related("education_level"))


class StudentImageFilterSet(StudentFilterMixin, BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "title")
    uploaded_since = django_filters.DateFilter(label="上传日期起", field_name="uploaded_at", lookup_expr="date__gte",
                                               widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = StudentImage
        fields = ["q", "graduation_year", "college", "major", "uploaded_since"]


class ArchiveRecordFilterSet(StudentFilterMixin, BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "receiving_unit", "tracking_number")
    receiving_unit = django_filters.CharFilter(label="接收单位", lookup_expr="icontains")
    sent_after = django_filters.DateFilter(label="寄送日期起", field_name="sent_date", lookup_expr="gte",
                                           widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))
    sent_before = django_filters.DateFilter(label="寄送日期止", field_name="sent_date", lookup_expr="lte",
                                            widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = ArchiveRecord
        fields = ["q", "graduation_year", "college", "major", "receiving_unit", "sent_after", "sent_before"]
