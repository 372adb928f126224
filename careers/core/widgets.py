"""Our own date and file inputs, and the mobile keyboard of each field, applied centrally.

A browser renders <input type="date"> and <input type="file"> in ITS language ("mm/dd/yyyy", "Choose
File" in a headless or English browser); these widgets render their visible parts in Chinese:

- `DateInput`: a text box that shows and accepts 年-月-日 (YYYY-MM-DD; careers.js also turns 2024/9/1 or
  20240901 into 2024-09-01), numeric keyboard on phones, plus a 日历 button opening the browser's own
  calendar through a hidden <input type="date">.
- `DateTimeInput`: the same for a date and time (年-月-日 时:分) over a hidden <input type="datetime-local">.
- a month (<input type="month">, e.g. the résumé's 开始年月) becomes a 年-月 text box the same way.
- `FileInput`: a <label> wrapping the visually hidden <input type="file">, showing a “选择文件” button and
  “未选择文件” or the chosen file's name (careers.js), keyboard focusable as the real input.

`localise(field)` (called by BootstrapMixin and BaseFilterSet for every field) swaps Django's date and file
widgets for these, gives the right keyboard to numbers, phones, e-mails and ID numbers, and says 请选择
instead of "---------".
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html

from . import validators

DATE_FORMAT = "%Y-%m-%d"
# What the server also accepts (careers.js normalises these too, a browser without JS still submits them).
DATE_INPUT_FORMATS = (DATE_FORMAT, "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d")
DATE_PATTERN = r"\d{4}[\-/.]?\d{1,2}[\-/.]?\d{1,2}"
MONTH_PATTERN = r"\d{4}[\-/.]?\d{1,2}"
EMPTY_LABEL = "请选择"
DJANGO_EMPTY = "---------"


class DateInput(forms.DateInput):
    """年-月-日 text box with a calendar button (see the module docstring)."""

    def __init__(self, attrs=None, format=None):
        attrs = {key: value for key, value in (attrs or {}).items() if key != "type"}
        super().__init__(attrs, format=format or DATE_FORMAT)

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        native = {key: final.pop(key) for key in ("min", "max") if key in final}
        final.setdefault("class", "form-control")
        final.update({"type": "text", "name": name, "inputmode": "numeric", "autocomplete": "off",
                      "placeholder": "年-月-日", "pattern": DATE_PATTERN, "maxlength": "10",
                      "data-date-text": True})
        formatted = self.format_value(value)
        if formatted:
            final["value"] = formatted
        field_id = final.get("id", f"id_{name}")
        final.setdefault("title", "日期，格式：年-月-日，如 2024-09-01")
        small = "-sm" in final["class"]
        return format_html(
            '<div class="input-group{} date-input" data-date-input>'
            '<input{}>'
            '<input type="date" class="date-native" tabindex="-1" aria-hidden="true"{}>'
            '<button type="button" class="btn btn-outline-secondary" data-date-pick aria-controls="{}" '
            'title="打开日历" aria-label="打开日历选择日期"><i class="bi bi-calendar3" aria-hidden="true"></i></button>'
            '</div>', " input-group-sm" if small else "", flatatt(final), flatatt(native), field_id)


DATETIME_FORMAT = "%Y-%m-%d %H:%M"
DATETIME_INPUT_FORMATS = (DATETIME_FORMAT, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y.%m.%d %H:%M")
DATETIME_PATTERN = r"\d{4}[\-/.]?\d{1,2}[\-/.]?\d{1,2}[ T]\d{1,2}:\d{2}(:\d{2})?"


class DateTimeInput(forms.DateTimeInput):
    """年-月-日 时:分 text box with a calendar button over a hidden <input type="datetime-local">: the same
    parts as DateInput (a native datetime-local shows "mm/dd/yyyy, --:-- --" in a headless or English browser)."""

    def __init__(self, attrs=None, format=None):
        attrs = {key: value for key, value in (attrs or {}).items() if key != "type"}
        super().__init__(attrs, format=DATETIME_FORMAT)

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final.setdefault("class", "form-control")
        final.update({"type": "text", "name": name, "autocomplete": "off", "placeholder": "年-月-日 时:分",
                      "pattern": DATETIME_PATTERN, "maxlength": "19", "data-datetime-text": True})
        formatted = self.format_value(value)
        if formatted:
            final["value"] = formatted
        field_id = final.get("id", f"id_{name}")
        final.setdefault("title", "日期和时间，格式：年-月-日 时:分，如 2026-09-01 14:30")
        return format_html(
            '<div class="input-group date-input" data-date-input>'
            '<input{}>'
            '<input type="datetime-local" class="date-native" tabindex="-1" aria-hidden="true">'
            '<button type="button" class="btn btn-outline-secondary" data-date-pick aria-controls="{}" '
            'title="打开日历" aria-label="打开日历选择日期和时间"><i class="bi bi-calendar3" aria-hidden="true"></i>'
            '</button></div>', flatatt(final), field_id)


class FileInput(forms.ClearableFileInput):
    """“选择文件” button and the chosen file's name; an existing file is linked, with a 删除 box when the
    field is optional (what ClearableFileInput offers, in Chinese)."""

    def is_initial(self, value):
        try:
            return super().is_initial(value)
        except ValueError:  # a private file (no public URL) is still a stored file
            return bool(value)

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final.update({"type": "file", "name": name})
        final["class"] = "visually-hidden file-input-native"
        field_id = final.get("id", f"id_{name}")
        current = ""
        if self.is_initial(value):
            clear = ""
            if not self.is_required:
                clear_name = self.clear_checkbox_name(name)
                clear_id = self.clear_checkbox_id(clear_name)
                clear = format_html(
                    ' <span class="form-check form-check-inline ms-2 mb-0"><input type="checkbox" class="form-check-input"'
                    ' name="{}" id="{}"{}><label class="form-check-label" for="{}">删除</label></span>',
                    clear_name, clear_id, " disabled" if final.get("disabled") else "", clear_id)
            try:
                link = format_html('<a href="{}">{}</a>', value.url, str(value).rsplit("/", 1)[-1])
            except ValueError:  # private storage has no public address: the page links its own download view
                link = "已上传"
            current = format_html('<div class="small mb-1">当前文件：{}{}</div>', link, clear)
        return format_html(
            '{}<label class="file-input" for="{}" data-file-input><input{}>'
            '<span class="btn btn-outline-secondary btn-sm" aria-hidden="true">'
            '<i class="bi bi-upload me-1"></i>选择文件</span>'
            '<span class="file-input-name text-secondary" data-file-name aria-live="polite">未选择文件</span>'
            '</label>', current, field_id, flatatt(final))


# field class -> (input type, inputmode, autocomplete); the first match wins
KEYBOARDS = (
    (validators.MobileField, ("tel", "tel", "tel")),
    (validators.PhoneField, ("tel", "tel", "tel")),
    # type stays text: the server normalises what a browser's own e-mail check would refuse (全角 characters)
    (validators.EmailField, (None, "email", "email")),
    (forms.EmailField, (None, "email", "email")),
    (validators.IdNumberField, (None, "text", "off")),  # 身份证号 may end with X: no numeric pad
    (validators.PostalCodeField, (None, "numeric", "postal-code")),
    (validators.CreditCodeField, (None, "text", "off")),
    (forms.IntegerField, (None, "numeric", None)),
    (forms.DecimalField, (None, "decimal", None)),
    (forms.FloatField, (None, "decimal", None)),
)
# plain CharFields named like a phone number (联系电话 of units, venues, contacts …)
PHONE_NAMES = ("phone", "mobile", "telephone", "contact_phone", "fax")


def keyboard(name, field):
    for cls, spec in KEYBOARDS:
        if isinstance(field, cls):
            return spec
    if type(field) is forms.CharField and (name in PHONE_NAMES or name.endswith("_phone")):
        return ("tel", "tel", "tel")
    return None


def localise(name, field):
    """Our date and file widgets, the field's mobile keyboard and 请选择 (see the module docstring)."""
    widget = field.widget
    if type(widget) is forms.DateInput or (isinstance(widget, forms.TextInput) and widget.input_type == "date"
                                           and not isinstance(widget, DateInput)):
        field.widget = DateInput(attrs=widget.attrs)
        field.widget.is_required = widget.is_required
        if isinstance(field, forms.DateField):
            field.input_formats = list(DATE_INPUT_FORMATS)
    elif type(widget) is forms.DateTimeInput:  # also the ones asking the browser for type="datetime-local"
        field.widget = DateTimeInput(attrs=widget.attrs)
        field.widget.is_required = widget.is_required
        if isinstance(field, forms.DateTimeField):
            field.input_formats = list(DATETIME_INPUT_FORMATS)
    elif isinstance(widget, forms.TextInput) and widget.input_type == "month":  # 年-月, e.g. 2023-09
        widget.input_type = "text"
        widget.attrs.update({"inputmode": "numeric", "placeholder": "年-月，如 2023-09", "pattern": MONTH_PATTERN,
                             "maxlength": "7", "autocomplete": "off", "data-month-text": True})
    elif type(widget) in (forms.FileInput, forms.ClearableFileInput):
        new = FileInput(attrs=widget.attrs)
        new.is_required = widget.is_required
        field.widget = new
    elif type(widget) in (forms.TextInput, forms.NumberInput, forms.EmailInput):
        spec = keyboard(name, field)
        if spec:
            input_type, mode, complete = spec
            if input_type and type(widget) is forms.TextInput:
                widget.input_type = input_type
            widget.attrs.setdefault("inputmode", mode)
            if complete:
                widget.attrs.setdefault("autocomplete", complete)
    if getattr(field, "empty_label", None) == DJANGO_EMPTY:
        field.empty_label = EMPTY_LABEL
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DJANGO_EMPTY):
            field.choices = [("", EMPTY_LABEL), *choices[1:]]
