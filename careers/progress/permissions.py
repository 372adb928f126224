"""就业进展情况: menus and actions (module 数据管理).

Projects are set up by school admins only (add/change/delete are school-only, see
careers.accounts.models.is_school_only); colleges report per managed major.
"""

from careers.core.permissions import registry

from .models import ProgressProject

registry.register_model(ProgressProject, "data", menu_label="就业进展情况", actions=("add", "change", "delete", "export"),
                        icon="bi-graph-up-arrow")
registry.register_action("data", "progress.progressreport.add", "就业进展情况：报送")
registry.register_action("data", "progress.progressreport.change", "就业进展情况：修改报送")
