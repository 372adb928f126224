"""网站菜单设置: the tree, nesting rules, unique code, college columns, refused deletes, permissions."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careers.core.scoping import SYSTEM
from careers.website.categories import actions
from careers.website.models import Category
from tests.factories import UserFactory

from .articles_support import article, category


def post_category(client, **data):
    base = {"name": "新栏目", "slug": "new", "kind": "news", "ordering": 0, "is_visible": "on", "in_nav": "on"}
    base.update(data)
    return client.post(reverse("website:category_add"), base)


def test_tree_lists_children_indented_in_ordering(client, school_admin):
    top = category("中心新闻", "news", ordering=2)
    second = category("通知公告", "notice", kind="notice", ordering=1)
    child_b = category("学院动态", "college-news", parent=top, ordering=5)
    child_a = category("工作动态", "work-news", parent=top, ordering=1)
    rows = actions.tree(Category.objects.all())
    assert [(c.pk, d) for c, d in rows] == [(second.pk, 1), (top.pk, 1), (child_a.pk, 2), (child_b.pk, 2)]
    client.force_login(school_admin)
    body = client.get(reverse("website:category_list")).content.decode()
    assert body.index("通知公告") < body.index("中心新闻") < body.index("工作动态") < body.index("学院动态")
    assert 'data-depth="2"' in body


def test_duplicate_slug_is_refused_with_message(client, school_admin):
    category("中心新闻", "news")
    client.force_login(school_admin)
    response = post_category(client, slug="news")
    assert response.status_code == 200
    assert "已有使用该代码的菜单" in response.content.decode()


def test_nested_under_itself_or_descendant_refused(client, school_admin):
    top = category("特色专栏", "special", kind="special")
    child = category("2024年度报告", "report-2024", kind="special", parent=top)
    grandchild = category("附表", "report-2024-tables", kind="special", parent=child)
    top.parent = grandchild
    with pytest.raises(ValidationError) as err:
        actions.save_category(top, acting_user=SYSTEM)
    assert "下级菜单" in str(err.value)
    client.force_login(school_admin)
    response = client.post(reverse("website:category_edit", args=[top.pk]),
                           {"name": "特色专栏", "slug": "special", "kind": "special", "parent": child.pk,
                            "ordering": 0})
    assert "不能互相嵌套" in response.content.decode()
    assert Category.objects.get(pk=top.pk).parent_id is None


def test_deeper_than_three_levels_refused(db):
    a = category("一级", "l1")
    b = category("二级", "l2", parent=a)
    c = category("三级", "l3", parent=b)
    d = Category(name="四级", slug="l4", kind="news", parent=c)
    with pytest.raises(ValidationError) as err:
        actions.save_category(d, acting_user=SYSTEM)
    assert "最多 3 级" in str(err.value)
    # moving a two-level subtree under a second-level column would make four levels too
    other = category("另一个", "o1")
    other_child = category("另一个子", "o2", parent=other)
    other.parent = b
    with pytest.raises(ValidationError):
        actions.save_category(other, acting_user=SYSTEM)
    assert other_child.parent_id == other.pk


def test_delete_with_articles_or_children_refused_saying_how_many(client, school_admin):
    top = category("中心新闻", "news")
    category("子栏目", "sub", parent=top)
    article(top)
    article(top, title="第二条")
    client.force_login(school_admin)
    response = client.post(reverse("website:category_delete", args=[top.pk]), follow=True)
    text = response.content.decode()
    assert "2 条资讯" in text and "1 个下级菜单" in text
    assert Category.objects.filter(pk=top.pk).exists()
    empty = category("空栏目", "empty")
    client.post(reverse("website:category_delete", args=[empty.pk]))
    assert not Category.objects.filter(pk=empty.pk).exists()


def test_college_admin_sees_only_their_college_columns(client, college_admin, org):
    school = category("中心新闻", "news")
    mine = category("甲学院新闻", "a-news", college=org["college_a"])
    theirs = category("乙学院新闻", "b-news", college=org["college_b"])
    client.force_login(college_admin)
    body = client.get(reverse("website:category_list")).content.decode()
    assert "甲学院新闻" in body and "乙学院新闻" not in body and "中心新闻" not in body
    assert client.get(reverse("website:category_edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("website:category_edit", args=[school.pk])).status_code == 404
    assert client.get(reverse("website:category_edit", args=[mine.pk])).status_code == 200


def test_college_admin_must_pick_their_college(client, college_admin, org):
    client.force_login(college_admin)
    form = client.get(reverse("website:category_add")).content.decode()
    assert "甲学院" in form and "乙学院" not in form
    response = post_category(client, slug="x1")  # no college: a school column is not theirs
    assert response.status_code == 200 and not Category.objects.filter(slug="x1").exists()
    response = post_category(client, slug="x2", college=org["college_b"].pk)
    assert response.status_code == 200 and not Category.objects.filter(slug="x2").exists()
    response = post_category(client, slug="x3", college=org["college_a"].pk)
    assert response.status_code == 302
    assert Category.objects.get(slug="x3").college == org["college_a"]


def test_school_admin_may_leave_college_empty(client, school_admin, org):
    client.force_login(school_admin)
    assert post_category(client, slug="school").status_code == 302
    assert Category.objects.get(slug="school").college is None


def test_menu_needs_permission(client, db):
    user = UserFactory(username="nobody-cat")
    user.set_permissions([])
    user.save()
    client.force_login(user)
    assert client.get(reverse("website:category_list")).status_code == 403
