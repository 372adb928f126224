"""Every registered URL route, and what kind of back-office page each is.

Used by the generated tests (tests/urlwalk.py, the demo walk) and by the generic list benchmark
(bench/bench_lists.py), which times every back-office GET page at scale: a new list joins both by
being registered. Core code only: routes name domain models by label, never by import.

The kind of a back-office route (`bench_kind`):
- an explicit `bench_kind` attribute on the view class (inherited like any attribute) wins;
- otherwise by base class: ObjectListView and ExportView (its form counts the filtered rows) → "list";
  ObjectView / ObjectEditView / ObjectDeleteView → "detail"; bulk views → "action";
- otherwise a page with URL parameters, or an add form (`…_add`), is a "detail"; any other a "list"
  (a list-like page: a calendar, a task list, a settings page).
A view without `get` is "post". Timed kinds and their targets are TARGETS_MS; "download" (a file,
a licence image, an attachment) and "action" (a GET that redirects or refuses) are not timed.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Server-time targets of the timed kinds, in ms (issue 13): every list ≤ 150 ms, every detail/edit
# page ≤ 100 ms, every statistics page ≤ 200 ms; a type-ahead lookup ≤ 100 ms.
TARGETS_MS = {"list": 150, "detail": 100, "statistics": 200, "lookup": 100}
UNTIMED_KINDS = ("download", "action", "post")
KINDS = (*TARGETS_MS, *UNTIMED_KINDS)

# <pk> of routes whose view names no model (function views, views that load the object themselves):
# route name or name prefix -> model label. The longest matching prefix wins.
ROUTE_MODELS = {
    "accounts:user_": "accounts.User",
    "accounts:roletemplate_": "accounts.RoleTemplate",
    "students:saved_query_": "students.SavedQuery",
    "company:job_": "recruitment.Job",
    "company:application_": "recruitment.Application",
    "company:resume_detail": "resumes.Resume",
    "company_events:talk_": "events.Talk",
    "company_events:": "events.Fair",
    "portal_events:talk_": "events.Talk",
    "portal_events:fair_": "events.Fair",
    "portal_events:career_event_": "events.CareerEvent",  # issue 16
    "portal_events:programme_": "events.Programme",  # 项目活动 (the student's pages)
    "portal_events:programme_entry": "events.ProgrammeEntry",
    "portal_events:programme_member_": "events.ProgrammeEntry",
    "portal_events:programme_invitation_": "events.ProgrammeEntryMember",
    "portal_gallery:": "studentfiles.StudentImage",
    "portal_resumes:": "resumes.Resume",
    "site:job_detail": "recruitment.Job",
    "site:employer_detail": "recruitment.Employer",
    "site_events:talk_": "events.Talk",
    "site_events:fair_": "events.Fair",
    "site_events:career_event_": "events.CareerEvent",  # issue 16
    "core:inbox_message": "core.MessageDelivery",
    "core:message_resend": "core.Message",
    "core:job_": "core.Job",
    "employment:provincial_": "core.Job",
    "employment_portal:agreement_": "employment.AgreementApplication",
    "employment_portal:agreement_material": "employment.ApplicationMaterial",
    "employment_portal:signing_": "employment.OnlineAgreement",  # 网上签约 (the student's and the unit's pages)
    "company_employment:signing_": "employment.OnlineAgreement",
    "counseling:mine_booking": "counseling.Booking",
    "counseling:mine_slot_": "counseling.Slot",
    "portal_counseling:": "counseling.Booking",
    "website_site:editor_image": "website.EditorImage",  # issue 17: the articles' public files
    "website_site:article_cover": "website.Article",
    "website_site:article_media": "website.Article",
    "website_site:article_attachment": "website.ArticleAttachment",
    "website_site:slide_image": "website.Slide",  # 轮播图 images (issue 17)
}


@dataclass
class Route:
    name: str
    route: str
    view_class: type | None

    @property
    def model(self):
        from .views.generic import ModelViewMixin

        if self.view_class and issubclass(self.view_class, ModelViewMixin) and self.view_class.queryset is not None:
            return self.view_class.queryset.model
        return None

    @property
    def needs_pk(self):
        return "<int:pk>" in self.route

    @property
    def params(self):
        """The names of the URL parameters, e.g. {"pk"}."""
        return set(re.findall(r"<(?:\w+:)?(\w+)>", self.route))

    @property
    def other_params(self):
        """Parameters other than pk (the demo walk fills them: tests/demowalk.py)."""
        return self.route.replace("<int:pk>", "").count("<") > 0

    @property
    def is_backoffice(self):
        from .views.generic import BackofficeView

        return self.view_class is not None and issubclass(self.view_class, BackofficeView)

    @property
    def kind(self):
        """The route's bench kind (see the module docstring); None for a route outside the back office."""
        return bench_kind(self) if self.is_backoffice else None


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


def backoffice_routes():
    """The back-office routes (views built on BackofficeView), sorted by name."""
    return sorted((r for r in iter_routes() if r.is_backoffice), key=lambda r: r.name)


def default_kinds():
    """(base class, kind) in the order they are tried: the defaults when a view says nothing."""
    from .views.exports import ExportView
    from .views.generic import BulkObjectsMixin, ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView

    return ((BulkObjectsMixin, "action"), (ObjectListView, "list"), (ExportView, "list"),
            (ObjectView, "detail"), (ObjectEditView, "detail"), (ObjectDeleteView, "detail"))


def bench_kind(route):
    view = route.view_class
    if not callable(getattr(view, "get", None)):
        return "post"
    explicit = getattr(view, "bench_kind", None)
    if explicit:
        return explicit
    for base, kind in default_kinds():
        if issubclass(view, base):
            return kind
    # an add form (`<model>_add`, the project's URL naming) is an edit page, whatever it is built on
    return "detail" if route.params or route.name.endswith("_add") else "list"


def model_of(route):
    """The model a route's <pk> names: the view's queryset, ROUTE_MODELS, or the view's `model`."""
    from django.apps import apps
    from django.db import models

    if route.model is not None:
        return route.model
    matches = [prefix for prefix in ROUTE_MODELS if route.name.startswith(prefix)]
    if matches:
        return apps.get_model(ROUTE_MODELS[max(matches, key=len)])
    model = getattr(route.view_class, "model", None)
    return model if isinstance(model, type) and issubclass(model, models.Model) else None
