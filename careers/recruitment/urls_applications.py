"""URLs of the applications area. Each list is included by one of the site's URL modules:

admin    → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理)
company  → /company/       namespace "company"              (the employer's own portal)
site     → /               namespace "site"                 (public pages: no login)
portal   → /me/            namespace "portal_recruitment"   (a logged-in student's pages)
"""

admin = []
company = []
site = []
portal = []
