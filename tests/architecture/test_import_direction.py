"""The import direction the layout promises (docs/development/layout.md): core is the ground floor and
imports no domain app; core's modules import each other without cycles; a domain app never reaches into
another app's views (pages, company / portal / public pages, URL lists) — shared behaviour moves into
actions, models or core instead."""

import re

from tests.architecture.imports import app_of, cycles, graph

VIEW_MODULE = re.compile(r"^(views|company|portal|site|urls|api)$")


def _is_view_module(module):
    parts = module.split(".")
    return bool(VIEW_MODULE.match(parts[-1])) or "views" in parts[2:-1]


def test_core_imports_no_domain_app():
    found = sorted(f"{module} imports {target}" for module, targets in graph().items() if app_of(module) == "core"
                   for target in targets if app_of(target) not in ("core", None))
    assert found == []


def test_core_modules_import_each_other_without_cycles():
    core = [module for module in graph() if app_of(module) == "core"]
    assert cycles(core) == []


def test_no_app_imports_another_apps_views():
    found = sorted(f"{module} imports {target}" for module, targets in graph().items()
                   for target in targets
                   if app_of(target) not in (app_of(module), None, "core") and _is_view_module(target))
    assert found == []


def test_the_graph_sees_function_level_imports():
    """A lazy import inside a function is still a dependency (the checks above would miss cycles otherwise)."""
    assert "careers.core.tasks" in graph()["careers.core.jobs"] or "careers.core.jobs" in graph()["careers.core.tasks"]
