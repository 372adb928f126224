"""core.registry: the one registry type and its discovery (every app's registry.py, once, at startup)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from careers.core.registry import Registry


def test_registers_in_order_and_before_a_key():
    registry = Registry("thing")
    registry.register("a", 1)
    registry.register("c", 3)
    registry.register("b", 2, before="c")
    assert registry.keys() == ["a", "b", "c"] and registry.values() == [1, 2, 3]
    assert "b" in registry and len(registry) == 3 and registry.get("z") is None


def test_as_a_decorator():
    registry = Registry("handler")

    @registry.register("run")
    def run():
        return "ran"

    assert registry["run"]() == "ran" and run() == "ran"


def test_a_second_different_entry_under_one_key_is_refused_unless_replacing():
    registry = Registry("job handler")
    first = object()
    registry.register("export", first)
    registry.register("export", first)  # the same object again (a module imported twice): fine
    with pytest.raises(ImproperlyConfigured, match="job handler 'export' is registered twice"):
        registry.register("export", object())
    replacement = object()
    registry.register("export", replacement, replace=True)
    assert registry["export"] is replacement


def test_an_unknown_key_names_the_registry():
    with pytest.raises(KeyError, match="no payment provider registered for 'alipay'"):
        Registry("payment provider")["alipay"]


def test_every_app_contributes_at_startup():
    """autodiscover ran in CoreConfig.ready: each registry holds what the apps' registry.py declare."""
    from careers.codes.loader import CODE_LOADERS
    from careers.core.dashboard import DASHBOARD_CARDS
    from careers.core.demo import DEMO_STEPS
    from careers.core.jobs import HANDLERS
    from careers.core.messaging.channels import channel_choices
    from careers.core.permissions import registry as permissions

    assert {"export", "import.check", "import.commit"} <= set(HANDLERS)
    assert "employment.provincial.compare" in HANDLERS  # a domain's handlers, in workers too
    assert "employment.authorities" in CODE_LOADERS
    assert "students.by_college" in DASHBOARD_CARDS
    assert {"students", "system"} <= set(permissions.modules)
    assert {"inbox", "email"} <= {key for key, _ in channel_choices()}
    stages = [DEMO_STEPS[key].stage for key in ("org.school", "students.roster", "accounts.staff", "core.variants")]
    assert stages == sorted(stages)  # the school, its students, the staff managing them, then core's variants
