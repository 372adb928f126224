"""The content kinds as back-office menus: each kind (category code) has its own menu and permission codes
`website.<kind>.view/add/change/delete`, so a user may be granted 通知 but not 新闻."""

from ..categories.models import CategoryKind

# (kind, menu label, icon) in the manual's order. 图片资讯, not 图片管理: 轮播图管理 is the carousel's menu.
KIND_MENUS = (
    (CategoryKind.NEWS, "新闻管理", "bi-newspaper"),
    (CategoryKind.NOTICE, "通知管理", "bi-megaphone"),
    (CategoryKind.POLICY, "政策管理", "bi-bank"),
    (CategoryKind.ARTICLE, "文章管理", "bi-file-text"),
    (CategoryKind.HELP, "帮助文档", "bi-question-circle"),
    (CategoryKind.EXPLAIN, "说明文档", "bi-info-circle"),
    (CategoryKind.PHOTO, "图片资讯", "bi-images"),
    (CategoryKind.VIDEO, "视频管理", "bi-camera-video"),
    (CategoryKind.DOWNLOAD, "下载资料", "bi-download"),
    (CategoryKind.LINK, "友情链接", "bi-link-45deg"),
    (CategoryKind.SPECIAL, "特色专栏", "bi-stars"),
    (CategoryKind.OTHER, "其他资讯", "bi-three-dots"),
)
KINDS = tuple(str(kind) for kind, _label, _icon in KIND_MENUS)
LABELS = {str(kind): label for kind, label, _icon in KIND_MENUS}


def code(kind, action):
    return f"website.{kind}.{action}"


def kinds_allowed(user, action):
    """The kinds whose `action` permission `user` holds (deny by default)."""
    from careers.core.scoping import SYSTEM

    if user is SYSTEM:
        return list(KINDS)
    if user is None or not user.is_authenticated:
        return []
    return [kind for kind in KINDS if user.has_permission(code(kind, action))]
