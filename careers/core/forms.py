from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from .scoping import declares_scope, scope_filter


class FastSelect(forms.Select):
    """A <select> rendered in Python: thousands of options (生源地 has ~3,500 regions) through Django's
    per-option widget templates cost seconds a page; this costs milliseconds and renders the same HTML."""

    def render(self, name, value, attrs=None, renderer=None):
        from .typeahead import options_html

        selected = {str(v) for v in self.format_value(value)}

        def options(choices):
            return options_html(choices, selected)

        body = format_html_join("", "{}", (
            (format_html('<optgroup label="{}">{}</optgroup>', key, options(label)),)
            if isinstance(label, (list, tuple)) else (options([(key, label)]),)
            for key, label in self.choices))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)),
                           body)


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates render forms with one include."""

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                widget.attrs.setdefault("class", "form-select")
                if type(widget) is forms.Select:
                    fast = FastSelect(attrs=widget.attrs, choices=widget.choices)
                    fast.is_required = widget.is_required
                    field.widget = fast
            else:
                widget.attrs.setdefault("class", "form-control")


class BaseModelForm(BootstrapMixin, forms.ModelForm):
    """Every FK/M2M dropdown is limited to what the user may see."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            # Without a user, dropdowns of scoped models offer nothing (None is nobody; system code: SYSTEM).
            if queryset is not None and (user is not None or declares_scope(queryset.model)):
                field.queryset = scope_filter(queryset, user)
        self._style()


class BaseForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
