"""网站内容管理 (manual chapter 5): the module's menus and actions.

Each area adds its lines below its heading (keep the headings)."""

from careers.core.permissions import registry

registry.module("website", "网站内容管理", "bi-globe2", order=45)

# -- 网站菜单设置 (categories) ------------------------------------------------------------------------
from .categories.models import Category  # noqa: E402

registry.register_model(Category, "website", menu_label="网站菜单设置", actions=("add", "change", "delete"),
                        icon="bi-list-nested", position=10)

# -- 一般资讯 (articles): one menu and its own codes per content kind, `website.<kind>.<action>` -------------
from .articles.kinds import KIND_MENUS  # noqa: E402

for _position, (_kind, _label, _icon) in enumerate(KIND_MENUS, start=20):
    registry.register_menu("website", f"website.{_kind}.view", _label, f"website:article_{_kind}_list", _icon,
                           position=_position)
    for _action, _word in (("add", "新增"), ("change", "修改"), ("delete", "删除")):
        registry.register_action("website", f"website.{_kind}.{_action}", f"{_label}：{_word}")
