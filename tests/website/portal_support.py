"""Test data of the portal's tests (tests/website/test_portal_*.py): columns and articles made here, not from the
other areas' demo, and a cache of the public pages of each test's own (the cache outlives a rolled-back test)."""

import datetime
import uuid

import factory
import pytest
from django.utils import timezone

from careers.website.models import Article, ArticleAttachment, Category


@pytest.fixture(autouse=True)
def own_public_cache(monkeypatch):
    from careers.events.calendar import feed
    from careers.website.public import cache as public_cache

    monkeypatch.setattr(public_cache, "PREFIX", f"{public_cache.PREFIX}:{uuid.uuid4().hex}")
    monkeypatch.setattr(feed, "VERSION_KEY", f"{feed.VERSION_KEY}:{uuid.uuid4().hex}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")
    kind = "news"
    ordering = factory.Sequence(lambda n: n)


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published, shown article of yesterday (`draft=True`, `scheduled=True` for the other states)."""

    class Meta:
        model = Article

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"资讯标题{n}")
    summary = "摘要"
    body = "<p>正文内容</p>"
    department = "就业指导中心"
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status="draft")
        scheduled = factory.Trait(published_at=factory.LazyFunction(
            lambda: timezone.now() + datetime.timedelta(days=2)))


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleAttachment

    article = factory.SubFactory(ArticleFactory)
    file = factory.django.FileField(filename="guide.pdf", data=b"%PDF-1.4 test")
    name = "就业指南.pdf"
    size = 123456
    content_type = "application/pdf"
