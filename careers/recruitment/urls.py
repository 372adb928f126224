"""The recruitment app's one URL aggregator. Each area's `urls.py` holds four lists (admin, company, site,
portal); here they are joined, area by area, into one (patterns, namespace) pair per part of the site,
which config/urls.py includes:

backoffice → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理)
company    → /company/       namespace "company"              (the employer's own portal + public registration)
portal     → /me/            namespace "portal_recruitment"   (a logged-in student's pages)
site       → /               namespace "site"                 (public pages: no login)
"""

from .appeals import urls as appeals
from .applications import urls as applications
from .employers import urls as employers
from .jobs import urls as jobs
from .matching import urls as matching

AREAS = (employers, appeals, jobs, applications, matching)


def _joined(part):
    return [pattern for area in AREAS for pattern in getattr(area, part)]


backoffice = (_joined("admin"), "recruitment")
company = (_joined("company"), "company")
portal = (_joined("portal"), "portal_recruitment")
site = (_joined("site"), "site")
