"""URLs of the talks area. Each list is included by one of the site's URL modules:

admin    → /events/    namespace "events"          (back office)
company  → /company/   namespace "company_events"  (the employer portal)
site     → /           namespace "site_events"     (public pages: no login)
portal   → /me/        namespace "portal_events"   (a logged-in student's pages)
"""

from careers.core.urls_helpers import model_urls

from . import views_talks as v

admin = [
    *model_urls("talks", "talk", list=v.TalkListView),
]
company = []
site = []
portal = []
