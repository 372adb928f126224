"""网站菜单 / 一般资讯 in a real browser (issue 17): an admin creates a column, writes an article in Trix with a
pasted image (uploaded, re-encoded, served from our own URL), publishes, orders it, hides it with the row's 显示
toggle and clears the ordering from 操作 — under the Content-Security-Policy, with no console errors."""

import pytest

from careers.website.models import Article, Category, EditorImage
from tests.factories import TEST_PASSWORD, SchoolAdminFactory

pytestmark = pytest.mark.browser

PASTE_IMAGE = """
async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 120; canvas.height = 80;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#0d6efd"; ctx.fillRect(0, 0, 120, 80);
  const blob = await new Promise(resolve => canvas.toBlob(resolve, "image/png"));
  const file = new File([blob], "pasted.png", {type: "image/png"});
  document.querySelector("trix-editor").editor.insertFile(file);
}
"""


def test_admin_creates_column_writes_publishes_orders_hides_and_clears(browser, live_server, settings, tmp_path,
                                                                         transactional_db):
    from careers.core.permissions import registry
    from tests.browser.conftest import DESKTOP, Browse

    settings.MEDIA_ROOT = tmp_path
    admin = SchoolAdminFactory(username="webadmin")
    admin.set_permissions(sorted(registry.all_codes()))
    admin.save()
    b = Browse(browser, live_server.url, DESKTOP)
    try:
        b.login("webadmin", TEST_PASSWORD)
        b.goto("/website/categories/add/")
        b.page.fill("#id_name", "中心新闻")
        b.page.fill("#id_slug", "news")
        b.page.select_option("#id_kind", "news")
        with b.page.expect_navigation():
            b.page.click("form button[type=submit]")
        assert "中心新闻" in b.page.locator("#category-tree").inner_text()
        column = Category.objects.get(slug="news")

        b.goto("/website/articles/news/add/")
        b.page.select_option("#id_category", str(column.pk))
        b.page.fill("#id_title", "我校举办2026届毕业生秋季双选会")
        b.page.click("trix-editor")
        # the toolbar speaks Chinese (editor.js sets Trix's language and relabels a toolbar built before it ran)
        assert b.page.locator("trix-toolbar button[data-trix-attribute=bold]").get_attribute("title") == "粗体"
        b.page.keyboard.type("600余家单位来校招聘。")
        b.page.evaluate(PASTE_IMAGE)
        b.page.wait_for_function("() => document.querySelector('#id_body').value.includes('/files/website/editor/')")
        b.page.fill("#id_sort_weight", "9")
        with b.page.expect_navigation():
            b.page.click("button[name=_publish]")
        article = Article.objects.get()
        assert article.status == "published" and article.sort_weight == 9
        image = EditorImage.objects.get()
        assert f'src="{image.url}"' in article.body and "600余家单位" in article.body
        assert b.page.locator(f"img[src='{image.url}']").evaluate("img => img.naturalWidth") == 120

        b.goto("/website/articles/news/")
        row = b.page.locator("tr", has_text="秋季双选会")
        row.locator("button[data-visible]").click()
        b.page.wait_for_selector("button[data-visible='0']")
        b.settle()
        article.refresh_from_db()
        assert article.is_visible is False
        b.shot("website-articles-list")

        row.locator("input[name=pk]").check()
        b.page.click("#article-operations .dropdown-toggle")
        with b.page.expect_navigation():
            b.page.click("button[value=clear_sort]")
        assert "已清除 1 条资讯的排序" in b.page.content()
        article.refresh_from_db()
        assert article.sort_weight == 0
        b.assert_clean()
    finally:
        b.close()
