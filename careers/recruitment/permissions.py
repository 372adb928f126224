"""招聘服务管理: every menu and action of the recruitment module, in one place.

Each area adds its lines below its heading (keep the headings). Employers and jobs are school-wide
records (no major scope); applications and matches are scoped by the student's major.
"""

from careers.core.permissions import registry

registry.module("recruitment", "招聘服务管理", "bi-building", order=40)

# -- 用人单位管理 (employers) ----------------------------------------------------------------------

# -- 用人单位账号申诉 (appeals) ---------------------------------------------------------------------

# -- 职位管理 (jobs) ---------------------------------------------------------------------------------

# -- 简历投递管理 (applications) ---------------------------------------------------------------------
from .models import Application  # noqa: E402

registry.register_model(Application, "recruitment", menu_label="简历投递管理", actions=("export",), icon="bi-send")

# -- 职位智能匹配 (matching) -------------------------------------------------------------------------
