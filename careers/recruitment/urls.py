from . import urls_appeals, urls_applications, urls_employers, urls_jobs, urls_matching

app_name = "recruitment"

urlpatterns = [*urls_employers.admin, *urls_appeals.admin, *urls_jobs.admin, *urls_applications.admin,
               *urls_matching.admin]
