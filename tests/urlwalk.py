"""Enumerate the registered back-office URLs, for the generated tests."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from careers.core.views.generic import ModelViewMixin


@dataclass
class Route:
    name: str
    route: str
    view_class: type | None

    @property
    def model(self):
        if self.view_class and issubclass(self.view_class, ModelViewMixin) and self.view_class.queryset is not None:
            return self.view_class.queryset.model
        return None

    @property
    def needs_pk(self):
        return "<int:pk>" in self.route

    @property
    def other_params(self):
        """Parameters other than pk (the demo walk fills them: tests/demowalk.py)."""
        return self.route.replace("<int:pk>", "").count("<") > 0


def iter_routes(patterns=None, prefix="", namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_routes(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            view_class = getattr(entry.callback, "view_class", None)
            yield Route(f"{namespace}{entry.name}", prefix + str(entry.pattern), view_class)


def model_routes():
    return [r for r in iter_routes() if r.model is not None]
