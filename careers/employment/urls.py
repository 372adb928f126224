"""派遣与就业: the one URL aggregator of the app, collecting each area's lists.

`urlpatterns` (namespace "employment") is mounted at /employment/; `portal` (namespace "employment_portal")
is the 学生中心 part, mounted at /me/ with `include(portal)`; `company` (namespace "company_employment") the employer
portal's, at /company/ (config/urls.py).
"""

from .agreements import urls as agreements
from .dispatch import urls as dispatch
from .outcomes import urls as outcomes
from .provincial import urls as provincial
from .windows import urls as windows

app_name = "employment"

urlpatterns = [*agreements.urlpatterns, *dispatch.urlpatterns, *outcomes.urlpatterns, *provincial.urlpatterns,
               *windows.urlpatterns]

portal = ([*agreements.portal_urlpatterns, *dispatch.portal_urlpatterns, *outcomes.portal_urlpatterns],
          "employment_portal")

# the employer portal's part (网上签约), mounted at /company/ (config/urls.py)
company = (agreements.company_urlpatterns, "company_employment")
