"""URLs of the matching area. Each list is joined by careers/recruitment/urls.py into one part of the site:

admin    → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理)
company  → /company/       namespace "company"              (the employer's own portal)
site     → /               namespace "site"                 (public pages: no login)
portal   → /me/            namespace "portal_recruitment"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import views as v

admin = [
    *model_urls("matching/runs", "matchrun", list=v.MatchRunListView),
    path("matching/runs/run-now/", v.MatchRunNowView.as_view(), name="matchrun_run"),
    *model_urls("matching/matches", "jobmatch", list=v.JobMatchListView),
]
company = []
site = []
portal = [
    path("job-matches/", v.my_matches, name="job_matches"),
    path("job-matches/setting/", v.my_matches_toggle, name="job_matches_toggle"),
]
