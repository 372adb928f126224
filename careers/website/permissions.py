"""网站内容管理 (manual chapter 5): the module's menus and actions, in the manual's order (`position=`):
网站菜单设置 10, 侧边栏设置 20, 网站参数 30, 网站信息管理 40, 资讯 kinds 50–61, 事件提醒 70, 轮播图管理 80."""

from careers.core.permissions import registry

registry.module("website", "网站内容管理", "bi-globe2", order=45)

# -- 网站菜单设置 (categories) ------------------------------------------------------------------------
from .categories.models import Category  # noqa: E402

registry.register_model(Category, "website", menu_label="网站菜单设置", actions=("add", "change", "delete"),
                        icon="bi-list-nested", position=10)

# -- 一般资讯 (articles): one menu and its own codes per content kind, `website.<kind>.<action>` -------------
from .articles.kinds import KIND_MENUS  # noqa: E402

for _position, (_kind, _label, _icon) in enumerate(KIND_MENUS, start=50):
    registry.register_menu("website", f"website.{_kind}.view", _label, f"website:article_{_kind}_list", _icon,
                           position=_position)
    for _action, _word in (("add", "新增"), ("change", "修改"), ("delete", "删除")):
        registry.register_action("website", f"website.{_kind}.{_action}", f"{_label}：{_word}")

# -- 侧边栏设置, 网站参数, 网站信息管理, 事件提醒, 轮播图管理 (the siteadmin areas) -------------------------------
from .carousels.models import Carousel  # noqa: E402
from .reminders.models import CalendarReminder  # noqa: E402
from .sidebar.models import SidebarLink  # noqa: E402
from .siteinfo.models import InfoBlock, SiteSettings  # noqa: E402

registry.register_model(SidebarLink, "website", menu_label="侧边栏设置", actions=("add", "change", "delete"),
                        icon="bi-layout-sidebar", position=20)
registry.register_model(SiteSettings, "website", menu_label="网站参数", url_name="website:sitesettings_edit",
                        actions=("change",), icon="bi-sliders", position=30)
registry.register_model(InfoBlock, "website", menu_label="网站信息管理", actions=("add", "change", "delete"),
                        icon="bi-card-text", position=40)
registry.register_model(CalendarReminder, "website", menu_label="事件提醒", actions=("add", "change", "delete"),
                        icon="bi-alarm", position=70)
registry.register_model(Carousel, "website", menu_label="轮播图管理", actions=("add", "change", "delete"),
                        icon="bi-images", position=80)
