"""The demo portal content: every kind, every state, real files, idempotent."""

import random

import pytest
from django.utils import timezone

from careers.website.articles import demo as article_demo
from careers.website.articles.validators import attachment_type, video_type
from careers.website.categories import demo as category_demo
from careers.website.models import Article, ArticleAttachment, Category, CategoryKind
from tests.factories import CollegeFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_demo_covers_every_kind_and_state_and_is_idempotent(db):
    CollegeFactory(name="计算机学院")
    for _ in range(2):
        category_demo.seed(random.Random(1), (2026,))
        article_demo.seed(random.Random(1), (2026,))
    assert set(Category.objects.values_list("kind", flat=True)) == set(CategoryKind.values)
    assert Category.objects.filter(college__isnull=False).exists()
    assert Category.objects.filter(is_visible=False).exists()
    assert Category.objects.filter(parent__slug="quality-report").count() >= 2
    count = Article.objects.count()
    assert 40 <= count <= 70
    now = timezone.now()
    assert Article.objects.filter(status="draft").exists()
    assert Article.objects.filter(status="published", published_at__gt=now).exists()
    assert Article.objects.filter(is_visible=False).exists()
    assert Article.objects.filter(sort_weight__gt=0).exists()
    assert Article.objects.exclude(external_url="").exists()
    assert Article.objects.filter(category__college__isnull=False).count() == 2
    assert Article.objects.public().count() < count
    for attachment in ArticleAttachment.objects.all():  # the demo's files pass the upload checks
        with attachment.file.open("rb") as handle:
            assert attachment_type(handle) is not None
    video = Article.objects.exclude(media="").get()
    with video.media.open("rb") as handle:
        assert video_type(handle) == "video/webm"
    assert all(a.cover for a in Article.objects.filter(category__kind="photo"))
