"""The form round trip posts what a browser would (tests/browserform.py)."""

from tests.browserform import post_forms

PAGE = """
<form method="get" action="/search/"><input name="q" value="x"></form>
<form method="post" action="/save/">
  <input type="hidden" name="csrfmiddlewaretoken" value="t">
  <input name="title" value="标题 &amp; 说明">
  <input type="checkbox" name="active" checked>
  <input type="checkbox" name="hidden_flag" value="1">
  <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b" checked>
  <select name="region"><option value="">---</option><option value="7" selected>吉林</option></select>
  <select name="level"><option value="1">一</option><option value="2">二</option></select>
  <select name="tags" multiple><option value="1" selected>甲</option><option value="2">乙</option>
    <option value="3" selected>丙</option></select>
  <textarea name="note">
第一行</textarea>
  <input name="locked" value="z" disabled>
  <input type="file" name="upload">
  <button type="submit" name="action" value="save">保存</button>
  <button type="submit" name="action" value="delete">删除</button>
</form>"""


def test_a_post_form_is_submitted_as_a_browser_would():
    (form,) = post_forms(PAGE)
    assert form.action == "/save/"
    assert form.submit_data() == {
        "csrfmiddlewaretoken": ["t"], "title": ["标题 & 说明"], "active": ["on"], "kind": ["b"], "region": ["7"],
        "level": ["1"], "tags": ["1", "3"], "note": ["第一行"], "action": ["save"]}


def test_overrides_replace_what_the_page_holds():
    (form,) = post_forms(PAGE)
    data = form.submit_data({"title": "新标题", "tags": ["2"]})
    assert data["title"] == ["新标题"] and data["tags"] == ["2"]
