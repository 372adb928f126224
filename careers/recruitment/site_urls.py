from . import urls_appeals, urls_applications, urls_employers, urls_jobs, urls_matching

app_name = "site"

urlpatterns = [*urls_employers.site, *urls_appeals.site, *urls_jobs.site, *urls_applications.site,
               *urls_matching.site]
