from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from . import typeahead, widgets
from .scoping import declares_scope, scope_filter


class FastSelect(forms.Select):
    """A <select> rendered in Python: thousands of options (生源地 has ~3,500 regions) through Django's
    per-option widget templates cost seconds a page; this costs milliseconds and renders the same HTML."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}

        def options(choices):
            return typeahead.options_html(choices, selected)

        body = format_html_join("", "{}", (
            (format_html('<optgroup label="{}">{}</optgroup>', key, options(label)),)
            if isinstance(label, (list, tuple)) else (options([(key, label)]),)
            for key, label in self.choices))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(self.build_attrs(self.attrs, attrs)),
                           body)


class BootstrapMixin:
    """Bootstrap classes on every widget, so templates render forms with one include.

    Every model dropdown shown as a plain Select / SelectMultiple is bounded (core.typeahead): with more
    than `typeahead_limit` options it renders only the chosen one(s) and a search box, answered by
    `core:form_options` for this form rebuilt with `from_typeahead()`. A form whose dropdowns depend on
    more than the account returns what rebuilds them from `typeahead_context()` and reads it back in
    `from_typeahead()`; `typeahead_fields = {"<field>": True | False}` forces either form."""

    typeahead_limit = typeahead.LIMIT
    typeahead_fields = {}
    # A long form in parts: (("基本信息", ("name", …)), …); templates show them with steps and a progress bar
    # (core/includes/form_steps.html). Visible fields no section names come last, under 其他.
    sections = ()

    def section_list(self):
        """[{"id", "title", "fields": [BoundField]}] of `sections` ([] when the form declares none)."""
        if not self.sections:
            return []
        visible = {field.name: field for field in self.visible_fields()}
        parts, placed = [], set()
        for index, (title, names) in enumerate(self.sections, 1):
            fields = [visible[name] for name in names if name in visible]
            placed.update(names)
            if fields:
                parts.append({"id": f"{self.prefix or 'form'}-section-{index}", "title": title, "fields": fields})
        rest = [field for name, field in visible.items() if name not in placed]
        if rest:
            parts.append({"id": f"{self.prefix or 'form'}-section-rest", "title": "其他", "fields": rest})
        return parts

    def _style(self):
        for name, field in self.fields.items():
            widgets.localise(name, field)
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                widget.attrs.setdefault("class", "form-select")
                typeahead.install_form(self, name, field)
                if type(field.widget) is forms.Select:
                    fast = FastSelect(attrs=widget.attrs, choices=widget.choices)
                    fast.is_required = widget.is_required
                    field.widget = fast
            else:
                widget.attrs.setdefault("class", "form-control")

    def typeahead_context(self):
        """JSON values, besides the account, that rebuild this form's dropdowns (see from_typeahead)."""
        return {}

    @classmethod
    def from_typeahead(cls, user, context):
        """The unbound form whose dropdowns are the page's, for the type-ahead endpoint: built with the
        account when the page's form was (`user` is None otherwise) and `typeahead_context()`'s values."""
        return cls(user=user, **context) if user is not None else cls(**context)


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

    def typeahead_context(self):
        """A saved object's pk: dropdowns often depend on the object (its table, its current value)."""
        return {"instance": str(self.instance.pk)} if self.instance.pk is not None else {}  # str: UUID keys too

    @classmethod
    def from_typeahead(cls, user, context):
        # The object is only read to rebuild the queryset, which must still equal the page's (the signed
        # fingerprint); nothing of it is shown.
        context = dict(context)
        if "instance" in context:
            context["instance"] = cls._meta.model._default_manager.get(pk=context["instance"])
        return super().from_typeahead(user, context)


class BaseForm(BootstrapMixin, forms.Form):
    """`user` (optional): the account the form is for; its large dropdowns' type-ahead answers for it."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None else getattr(self, "user", None)  # a subclass may have set it
        self._style()


def add_action_errors(form, exc):
    """An action's ValidationError on the form: field errors where the form has the field, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
