"""What the website app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core import cache_versions
from careers.core.demo import seed_step
from careers.core.public_home import PUBLIC_HOME
from careers.events.calendar import feed as calendar_feed

from . import permissions  # noqa: F401  (menus and actions)
from .carousels.public import connect as _connect_carousel_cache
from .public import cache as _public_cache
from .public.home import home as _portal_home
from .reminders import calendar as reminder_calendar
from .reminders.models import CalendarReminder
from .sidebar.public import connect as _connect_sidebar_cache
from .siteinfo.cache import connect as _connect_site_cache

_connect_site_cache()
_connect_sidebar_cache()
_connect_carousel_cache()
_public_cache.connect()  # the navigation and cached portal pages follow every column / article change
PUBLIC_HOME.register("home", _portal_home)  # `/` for visitors is the portal home

# -- 事件提醒 on the 就业日历: an extra calendar source; a save or delete bumps the calendar's cache version ----
calendar_feed.register_source(reminder_calendar.entries, kind=reminder_calendar.KIND, label=reminder_calendar.LABEL,
                              badge=reminder_calendar.BADGE, next_change=reminder_calendar.next_change)


cache_versions.on_change((CalendarReminder,), calendar_feed.bump, "website-reminder")

# -- demo data: each area's `seed(rng, years)` ---------------------------------------------------------
for _area in ("categories", "articles", "siteinfo", "sidebar", "reminders", "carousels"):  # columns before articles before slides
    seed_step(f"website.{_area}", f"careers.website.{_area}.demo")
