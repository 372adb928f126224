"""Step 2 (字段匹配): which sheet column feeds which spec field.

Columns are matched automatically by header text (label, aliases or field name, with
required marks such as "*" or "（必填）" ignored); a user's last mapping for the same
spec wins when its column is present again, so a school's own layout is remembered.
"""

import re

from django import forms

from ..forms import BaseForm
from ..models import UserPreference
from .spec import KIND_HELP, OPTIONAL

_MARKS = re.compile(r"[\s*＊]|[（(](必须填写|必填|选填|可选)[)）]")


def header_key(text):
    return _MARKS.sub("", str(text)).lower()


def preference_key(spec):
    return f"imports.{spec.slug}.mapping"


def remembered_mapping(user, spec):
    pref = UserPreference.objects.filter(user=user).first()
    return (pref.get(preference_key(spec)) if pref else None) or {}


def remember_mapping(user, spec, mapping):
    pref, _ = UserPreference.objects.get_or_create(user=user)
    pref.set(preference_key(spec), {name: column for name, column in mapping.items() if column})


def auto_mapping(spec, headers, remembered=None):
    """field name -> header, from the remembered mapping first, then by header text."""
    remembered = remembered or {}
    by_key = {}
    for header in headers:
        by_key.setdefault(header_key(header), header)
    mapping, used = {}, set()
    for field in spec.fields:
        column = remembered.get(field.name)
        if column not in headers or column in used:
            column = next((by_key[k] for k in map(header_key, (field.label, *field.aliases, field.name))
                           if k in by_key and by_key[k] not in used), None)
        if column:
            mapping[field.name] = column
            used.add(column)
    return mapping


class MappingForm(BaseForm):
    """One dropdown per spec field; REQUIRED and 必填 fields must be matched to a column."""

    def __init__(self, *args, spec, headers, **kwargs):
        self.spec = spec
        super().__init__(*args, **kwargs)
        choices = [("", "—— 不导入 ——")] + [(h, h) for h in headers]
        for field in spec.fields:
            help_text = "；".join(t for t in (KIND_HELP[field.kind], field.help) if t)
            self.fields[field.name] = forms.ChoiceField(label=field.label, choices=choices, required=False,
                                                        help_text=help_text)
        self._style()

    def rows(self):
        """(spec field, bound form field) pairs for the template."""
        return [(field, self[field.name]) for field in self.spec.fields]

    def clean(self):
        data = super().clean()
        owner = {}
        for field in self.spec.fields:
            column = data.get(field.name)
            if not column:
                if field.kind != OPTIONAL:
                    self.add_error(field.name, f"「{field.label}」为{field.kind_label}字段，必须匹配表格中的一列。")
                continue
            if column in owner:
                self.add_error(field.name, f"“{column}”列已匹配给「{owner[column]}」，同一列不能匹配两个字段。")
            owner[column] = field.label
        return data

    @property
    def mapping(self):
        return {name: column for name, column in self.cleaned_data.items() if column}
