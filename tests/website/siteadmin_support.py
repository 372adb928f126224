"""Shared helpers of the siteadmin areas' tests (侧边栏, 网站参数/信息, 事件提醒, 轮播图)."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import SchoolAdminFactory, UserFactory

ALL = {
    "sidebar": ["website.sidebarlink.view", "website.sidebarlink.add", "website.sidebarlink.change",
                "website.sidebarlink.delete"],
    "settings": ["website.sitesettings.view", "website.sitesettings.change"],
    "blocks": ["website.infoblock.view", "website.infoblock.add", "website.infoblock.change",
               "website.infoblock.delete"],
    "reminders": ["website.calendarreminder.view", "website.calendarreminder.add", "website.calendarreminder.change",
                  "website.calendarreminder.delete"],
    "carousels": ["website.carousel.view", "website.carousel.add", "website.carousel.change",
                  "website.carousel.delete"],
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def school_admin(*areas):
    user = SchoolAdminFactory()
    user.set_permissions([code for area in areas for code in ALL[area]])
    user.save()
    return user


def college_admin(*areas):
    user = UserFactory()
    user.set_permissions([code for area in areas for code in ALL[area]])
    user.save()
    return user


def image_upload(name="banner.png", size=(2400, 750), colour=(20, 80, 160), fmt="PNG"):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fake_image(name="evil.jpg"):
    return SimpleUploadedFile(name, b"<script>alert(1)</script>" * 20, content_type="image/jpeg")
