import datetime

from django import forms
from django.forms import formset_factory
from django.utils import timezone

from careers.core.forms import BaseForm, BaseModelForm

from .figures import (
    DEFAULT_FIGURES,
    KINDS,
    KNOWN_KEYS,
    MAX_FIGURES,
    MAX_INTEGER,
    MAX_TEXT,
)
from .models import ProgressProject

DATETIME = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class ProjectForm(BaseModelForm):
    class Meta:
        model = ProgressProject
        fields = ["title", "graduation_year", "starts_at", "ends_at", "description"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
            "ends_at": forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
            "description": forms.Textarea(attrs={"rows": 3, "placeholder": "如：请各学院按截至 6 月 30 日的数据报送"}),
        }
        error_messages = {
            "title": {"required": "请填写项目名称。"},
            "graduation_year": {"required": "请填写毕业年份。"},
            "starts_at": {"required": "请填写报送开始时间。", "invalid": "报送开始时间格式不正确。"},
            "ends_at": {"required": "请填写报送截止时间。", "invalid": "报送截止时间格式不正确。"},
        }

    def __init__(self, *args, operating_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        if not self.instance.pk and not self.is_bound:
            # The model's empty values would win over a field's initial: set the form's own initial.
            start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
            self.initial.update(graduation_year=operating_year, starts_at=start,
                                ends_at=start + datetime.timedelta(days=14))

    def clean_graduation_year(self):
        year = self.cleaned_data["graduation_year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("毕业年份应在 2000 到 2100 之间。")
        return year


class FigureForm(BaseForm):
    label = forms.CharField(label="指标名称", max_length=50, required=False)
    # The figure's internal key, kept across edits; users name figures, the key follows (figures_from).
    key = forms.CharField(label="指标代码", max_length=30, required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="类型", choices=[("", "—"), *KINDS.items()], required=False)


FigureFormSet = formset_factory(FigureForm, extra=3, max_num=MAX_FIGURES, absolute_max=MAX_FIGURES)


def figure_formset(project, data=None):
    if data is not None:
        # Bound rows are read as typed: with `initial`, a row equal to its initial value would count
        # as unchanged and be dropped.
        return FigureFormSet(data, prefix="figures")
    return FigureFormSet(initial=project.figures if project.pk else DEFAULT_FIGURES, prefix="figures")


KEYS_BY_LABEL = {label: key for key, label in KNOWN_KEYS.items()} | {"备注": "note"}


def figures_from(formset):
    """The filled rows of the formset as figure dicts, in order (blank rows are skipped).

    A row without 指标代码 gets the known key of its label (毕业生人数 -> graduates), else figure_<n>.
    """
    figures = []
    for index, form in enumerate(formset.forms, start=1):
        data = form.cleaned_data if form.is_valid() else {}
        if not any(data.get(k) for k in ("label", "kind")):
            continue  # an emptied row is removed (its hidden key alone does not keep it)
        label = " ".join(data.get("label", "").split())
        key = data.get("key", "").strip() or KEYS_BY_LABEL.get(label) or f"figure_{index}"
        figures.append({"key": key, "label": label, "kind": data.get("kind", "")})
    return figures


KNOWN_HELP = "、".join(KNOWN_KEYS.values())


class ReportForm(BaseForm):
    """One field per figure of the project; values are cleaned again by actions.submit_report."""

    def __init__(self, *args, figures, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        suggested = suggested or {}
        for figure in figures:
            key, label, kind = figure["key"], figure["label"], figure["kind"]
            hint = suggested.get(key)
            help_text = f"系统参考值：{hint}" if hint is not None else ""
            if kind == "text":
                field = forms.CharField(label=label, required=False, max_length=MAX_TEXT,
                                        widget=forms.Textarea(attrs={"rows": 2}))
            elif kind == "integer":
                field = forms.CharField(label=label, widget=forms.NumberInput(
                    attrs={"min": 0, "max": MAX_INTEGER, "step": 1, "inputmode": "numeric"}))
            else:
                field = forms.CharField(label=f"{label}（%）", widget=forms.NumberInput(
                    attrs={"min": 0, "max": 100, "step": "0.01", "inputmode": "decimal"}))
            field.required = False  # required-ness and ranges are checked by figures.clean_values
            field.help_text = help_text
            if hint is not None:
                field.widget.attrs["data-suggested"] = hint
            self.fields[key] = field
        self._style()
