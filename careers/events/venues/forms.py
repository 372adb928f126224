from django import forms

from careers.core.forms import BaseModelForm

from .models import Venue


class VenueForm(BaseModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "capacity", "equipment", "is_placeholder", "is_active", "note"]
        error_messages = {"name": {"required": "请填写场地名称。", "unique": "已有同名场地，请换一个名称。"},
                          "capacity": {"required": "请填写容纳人数。", "invalid": "容纳人数请填写整数。"}}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < 1:
            raise forms.ValidationError("容纳人数至少为 1 人。")
        return capacity
