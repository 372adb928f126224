from django.utils.functional import SimpleLazyObject

from .permissions import registry
from .report_year import year_choices


def backoffice(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {"operating_year": getattr(request, "operating_year", None),
               # counted only on pages that show it (the portal's bell and the student's bottom bar)
               "unread_messages": SimpleLazyObject(lambda: _unread(user))}
    if user.is_backoffice:
        context["menu_tree"] = tree = registry.menus_for(user)
        match = getattr(request, "resolver_match", None)
        context["current_module"] = current_module(tree, match.view_name if match else "")
        year = getattr(request, "operating_year", 2026)
        context["operating_year_choices"] = year_choices(year)  # the same years every report offers
    return context


def _unread(user):
    from .views.inbox import unread_count

    return unread_count(user)


def current_module(tree, view_name):
    """The key of the menu group that holds the page, so the sidebar opens it: the group of the menu
    item itself, else of an item of the same model (students:student_detail → students:student_list),
    else of the first item in the same URL namespace."""
    if not view_name:
        return ""
    namespace, _, name = view_name.rpartition(":")
    model = name.rsplit("_", 1)[0]
    fallbacks = []
    for module, items in tree:
        for item in items:
            item_namespace, _, item_name = item.url_name.rpartition(":")
            if item.url_name == view_name:
                return module.key
            if item_namespace == namespace:
                fallbacks.append((item_name.rsplit("_", 1)[0] != model, module.key))
    return min(fallbacks, key=lambda f: f[0])[1] if fallbacks else ""  # first of the best kind
