"""The region picker shared by the unit profile and job forms: a hidden code field filled from a place-name search."""

from careers.codes.models import Code
from careers.codes.regions import region_chain_label


class RegionPickerMixin:
    """`region_display()`: the label of the currently chosen region (bound data first), for the search box."""

    region_field = "region"

    def region_display(self):
        name = self.add_prefix(self.region_field)
        value = self.data.get(name) if self.is_bound else self.initial.get(self.region_field)
        value = str(getattr(value, "pk", value) or "")
        if not value.isdecimal():
            return ""
        region = Code.objects.of("region").select_related("parent__parent").filter(pk=int(value)).first()
        return region_chain_label(region)
