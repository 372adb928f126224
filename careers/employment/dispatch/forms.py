"""派遣信息 forms: the admin's edit/review form, the student's report and 主管单位 (功能时间设置's is in ../windows/)."""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from careers.codes.models import Code
from careers.codes.fields import RegionField
from careers.core import validators
from careers.core.forms import BaseForm, BaseModelForm
from careers.core.review import to_json

from .actions import ADMIN_FIELDS
from .models import DispatchRecord, SupervisingAuthority
from .validation import POSTAL_FIELDS, dispatch_errors, label

RECEIVING_UNIT_HELP = "必须与《接收函》上的单位名称一字不差（回生源地时为生源地的就业主管部门）。"
KIND_HELP = "升学、出国（境）等不需要派遣的选“不派遣”。"


class AuthorityPicker(forms.Widget):
    """主管单位: a hidden pk plus a search box; ≥2 characters list matches from the 主管单位库 (htmx),
    a click fills the pk, the 报到地址 and 邮编 (see employment/dispatch/authority_script.html)."""

    def __init__(self, lookup_url="", attrs=None):
        super().__init__(attrs)
        self.lookup_url = lookup_url
        self.current_label = ""

    def id_for_label(self, id_):
        return f"{id_}_q" if id_ else id_

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.get("id", f"id_{name}")
        return format_html(
            '<div data-authority-picker>'
            '<input type="hidden" name="{}" id="{}" value="{}">'
            '<input type="search" class="form-control" id="{}_q" name="authority_q" value="{}" autocomplete="off" '
            'placeholder="输入两个字以上关键字查找，如“广州”" hx-get="{}" '
            'hx-trigger="input changed delay:300ms, search" hx-target="#{}_results" hx-sync="this:replace">'
            '<div id="{}_results" class="small mt-1" aria-live="polite"></div></div>',
            name, field_id, "" if value in (None, "") else value, field_id, self.current_label, self.lookup_url,
            field_id, field_id)

    def value_from_datadict(self, data, files, name):
        return data.get(name) or None


def authority_choices(*keep):
    """Active authorities, plus the ones a record already names (they may have been deactivated since)."""
    return SupervisingAuthority.objects.filter(Q(is_active=True) | Q(pk__in=[pk for pk in keep if pk]))


def authority_field(lookup_url, keep=()):
    field = forms.ModelChoiceField(authority_choices(*keep), required=False, label=label("supervising_authority"),
                                   widget=AuthorityPicker(lookup_url),
                                   help_text="主管单位库中没有的，如用人单位确有自行接收权，请联系学校管理员添加。")
    field.error_messages["invalid_choice"] = f"{label('supervising_authority')}：所选单位不在主管单位库中或已停用，请重新查找选择。"
    return field


def show_authority_name(form, initial_pk):
    """The picker's search box shows the chosen authority's name (the posted one when re-shown with errors)."""
    pk = form.data.get("supervising_authority") if form.is_bound else initial_pk
    if str(pk or "").isdecimal():
        name = SupervisingAuthority.objects.filter(pk=pk).values_list("name", flat=True).first()
        form.fields["supervising_authority"].widget.current_label = name or ""


def add_rule_errors(form, values):
    for name, message in dispatch_errors(values).items():
        if name in form.fields and name not in form.errors:
            form.add_error(name, message)


class RegionCodeField(RegionField):
    """签往单位所在地 as its 6-digit GB/T 2260 code: the region type-ahead (found by name or by the code from
    the 接收函), posting the code; 主管单位's pick fills it (authority_script.html)."""

    def __init__(self, **kwargs):
        super().__init__(to_field_name="code", required=False, **kwargs)
        self.error_messages["invalid_choice"] = f"{label('receiving_region')}：“%(value)s”不是有效的行政区划代码。"

    def to_python(self, value):
        return super().to_python((value or "").strip())


