"""The registry of menu permissions and action permissions.

A *menu permission* shows a back-office menu entry and lets the user read its pages; an
*action permission* lets the user change data (add, change, delete, review, import,
export...). Codes are `app.model.action`; reading is always `app.model.view`.
Admins get codes by ticking boxes (stored on the account), so a change applies on
the user's very next request. Each app declares its items in `<app>/permissions.py`, which its
`registry.py` imports (core/registry.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .registry import Registry

ACTION_LABELS = {
    "add": "新增",
    "change": "修改",
    "delete": "删除",
    "review": "审核",
    "import": "导入",
    "export": "导出",
    "bulk_edit": "批量修改",
}


@dataclass(frozen=True)
class MenuItem:
    code: str
    label: str
    url_name: str
    icon: str = "bi-circle"
    # A derived item has no checkbox of its own: it shows when the user holds any
    # permission ending in this suffix (e.g. "导入数据" for any ".import").
    any_suffix: str = ""
    # Place within its module's menu, as the manual lists the pages (ties keep registration order).
    position: int = 100
    # A role menu has no checkbox either: it shows exactly when visible(user) says so (e.g. 我的咨询 for the
    # accounts registered as 咨询师), whatever the account's ticked permissions.
    visible: Callable | None = None

    @property
    def derived(self):
        return bool(self.any_suffix) or self.visible is not None


@dataclass(frozen=True)
class ActionItem:
    code: str
    label: str


@dataclass
class Module:
    key: str
    label: str
    icon: str
    order: int
    menus: list = field(default_factory=list)
    actions: list = field(default_factory=list)


class PermissionRegistry:
    def __init__(self):
        self.modules: Registry[Module] = Registry("menu module")

    def module(self, key, label, icon="bi-grid", order=100):
        if key not in self.modules:
            self.modules.register(key, Module(key, label, icon, order))
        return self.modules[key]

    def register_model(self, model, module, *, menu_label=None, url_name=None, actions=(), icon="bi-circle",
                       position=100):
        """Register `app.model.view` as a menu item plus the given action items."""
        base = f"{model._meta.app_label}.{model._meta.model_name}"
        label = menu_label or str(model._meta.verbose_name)
        mod = self.modules[module]
        self._add_menu(mod, MenuItem(f"{base}.view", label,
                                     url_name or f"{model._meta.app_label}:{model._meta.model_name}_list", icon,
                                     position=position))
        bulk = {"bulk_edit"}
        for action in actions:
            if action in bulk:
                continue  # bulk edit is governed by the `change` permission
            mod.actions.append(ActionItem(f"{base}.{action}", f"{label}：{ACTION_LABELS.get(action, action)}"))

    def register_menu(self, module, code, label, url_name, icon="bi-circle", position=100):
        self._add_menu(self.modules[module], MenuItem(code, label, url_name, icon, position=position))

    def register_derived_menu(self, module, code, label, url_name, *, any_suffix, icon="bi-circle", position=100):
        self._add_menu(self.modules[module], MenuItem(code, label, url_name, icon, any_suffix=any_suffix,
                                                      position=position))

    @staticmethod
    def _add_menu(mod, item):
        """Menus stay in the manual's order (position, then registration): the sidebar and the permission
        boxes list them alike."""
        mod.menus.append(item)
        mod.menus.sort(key=lambda menu: menu.position)

    def register_role_menu(self, module, code, label, url_name, *, visible, icon="bi-circle", position=100):
        """A menu shown to the accounts `visible(user)` accepts (a role held through data, not a ticked box)."""
        self._add_menu(self.modules[module], MenuItem(code, label, url_name, icon, position=position,
                                                      visible=visible))

    def register_action(self, module, code, label):
        self.modules[module].actions.append(ActionItem(code, label))

    def menu_label(self, code):
        """The menu's wording for a page (e.g. 生源信息 rather than the model name 学生)."""
        for mod in self.modules.values():
            for item in mod.menus:
                if item.code == code:
                    return item.label
        return None

    def sorted_modules(self):
        return sorted(self.modules.values(), key=lambda m: (m.order, m.key))

    def all_codes(self):
        """Every code that can be ticked (derived menu items are not)."""
        return {item.code for m in self.modules.values() for item in (*m.menus, *m.actions)
                if not getattr(item, "derived", False)}

    def can_see(self, user, item):
        if item.visible is not None:
            return bool(user.is_active and user.is_backoffice and item.visible(user))
        if item.derived:
            return any(code.endswith(item.any_suffix) and user.has_permission(code) for code in self.all_codes())
        return user.has_permission(item.code)

    def menus_for(self, user):
        """The back-office menu tree the user may see, in display order."""
        tree = []
        for mod in self.sorted_modules():
            items = [item for item in mod.menus if self.can_see(user, item)]
            if items:
                tree.append((mod, items))
        return tree


registry = PermissionRegistry()
registry.module("students", "学生信息管理", "bi-people", order=10)
registry.module("affairs", "学生就业事务", "bi-file-earmark-text", order=15)
registry.module("services", "学生服务", "bi-life-preserver", order=20)
registry.module("data", "数据管理", "bi-database", order=70)
# The manual's menu groups ("代码管理"—"专业设置", "系统设置"—"功能时间设置"...), in its order.
registry.module("codes", "代码管理", "bi-list-columns", order=80)
registry.module("accounts", "管理员", "bi-person-gear", order=90)
registry.module("system", "系统设置", "bi-gear", order=95)
