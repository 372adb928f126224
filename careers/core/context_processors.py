from .permissions import registry


def backoffice(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {"operating_year": getattr(request, "operating_year", None)}
    if user.is_backoffice:
        context["menu_tree"] = registry.menus_for(user)
        year = getattr(request, "operating_year", 2026)
        context["operating_year_choices"] = list(range(year + 2, year - 6, -1))
    return context
