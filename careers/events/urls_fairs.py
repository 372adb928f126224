"""URLs of the fairs area. Each list is included by one of the site's URL modules:

admin    → /events/    namespace "events"          (back office)
company  → /company/   namespace "company_events"  (the employer portal)
site     → /           namespace "site_events"     (public pages: no login)
portal   → /me/        namespace "portal_events"   (a logged-in student's pages)
"""

from careers.core.urls_helpers import model_urls

from . import views_fairs as v

admin = [
    *model_urls("fairs", "fair", list=v.FairListView),
]
company = []
site = []
portal = []
