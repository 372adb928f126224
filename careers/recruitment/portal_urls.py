from . import urls_appeals, urls_applications, urls_employers, urls_jobs, urls_matching

app_name = "portal_recruitment"

urlpatterns = [*urls_employers.portal, *urls_appeals.portal, *urls_jobs.portal, *urls_applications.portal,
               *urls_matching.portal]
