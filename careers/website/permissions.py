"""网站内容管理 (manual chapter 5): the module's menus and actions."""

from careers.core.permissions import registry

registry.module("website", "网站内容管理", "bi-globe2", order=45)
