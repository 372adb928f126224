"""The back-office sidebar: menu groups and order as the manual has them, the group holding the page,
and the search box's markup (behaviour: tests/browser/test_sidebar.py)."""

from django.urls import reverse

from careers.core.context_processors import current_module
from careers.core.permissions import registry


def labels(tree):
    return {module.key: [item.label for item in items] for module, items in tree}


def test_menu_groups_and_order_follow_the_manual(school_admin):
    tree = registry.menus_for(school_admin)
    assert [module.label for module, _ in tree] == [
        "学生信息管理", "学生就业事务", "学生服务", "招聘服务管理", "网站内容管理", "微信管理", "数据管理", "代码管理", "管理员",
        "系统设置"]  # 微信管理 (issue 18): placed by the module's order=50
    menus = labels(tree)
    assert menus["students"][:4] == ["生源信息", "会员管理", "派遣信息", "就业信息"]
    assert menus["students"][-2:] == ["专业转移审核", "学生信息汇总"]
    assert menus["codes"][:2] == ["专业设置", "学院设置"]  # “代码管理”—“专业设置” (manual 2.1)
    assert menus["affairs"][0] == "协议书管理"  # manual 3.1
    services = menus["services"]  # manual 3.2–3.4: 就业活动, 项目活动, 预约咨询 in that order
    assert services.index("就业活动") < services.index("项目活动") < services.index("预约咨询")
    assert "功能时间设置" in menus["system"]
    website = menus["website"]  # manual 5.1–5.2: 网站菜单设置, 侧边栏设置, 网站参数, 网站信息管理, the 资讯 kinds, 事件提醒, 轮播图
    assert website[:4] == ["网站菜单设置", "侧边栏设置", "网站参数", "网站信息管理"]
    assert website.index("新闻管理") < website.index("其他资讯") < website.index("事件提醒") < website.index("轮播图管理")
    wechat = menus["wechat"]  # manual 8.1–8.6 in order
    assert wechat.index("微信接入设置") < wechat.index("消息模板设置") < wechat.index("微信自定义菜单") < wechat.index(
        "自定义回复") < wechat.index("微信商户设置") < wechat.index("学生消息管理") < wechat.index("企业消息管理")


def test_the_group_of_the_page_opens(school_admin):
    tree = registry.menus_for(school_admin)
    assert current_module(tree, "events:talk_list") == "recruitment"
    assert current_module(tree, "students:student_detail") == "students"  # a page of a menu's model
    assert current_module(tree, "org:major_add") == "codes"
    assert current_module(tree, "core:home") in ("", "data", "system")  # no menu of its own: any fallback is fine
    assert current_module(tree, "") == ""


def test_sidebar_markup_is_labelled_and_marks_the_current_group(client, school_admin, django_assert_max_num_queries):
    client.force_login(school_admin)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("students:student_list")).content.decode()
    assert '<label for="menu-search" class="visually-hidden">搜索菜单</label>' in page
    assert 'role="combobox"' in page and 'aria-controls="menu-search-results"' in page
    assert 'id="menu-group-students" data-menu-current' in page
    assert 'id="menu-group-recruitment" data-menu-current' not in page
    assert page.count('data-menu-group="') == len(registry.menus_for(school_admin))
    assert "<script>" not in page  # behaviour lives in careers.js (CSP)


def test_college_admin_without_menus_gets_no_search_box(client, college_admin):
    college_admin.set_permissions([])
    college_admin.save()
    client.force_login(college_admin)
    page = client.get(reverse("core:home")).content.decode()
    assert "尚未分配任何菜单权限" in page and 'id="menu-search"' not in page
