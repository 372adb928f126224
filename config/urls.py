from django.urls import include, path

from careers.counseling import urls as counseling_urls
from careers.employment import urls as employment_urls
from careers.events import urls as events_urls
from careers.events.checkin.api import api as checkin_api
from careers.recruitment import urls as recruitment_urls
from careers.resumes import urls as resumes_urls
from careers.studentfiles import urls as studentfiles_urls
from careers.students import urls as students_urls
from careers.website import urls as website_urls
from careers.wechat import urls as wechat_urls

handler403 = "careers.core.views.errors.permission_denied"
handler404 = "careers.core.views.errors.page_not_found"
handler500 = "careers.core.views.errors.server_error"

urlpatterns = [
    path("accounts/", include("careers.accounts.urls")),
    path("org/", include("careers.org.urls")),
    path("codes/", include("careers.codes.urls")),
    path("students/files/", include("careers.studentfiles.urls")),
    path("students/resumes/", include("careers.resumes.urls")),
    path("students/", include("careers.students.urls")),
    path("employment/", include("careers.employment.urls")),
    path("reports/", include("careers.reports.urls")),
    path("followup/", include("careers.followup.urls")),
    path("progress/", include("careers.progress.urls")),
    path("recruitment/", include(recruitment_urls.backoffice)),
    path("company/", include(recruitment_urls.company)),
    path("company/", include(events_urls.company)),
    path("company/", include(employment_urls.company)),
    path("company/wechat/", include(wechat_urls.company)),
    path("events/", include(events_urls.backoffice)),
    path("counseling/", include(counseling_urls.backoffice)),
    path("website/", include(website_urls.backoffice)),
    path("wechat/", include(wechat_urls.backoffice)),
    path("api/checkin/", checkin_api.urls),
    path("me/", include(recruitment_urls.portal)),
    path("me/", include(events_urls.portal)),
    path("me/counseling/", include(counseling_urls.portal)),
    path("me/wechat/", include(wechat_urls.portal)),
    path("me/gallery/", include(studentfiles_urls.gallery_portal)),
    path("me/archive/", include(studentfiles_urls.archive_portal)),
    path("me/resumes/", include(resumes_urls.portal)),
    path("me/", include(employment_urls.portal)),
    path("me/", include(students_urls.portal)),
    path("", include(recruitment_urls.site)),
    path("", include(events_urls.site)),
    path("", include(website_urls.site)),
    path("", include(wechat_urls.site)),
    path("", include("careers.core.urls")),
]