class DispatchForm(BaseModelForm):
    """管理员填报 / 审核: every reported field plus the 报到证编号."""

    class Meta:
        model = DispatchRecord
        fields = list(ADMIN_FIELDS)
        widgets = {"note": forms.TextInput}
        field_classes = {name: validators.PostalCodeField for name in POSTAL_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        pending = instance.pending_changes or {}
        self.fields["receiving_region"] = RegionCodeField(label=label("receiving_region"))
        self.fields["supervising_authority"] = authority_field(
            reverse("employment:supervisingauthority_lookup"),
            keep=(instance.supervising_authority_id, pending.get("supervising_authority")))
        self.fields["receiving_unit"].help_text = RECEIVING_UNIT_HELP
        self.fields["kind"].help_text = KIND_HELP
        for name in POSTAL_FIELDS:
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "maxlength": "6"})
        self._show_initial_region_and_authority()
        self._style()

    def _show_initial_region_and_authority(self):
        """Initial values are pks (the record's or the pending ones): the region field takes its code, the
        authority's search box shows its name."""
        region = self.initial.get("receiving_region")
        region_code = Code.objects.filter(pk=region).values_list("code", flat=True).first() \
            if str(region or "").isdecimal() else None
        if region_code is not None:
            self.initial["receiving_region"] = region_code
        show_authority_name(self, self.initial.get("supervising_authority"))

    def clean(self):
        data = super().clean()
        add_rule_errors(self, {name: data.get(name) for name in ("kind", "receiving_unit", *POSTAL_FIELDS)})
        return data


class DispatchReportForm(BaseForm):
    """学生填报派遣信息 (mobile-first): the same fields, 签往单位所在地 as the region type-ahead down to 区/县."""

    FIELDS = ("kind", "receiving_unit", "receiving_region", "supervising_authority", "report_address",
              "report_postal_code", "archive_unit", "archive_address", "archive_postal_code", "hukou_address", "note")

    def __init__(self, record, *args, **kwargs):
        self.record = record
        initial = self.initial_values(record)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields = self.build_fields(initial)
        self._style()

    @staticmethod
    def initial_values(record):
        """The approved values, with what the student already submitted on top (still waiting for review)."""
        values = {name: to_json(getattr(record, DispatchRecord._meta.get_field(name).attname))
                  for name in DispatchRecord.REVIEW_FIELDS}
        values.update({k: v for k, v in (record.pending_changes or {}).items() if k in DispatchRecord.REVIEW_FIELDS})
        return values

    def build_fields(self, initial):
        fields = {}
        for name in self.FIELDS:
            if name == "receiving_region":
                fields[name] = RegionField(label=label(name), required=False, active_only=True, leaf_only=True,
                                           help_text="签往单位（接收函上的单位）所在地，请选到区/县。")
                continue
            if name == "supervising_authority":
                fields[name] = authority_field(reverse("employment_portal:dispatch_authorities"),
                                               keep=(self.record.supervising_authority_id, initial.get(name)))
                continue
            model_field = DispatchRecord._meta.get_field(name)
            field = model_field.formfield(**({"form_class": validators.PostalCodeField} if name in POSTAL_FIELDS
                                             else {}))
            if name == "kind":
                field = forms.ChoiceField(label=model_field.verbose_name, choices=DispatchRecord.Kind.choices,
                                          widget=forms.RadioSelect, help_text=KIND_HELP)
            fields[name] = field
        self.fields = fields
        show_authority_name(self, initial.get("supervising_authority"))
        fields["receiving_unit"].help_text = RECEIVING_UNIT_HELP
        for name in POSTAL_FIELDS:
            fields[name].widget.attrs.update({"inputmode": "numeric", "maxlength": "6"})
        return fields

    def clean(self):
        data = super().clean()
        values = {name: data.get(name) for name in ("kind", "receiving_unit", *POSTAL_FIELDS)}
        for name, message in dispatch_errors(values).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data

    def changes(self):
        """The reported values (field → value) for actions_dispatch.submit_report."""
        return {name: self.cleaned_data.get(name) for name in DispatchRecord.REVIEW_FIELDS}


class SupervisingAuthorityForm(BaseModelForm):
    class Meta:
        model = SupervisingAuthority
        fields = ["name", "code", "region", "address", "postal_code", "phone", "is_active"]
        field_classes = {"postal_code": validators.PostalCodeField, "phone": validators.PhoneField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"] = RegionCodeField(label="所在地区")
        self.fields["region"].error_messages["invalid_choice"] = "所在地区：“%(value)s”不是有效的行政区划代码。"
        if self.instance.region_id and not self.is_bound:
            self.initial["region"] = self.instance.region.code  # the field takes codes
        self.fields["name"].help_text = "与《就业报到证》上的主管单位名称一致，如“广州市人力资源和社会保障局”。"
        self.fields["is_active"].help_text = "停用后不再出现在查找结果中，已引用该单位的派遣信息不受影响。"
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "maxlength": "6"})
        self._style()

    def clean_name(self):
        return self.cleaned_data["name"].strip()



