"""WeChat's limits on a custom menu, in one validator used by the editor (every save) and by the push.

WeChat (自定义菜单创建接口) refuses a menu with more than 3 top-level items or more than 5 sub-items under one,
a top-level name over 16 bytes or a sub-item name over 60 bytes (UTF-8), a `view` URL over 1024 bytes, a `click`
key over 128 bytes. A top-level item with sub-items is only a folder: it has no URL or key of its own.

    Node(name, kind, url, key, children)          the menu as plain data (load_tree() reads the stored one)
    problems(tree, base_url, complete=True)       Chinese messages naming each wrong item ([] when fine)
    check(tree, base_url, complete=True)          ValidationError with all of them
    absolute_url(url, base_url)                   a site path made absolute ("/jobs/" -> "https://host/jobs/")

`complete=False` is the editor's check while the admin is still building the menu: a top-level 子菜单 with no
sub-item yet and an empty menu pass; everything else is refused at once.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError

from careers.website.links import clean_link

from .models import MenuKind

MAX_TOP = 3
MAX_SUB = 5
TOP_NAME_BYTES = 16
SUB_NAME_BYTES = 60
URL_BYTES = 1024
KEY_BYTES = 128


@dataclass
class Node:
    name: str
    kind: str = MenuKind.VIEW
    url: str = ""
    key: str = ""
    children: list = field(default_factory=list)
    pk: int | None = None

    @property
    def kind_label(self):
        return MenuKind(self.kind).label if self.kind in MenuKind.values else self.kind


def nbytes(value):
    return len((value or "").encode("utf-8"))


def site_base(request=None):
    """The site's absolute address: SITE_URL, else the host the admin is using (request), else ""."""
    base = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    if not base and request is not None:
        base = request.build_absolute_uri("/").rstrip("/")
    return base


def absolute_url(url, base_url):
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return (base_url or "").rstrip("/") + url
    return url


def _name_problems(node, top):
    label = "一级菜单" if top else "二级菜单"
    name = (node.name or "").strip()
    if not name:
        return [f"{label}名称不能为空。"]
    limit, chinese = (TOP_NAME_BYTES, TOP_NAME_BYTES // 3) if top else (SUB_NAME_BYTES, SUB_NAME_BYTES // 3)
    size = nbytes(name)
    if size > limit:
        return [f"{label}名称“{name}”太长（{size} 个字节）：微信要求不超过 {limit} 个字节，"
                f"即不超过 {chinese} 个汉字或 {limit} 个字母。"]
    return []


def _action_problems(node, top, base_url, label):
    out = []
    if node.kind == MenuKind.VIEW:
        if not (node.url or "").strip():
            return [f"{label}的菜单类型是“打开网页”，请填写链接地址。"]
        try:
            clean_link(node.url, f"{label}的链接地址", required=True)
        except ValidationError as exc:
            return list(exc.messages)
        full = absolute_url(node.url, base_url)
        if nbytes(full) > URL_BYTES:
            out.append(f"{label}的链接地址太长（{nbytes(full)} 个字节）：微信要求完整网址不超过 {URL_BYTES} 个字节。")
    elif node.kind == MenuKind.CLICK:
        key = (node.key or "").strip()
        if not key:
            return [f"{label}的菜单类型是“点击推送消息”，请填写点击事件KEY（与关键字回复的关键字相同即可自动回复）。"]
        if nbytes(key) > KEY_BYTES:
            out.append(f"{label}的点击事件KEY太长（{nbytes(key)} 个字节）：微信要求不超过 {KEY_BYTES} 个字节。")
    elif node.kind == MenuKind.PARENT and not top:
        out.append(f"{label}不能再有子菜单（微信菜单只有两级），请选择“打开网页”或“点击推送消息”。")
    return out


def problems(tree, base_url="", complete=True):
    """Every way `tree` breaks WeChat's rules, each message naming the item."""
    out = []
    if complete and not tree:
        out.append("菜单是空的：请至少添加一个一级菜单。")
    if len(tree) > MAX_TOP:
        out.append(f"一级菜单最多 {MAX_TOP} 个，现有 {len(tree)} 个"
                   f"（{'、'.join(node.name for node in tree)}），请删除多余的菜单。")
    for node in tree:
        out += _name_problems(node, top=True)
        label = f"一级菜单“{node.name}”"
        if node.children or node.kind == MenuKind.PARENT:
            if node.children and node.kind != MenuKind.PARENT:
                out.append(f"{label}含有子菜单，不能再设置链接地址或点击事件：请把它的菜单类型改为“子菜单”。")
            if len(node.children) > MAX_SUB:
                out.append(f"{label}下最多 {MAX_SUB} 个二级菜单，现有 {len(node.children)} 个，请删除多余的菜单。")
            if complete and not node.children:
                out.append(f"{label}的菜单类型是“子菜单”，但还没有二级菜单：请添加二级菜单或改为“打开网页”。")
            for child in node.children:
                out += _name_problems(child, top=False)
                out += _action_problems(child, False, base_url, f"二级菜单“{child.name}”")
        else:
            out += _action_problems(node, True, base_url, label)
    return out


def check(tree, base_url="", complete=True):
    found = problems(tree, base_url, complete)
    if found:
        raise ValidationError(found)


def load_tree():
    """The stored menu as Nodes (two levels, in 排序 order)."""
    from .models import MenuItem

    items = list(MenuItem.objects.order_by("position", "pk"))
    tops = [item for item in items if item.parent_id is None]
    nodes = {}
    tree = []
    for item in tops:
        nodes[item.pk] = Node(item.name, item.kind, item.url, item.key, [], item.pk)
        tree.append(nodes[item.pk])
    for item in items:
        if item.parent_id is not None and item.parent_id in nodes:
            nodes[item.parent_id].children.append(Node(item.name, item.kind, item.url, item.key, [], item.pk))
    return tree


def buttons(tree, base_url):
    """WeChat's `button` list for a checked tree (site paths made absolute)."""
    out = []
    for node in tree:
        if node.children:
            out.append({"name": node.name.strip(), "sub_button": [_button(child, base_url) for child in node.children]})
        else:
            out.append(_button(node, base_url))
    return out


def _button(node, base_url):
    if node.kind == MenuKind.CLICK:
        return {"type": "click", "name": node.name.strip(), "key": node.key.strip()}
    return {"type": "view", "name": node.name.strip(), "url": absolute_url(node.url, base_url)}
