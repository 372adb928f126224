"""Shared helpers of the menus and replies tests."""

import pytest
from django.core.cache import cache

from tests.factories import SchoolAdminFactory, UserFactory

ALL = {
    "menus": ["wechat.menuitem.view", "wechat.menuitem.add", "wechat.menuitem.change", "wechat.menuitem.delete"],
    "menus_view": ["wechat.menuitem.view"],
    "replies": ["wechat.keywordreply.view", "wechat.keywordreply.add", "wechat.keywordreply.change",
                "wechat.keywordreply.delete", "wechat.replysettings.change"],
    "replies_view": ["wechat.keywordreply.view"],
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def admin(*areas, school=True):
    user = (SchoolAdminFactory if school else UserFactory)()
    user.set_permissions([code for area in areas for code in ALL[area]])
    user.save()
    return user


class FakeClient:
    """Stands in for careers.wechat.api.client.api(): records create_menu calls, or raises `error`."""

    def __init__(self, error=None):
        self.menus = []
        self.error = error

    def create_menu(self, buttons):
        if self.error is not None:
            raise self.error
        self.menus.append(buttons)
        return {"errcode": 0, "errmsg": "ok"}
