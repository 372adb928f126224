"""The siteadmin areas' demo data (网站参数, 网站信息, 侧边栏, 事件提醒, 轮播图): every variant, idempotent."""

import random

import pytest
from django.utils import timezone

from careers.website.carousels import demo as carousel_demo
from careers.website.carousels.models import Slide
from careers.website.carousels.public import current_slides
from careers.website.reminders import demo as reminder_demo
from careers.website.reminders.models import CalendarReminder
from careers.website.reminders.tables import state_of
from careers.website.sidebar import demo as sidebar_demo
from careers.website.sidebar.models import SidebarLink
from careers.website.siteinfo import demo as siteinfo_demo
from careers.website.siteinfo.models import InfoBlock, SiteSettings
from tests.factories import FairFactory, TalkFactory
from tests.website.siteadmin_support import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def seed_all():
    for module in (siteinfo_demo, sidebar_demo, reminder_demo, carousel_demo):
        module.seed(random.Random(1), (2026, 2027))


def counts():
    return [m.objects.count() for m in (SiteSettings, InfoBlock, SidebarLink, CalendarReminder, Slide)]


def test_demo_covers_the_variants_and_is_idempotent():
    from careers.website.articles.models import Article
    from careers.website.categories.models import Category

    TalkFactory(approved=True)
    FairFactory()
    news = Category.objects.create(name="新闻", slug="news", kind="news")
    Article.objects.create(category=news, title="新闻", status="published", published_at=timezone.now())
    seed_all()
    first = counts()
    seed_all()
    assert counts() == first
    assert SiteSettings.objects.get(pk=1).site_name == "XX大学学生就业指导中心"
    assert set(InfoBlock.objects.values_list("title", flat=True)) >= {"中心简介", "联系我们", "办事指南", "首页公告"}
    assert set(SidebarLink.objects.values_list("audience", flat=True)) == {"all", "visitor", "student", "employer",
                                                                            "staff"}
    assert SidebarLink.objects.filter(is_visible=False).exists() and SidebarLink.objects.filter(
        url__startswith="https://").exists()
    states = {state_of(r)[0] for r in CalendarReminder.objects.all()}
    assert states == {"提醒中", "未到提醒期", "已结束", "已隐藏"}
    assert CalendarReminder.objects.filter(ends_at=None).exists() and CalendarReminder.objects.exclude(
        ends_at=None).exists()
    assert set(Slide.objects.values_list("link_kind", flat=True)) == {"none", "article", "talk", "fair", "url"}
    home = current_slides("home")
    assert len(home) == 5 and all(s["small"] for s in home)
    assert current_slides("fairs") and not current_slides("campus-old")
