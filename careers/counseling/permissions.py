"""预约咨询 (module 学生服务, manual 3.4): the one 预约咨询 menu (the 咨询台账) with its pages' own action
codes — 咨询设置, 咨询主题列表, 咨询师列表 and 咨询师统计 are reached from it — and 我的咨询, the advisers' area,
shown to the accounts registered as 咨询师 whatever else they hold (it has no checkbox)."""

from careers.core.permissions import registry

from .models import Booking
from .setup.models import is_adviser

registry.register_model(Booking, "services", menu_label="预约咨询", actions=("export",), icon="bi-chat-heart",
                        position=70)  # the manual's order: 就业活动 (20), 项目活动 (60), 预约咨询
registry.register_action("services", "counseling.booking.change", "预约咨询：代咨询师确认/拒绝/取消预约")
registry.register_action("services", "counseling.counselingsettings.change", "预约咨询：咨询设置")
registry.register_action("services", "counseling.topic.view", "预约咨询：查看咨询主题列表")
registry.register_action("services", "counseling.topic.add", "预约咨询：新增咨询主题")
registry.register_action("services", "counseling.topic.change", "预约咨询：修改咨询主题")
registry.register_action("services", "counseling.topic.delete", "预约咨询：删除咨询主题")
registry.register_action("services", "counseling.adviser.view", "预约咨询：查看咨询师列表与统计")
registry.register_action("services", "counseling.adviser.add", "预约咨询：新增咨询师")
registry.register_action("services", "counseling.adviser.change", "预约咨询：修改咨询师")
registry.register_action("services", "counseling.adviser.delete", "预约咨询：删除咨询师")
registry.register_role_menu("services", "counseling.mine", "我的咨询", "counseling:mine", visible=is_adviser,
                            icon="bi-person-video3", position=71)
