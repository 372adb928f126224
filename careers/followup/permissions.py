"""就业跟踪台账: menus and actions (module 学生服务)."""

from careers.core.permissions import registry

from .models import LedgerStudent

# The ledger (a student list) and 生成统计表 are read with the menu permission; 导出学生详细数据
# and the statistics table's download need `.export`.
registry.register_model(LedgerStudent, "services", menu_label="就业跟踪台账", actions=("export",),
                        icon="bi-telephone-outbound")
registry.register_action("services", "followup.followupentry.add", "就业跟踪台账：新增跟踪记录")
registry.register_action("services", "followup.followupentry.change", "就业跟踪台账：修改跟踪记录")
registry.register_action("services", "followup.followupentry.delete", "就业跟踪台账：删除跟踪记录")
