"""The one region (行政区划) form field and widget: a type-ahead that searches the full path 省 市 县.

`RegionField` (one region) and `RegionMultipleField` (several, as chips) offer the current region codes up to
`max_level` (3 = county). Their widget is core.typeahead's bounded select: the chosen region's
“湖北省 武汉市 洪山区” in a search box, and careers.js asks `codes:region_options` for the regions whose
province, city or county name (or code) matches every word typed — “武汉 洪山”, “洪山”, “420111”.
With nothing typed it is a cascade: the provinces, and choosing one that has regions below it (up to the field's
level) lists them — 省 → 市 → 区/县 — with the region itself first where the field accepts it.
A field built with `to_field_name="code"` takes (and its options carry) the 6-digit code instead of the pk.
Regions are the same for every account, so the endpoint needs no form token and answers any signed-in
user; validation on submit is the field's own (a value outside the queryset is refused).
"""

from django import forms
from django.core.exceptions import ValidationError

from careers.core import typeahead

from .models import Code
from .regions import region_path

# What a region search matches: its own name and code, its city's and its province's names.
SEARCH_FIELDS = ("name", "code", "parent__name", "parent__parent__name")


def region_queryset(max_level=3):
    """What a region field accepts: a record may keep a retired code (the search offers only active ones)."""
    return (Code.objects.of("region").filter(level__lte=max_level)
            .select_related("parent__parent").order_by("level", "code"))


class RegionWidgetMixin:
    endpoint = "codes:region_options"
    typeahead = True  # always the search box: 3,351 regions make no dropdown
    max_level = 3

    key = "pk"  # or "code": the options' values (a form that takes the 6-digit code, e.g. 派遣信息)

    leaf_only = False  # the field wants a region with no districts below it (browsing never offers a parent)

    def token(self):
        # not a secret: all the endpoint needs (up to which level, which value, whether a parent may be chosen)
        return str(self.max_level) + ("&k=code" if self.key == "code" else "") + ("&leaf=1" if self.leaf_only else "")

    def placeholder(self):
        what = "省、市或区县" if self.max_level >= 3 else "省或城市"
        if self.allow_multiple_selected:
            return f"输入{what}名称查找，可继续添加"
        return f"输入{what}名称查找，如：武汉 洪山" if self.max_level >= 3 else f"输入{what}名称查找，如：武汉"


class RegionSelect(RegionWidgetMixin, typeahead.TypeaheadSelect):
    pass


class RegionSelectMultiple(RegionWidgetMixin, typeahead.TypeaheadSelectMultiple):
    pass


class RegionFieldMixin:
    """`active_only`: refuse retired codes too (a form that reports new values, e.g. 就业信息); `leaf_only`: a
    region with districts below it is not precise enough (生源地, 签往单位所在地: down to 区/县)."""

    def __init__(self, *, max_level=3, active_only=False, leaf_only=False, **kwargs):
        self.leaf_only = leaf_only
        queryset = region_queryset(max_level)  # also from a model field: the regions, parents loaded
        kwargs["queryset"] = queryset.filter(is_active=True) if active_only else queryset
        super().__init__(**kwargs)
        self.max_level = self.widget.max_level = max_level
        self.widget.key = "code" if self.to_field_name == "code" else "pk"
        self.widget.leaf_only = leaf_only

    def label_from_instance(self, obj):
        return region_path(obj)


class RegionField(RegionFieldMixin, forms.ModelChoiceField):
    widget = RegionSelect

    def __init__(self, **kwargs):
        kwargs.pop("limit_choices_to", None)  # the model field's table__kind=region: the queryset says it
        kwargs.setdefault("empty_label", "请选择")
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if self.leaf_only and value is not None and Code.objects.filter(parent=value).exists():
            raise ValidationError(f"{self.label}请选到区/县：“{region_path(value)}”下还有区县。", code="not_leaf")


class RegionMultipleField(RegionFieldMixin, forms.ModelMultipleChoiceField):
    widget = RegionSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("limit_choices_to", None)
        super().__init__(**kwargs)
