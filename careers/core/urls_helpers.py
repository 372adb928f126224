from django.urls import path


def model_urls(prefix, name, **views):
    """URL patterns `<name>_<action>` for the generic views given by action name."""
    routes = {
        "list": "",
        "add": "add/",
        "import": "import/",
        "export": "export/",
        "bulk_edit": "bulk-edit/",
        "bulk_delete": "bulk-delete/",
        "detail": "<int:pk>/",
        "edit": "<int:pk>/edit/",
        "delete": "<int:pk>/delete/",
    }
    patterns = []
    for action, view in views.items():
        route = routes[action] if action in routes else f"<int:pk>/{action.replace('_', '-')}/"
        patterns.append(path(f"{prefix}/{route}" if prefix else route, view.as_view(), name=f"{name}_{action}"))
    return patterns
