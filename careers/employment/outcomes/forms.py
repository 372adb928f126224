"""The employment-record form shared by the admin edit/review page and the student's report page.

The fill-in template of the chosen destination decides which fields show, which are required
(red star), their labels and hints, and what is pre-filled; `clean()` runs the same
`clean_employment` as the model on a copy of the record, so the messages land on the fields.
"""

import copy

from django import forms
from django.core.exceptions import ValidationError

from careers.codes.models import Code
from careers.codes.fields import RegionField
from careers.core import review
from careers.core.forms import BaseForm

from .models import EmploymentRecord
from .templates_fill import (
    BY_KEY,
    CODE_FIELDS,
    DETAIL_FIELDS,
    TEMPLATES,
    clean_employment,
    destinations,
    field_label,
    prefill_values,
    template_for,
)
from .validators import placement_rule

FIELDS = EmploymentRecord.REVIEW_FIELDS


class CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        indent = "\u3000" * (obj.level - 1) if obj.level and obj.level > 1 else ""
        return f"{indent}{obj.code} {obj.name}"


class EmploymentForm(BaseForm):
    """Every reportable field; the template of the destination shapes it. `record` is never modified."""

    fill_template = forms.ChoiceField(label="填写模板", required=False,
                                      choices=[("", "按毕业去向自动选择")] + [(t.key, t.label) for t in TEMPLATES])

    def __init__(self, data=None, *, record, initial=None, **kwargs):
        self.record = record
        super().__init__(data, initial=initial if initial is not None else self.initial_of(record), **kwargs)
        for name in FIELDS:
            self.fields[name] = self.model_field(name)
        self.fields["fill_template"].widget.attrs["data-fill-template"] = "1"
        self.template = self.current_template()
        self.shape()
        self._style()

    # -- construction ---------------------------------------------------------------------------
    @staticmethod
    def initial_of(record, pending=False):
        """The record's values (pks for codes); with `pending`, the student's submitted values on top."""
        values = {}
        for name in FIELDS:
            value = getattr(record, EmploymentRecord._meta.get_field(name).attname)
            values[name] = value.isoformat() if hasattr(value, "isoformat") else value
        if pending and isinstance(record.pending_changes, dict):
            values.update({k: v for k, v in record.pending_changes.items() if k in FIELDS})
        return values

    def model_field(self, name):
        model_field = EmploymentRecord._meta.get_field(name)
        if name in CODE_FIELDS:
            kind = CODE_FIELDS[name]
            queryset = destinations() if name == "destination" else \
                Code.objects.of(kind).filter(is_active=True).order_by("sort", "code")
            messages = {"invalid_choice": f"所选{model_field.verbose_name}不是现行代码表中的代码，请重新选择。"}
            if name == "employer_region":  # the one region type-ahead (codes.fields), current codes only
                field = RegionField(required=False, active_only=True, label=model_field.verbose_name,
                                    error_messages=messages)
            else:
                field = CodeChoiceField(queryset=queryset, required=False, label=model_field.verbose_name,
                                        empty_label="请选择", error_messages=messages)
        elif name == "placed_on":
            field = forms.DateField(label=model_field.verbose_name, required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                    error_messages={"invalid": "请按 2026-06-30 的格式填写日期。"})
        else:
            field = model_field.formfield(required=False)
        field.help_text = model_field.help_text
        return field

    def value_of(self, name):
        """The current raw value of a field: bound data, else initial."""
        if self.is_bound:
            return self.data.get(self.add_prefix(name), "")
        value = self.initial.get(name, "")
        return "" if value is None else value

    def current_template(self):
        key = self.value_of("fill_template")
        if key in BY_KEY:
            return BY_KEY[key]
        destination = self.destination_code(self.value_of("destination"))
        return template_for(destination)

    def destination_code(self, pk):
        pk = str(getattr(pk, "pk", pk) or "")
        if not pk.isdecimal():
            return None
        return next((c for c in self.fields["destination"].queryset if c.pk == int(pk)), None)

    def shape(self):
        """Labels, hints, required markers and hidden fields of the current template."""
        template = self.template
        graduation_year = self.record.student.graduation_year
        self.states = {}
        for name in FIELDS:
            field = self.fields[name]
            state = "required" if name == "destination" else (template.state(name) if template else "optional")
            if template is not None and name in DETAIL_FIELDS:
                field.label = field_label(name, template)
                field.help_text = template.help.get(name, field.help_text)
            if template is not None and name == "note" and "note" in template.help:
                field.help_text = template.help["note"]
            if name == "placed_on":
                field.help_text = f"{field.help_text} {placement_rule(graduation_year)}。".strip()
            self.states[name] = state
        if template is not None:
            self.initial.setdefault("fill_template", template.key)

    # -- rendering helpers ------------------------------------------------------------------------
    def wire(self, urls):
        """htmx attributes: template/destination re-render the fields; the name looks up employers."""
        self.urls = urls
        switch = {"hx-get": urls["template"], "hx-trigger": "change", "hx-target": "#employment-fields",
                  "hx-swap": "outerHTML", "hx-include": "#employment-fields"}
        self.fields["fill_template"].widget.attrs.update(switch)
        self.fields["destination"].widget.attrs.update(switch)
        self.fields["employer_name"].widget.attrs.update({
            "hx-get": urls["employers"], "hx-trigger": "input changed delay:300ms", "hx-target": "#employer-hits",
            "hx-sync": "this:replace", "autocomplete": "off", "data-employer-name": "1"})
        self.fields["contact_phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        return self

    def rows(self):
        """[(bound field, state)] for the template include, hidden ones last."""
        return [(self[name], self.states[name]) for name in FIELDS]

    # -- the fill-in template switch (htmx) -------------------------------------------------------
    @classmethod
    def switched(cls, data, *, record, trigger):
        """An unbound form for `data` after the user picked a template or a destination.

        Picking a template selects its first destination (unless the current one belongs to it) and
        writes its pre-filled values; picking a destination follows that destination's template and
        pre-fills only empty fields. Hidden fields are emptied either way.
        """
        values = {name: data.get(name, "") for name in (*FIELDS, "fill_template")}
        probe = cls(data, record=record)
        codes = {str(c.pk): c for c in probe.fields["destination"].queryset}
        destination = codes.get(str(values["destination"]))
        if trigger == "fill_template" and values["fill_template"] in BY_KEY:
            template = BY_KEY[values["fill_template"]]
            if destination is None or template_for(destination) is not template:
                first = next((c for c in codes.values() if c.code == template.destinations[0]), None)
                values["destination"] = first.pk if first else ""
            overwrite = True
        else:
            template = template_for(destination)
            values["fill_template"] = template.key if template else ""
            overwrite = False
        if template is not None:
            for name, value in prefill_values(template).items():
                if overwrite or values.get(name) in (None, ""):
                    values[name] = getattr(value, "pk", value)
            for name in template.hidden:
                values[name] = ""
        return cls(record=record, initial=values)

    # -- validation -------------------------------------------------------------------------------
    def clean(self):
        data = super().clean()
        destination = data.get("destination")
        template = template_for(destination) if destination else None
        if destination is None:
            self.add_error("destination", "请选择毕业去向。")
            return data
        for name in template.hidden if template else ():
            data[name] = None if EmploymentRecord._meta.get_field(name).null else ""
        probe = copy.copy(self.record)
        probe._state = copy.copy(self.record._state)
        review.apply_values(probe, {name: data.get(name) if data.get(name) is not None else
                                    (None if EmploymentRecord._meta.get_field(name).null else "") for name in FIELDS})
        try:
            clean_employment(probe)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                prefixes = (f"{field_label(name, template)}：", f"{field_label(name)}：") if name in FIELDS else ()
                for message in messages:
                    # the label leads the message for flat lists (bulk review); under the field it is noise
                    prefix = next((p for p in prefixes if message.startswith(p)), "")
                    self.add_error(name if name in self.fields else None, message[len(prefix):])
        data["employer_credit_code"] = probe.employer_credit_code
        data["contact_phone"] = probe.contact_phone
        return data

    def values(self):
        """{field: cleaned value} of every reportable field (hidden ones emptied)."""
        return {name: self.cleaned_data.get(name) if self.cleaned_data.get(name) is not None else
                (None if EmploymentRecord._meta.get_field(name).null else "") for name in FIELDS}
