"""派遣与就业: every menu and action of the dispatch and employment module, in one place.

Each area adds its lines below its heading (keep the headings).
"""

from careers.core.permissions import registry  # noqa: F401

# -- 派遣信息, 主管单位库, 功能时间设置 (dispatch) ------------------------------------------------------

# -- 就业信息, 未就业名单 (employment) ----------------------------------------------------------------
from .models import EmploymentRecord  # noqa: E402

registry.register_model(EmploymentRecord, "students", menu_label="就业信息", actions=("change", "review", "export"),
                        icon="bi-briefcase")
registry.register_menu("students", "employment.unemployed.view", "未就业名单", "employment:unemployed_list",
                       icon="bi-person-x")

# -- 与省系统不一致的就业信息 (provincial comparison) ------------------------------------------------
