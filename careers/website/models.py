"""网站内容管理: re-exports every area's models (the app registry and `from careers.website.models import X`)."""

from .articles.models import (  # noqa: F401
    Article,
    ArticleAttachment,
    ArticleQuerySet,
    ArticleStatus,
    EditorImage,
)
from .carousels.models import Carousel, Slide, SlideLink  # noqa: F401
from .categories.models import Category, CategoryKind  # noqa: F401
from .reminders.models import CalendarReminder  # noqa: F401
from .sidebar.models import SidebarAudience, SidebarLink  # noqa: F401
from .siteinfo.models import InfoBlock, SiteSettings  # noqa: F401
