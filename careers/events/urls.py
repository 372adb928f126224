"""The one URL aggregator of 宣讲会与招聘会: each area's `urls.py` holds four lists, collected here in area
order and mounted by config/urls.py:

backoffice → /events/    namespace "events"          (back office)
company    → /company/   namespace "company_events"  (the employer portal)
portal     → /me/        namespace "portal_events"   (a logged-in student's pages)
site       → /           namespace "site_events"     (public pages: no login)

The check-in device API is the ninja `api` in checkin/api.py (/api/checkin/).
"""

from .calendar import urls as calendar
from .career_events import urls as career_events
from .checkin import urls as checkin
from .fairs import urls as fairs
from .participants import urls as participants
from .payments import urls as payments
from .programmes import urls as programmes
from .stats import urls as stats
from .talks import urls as talks
from .venues import urls as venues

AREAS = (venues, talks, fairs, participants, payments, checkin, stats,
         # issue 16: 就业活动, the 就业日历, 项目活动
         career_events, calendar, programmes)


def collect(audience):
    """The URL patterns of every area for one audience ("backoffice", "company", "portal", "site")."""
    return [pattern for area in AREAS for pattern in getattr(area, audience)]


backoffice = (collect("backoffice"), "events")
company = (collect("company"), "company_events")
portal = (collect("portal"), "portal_events")
site = (collect("site"), "site_events")
