"""学生信息管理: the one URL aggregator of the app, collecting each area's lists.

`urlpatterns` (namespace "students") is mounted at /students/; `portal` (namespace "portal") is the 学生中心,
mounted at /me/ with `include(portal)` (config/urls.py). The order of the lists is the order paths match in.
"""

from .accounts import urls as accounts
from .messaging import urls as messaging
from .portal import urls as portal_area
from .records import urls as records
from .summary import urls as summary
from .transfer import urls as transfer

app_name = "students"

urlpatterns = [*records.urlpatterns, *accounts.urlpatterns, *messaging.urlpatterns, *records.entry_urlpatterns,
               *transfer.urlpatterns, *summary.urlpatterns]

portal = (portal_area.urlpatterns, "portal")
