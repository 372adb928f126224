import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import (
    EntryForm,
    EntryStatus,
    Programme,
    ProgrammeEntry,
    ProgrammeEntryMember,
    ProgrammeEntryType,
    ProgrammeState,
)


class ProgrammeEntryTypeFilterSet(BaseFilterSet):
    search_fields = ("name", "description")
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = ProgrammeEntryType
        fields = ["q", "is_active"]


class ProgrammeFilterSet(BaseFilterSet):
    search_fields = ("title", "contact")
    state = django_filters.ChoiceFilter(label="状态", choices=ProgrammeState.choices)
    entry_form = django_filters.ChoiceFilter(label="报名项目形式", choices=EntryForm.choices)
    entry_type = django_filters.ModelChoiceFilter(label="报名类型", field_name="entry_types",
                                                  queryset=ProgrammeEntryType.objects.all())

    class Meta:
        model = Programme
        fields = ["q", "state", "entry_form", "entry_type"]


class ProgrammeEntryFilterSet(BaseFilterSet):
    search_fields = ("team_name", "captain__student_number", "captain__name", "advisor_name")
    programme = django_filters.NumberFilter(label="项目活动编号", field_name="programme_id")
    status = django_filters.ChoiceFilter(label="状态", choices=EntryStatus.choices)
    entry_type = django_filters.ModelChoiceFilter(label="报名类型", queryset=ProgrammeEntryType.objects.all())
    college = django_filters.CharFilter(label="学院", field_name="captain__major__college__name",
                                        lookup_expr="icontains")

    class Meta:
        model = ProgrammeEntry
        fields = ["q", "programme", "status", "entry_type", "college"]


class ProgrammeEntryMemberFilterSet(BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "entry__team_name")
    programme = django_filters.NumberFilter(label="项目活动编号", field_name="programme_id")
    entry_status = django_filters.ChoiceFilter(label="报名状态", field_name="entry__status",
                                               choices=EntryStatus.choices)
    college = django_filters.CharFilter(label="学院", field_name="student__major__college__name",
                                        lookup_expr="icontains")

    class Meta:
        model = ProgrammeEntryMember
        fields = ["q", "programme", "entry_status", "college"]
