from django.utils.functional import SimpleLazyObject

from .permissions import registry


def backoffice(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {"operating_year": getattr(request, "operating_year", None),
               # counted only on pages that show it (the portal's bell and the student's bottom bar)
               "unread_messages": SimpleLazyObject(lambda: _unread(user))}
    if user.is_backoffice:
        context["menu_tree"] = registry.menus_for(user)
        year = getattr(request, "operating_year", 2026)
        context["operating_year_choices"] = list(range(year + 2, year - 6, -1))
    return context


def _unread(user):
    from .views.inbox import unread_count

    return unread_count(user)
