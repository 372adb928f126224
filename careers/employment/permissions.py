"""派遣与就业: every menu and action of the dispatch and employment module, in one place.

Each area adds its lines below its heading (keep the headings).
"""

from careers.core.permissions import registry  # noqa: F401

# -- 派遣信息, 主管单位库, 功能时间设置 (dispatch) ------------------------------------------------------

# -- 就业信息, 未就业名单 (employment) ----------------------------------------------------------------

# -- 与省系统不一致的就业信息 (provincial comparison) ------------------------------------------------
