from django import forms

from .scoping import declares_scope, scope_filter


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates render forms with one include."""

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                widget.attrs.setdefault("class", "form-select")
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
