"""URLs of the stats area. Each list is included by one of the site's URL modules:

admin    → /events/    namespace "events"          (back office)
company  → /company/   namespace "company_events"  (the employer portal)
site     → /           namespace "site_events"     (public pages: no login)
portal   → /me/        namespace "portal_events"   (a logged-in student's pages)
"""

admin = []
company = []
site = []
portal = []
