from . import urls_appeals, urls_applications, urls_employers, urls_jobs, urls_matching

app_name = "company"

urlpatterns = [*urls_employers.company, *urls_appeals.company, *urls_jobs.company, *urls_applications.company,
               *urls_matching.company]
