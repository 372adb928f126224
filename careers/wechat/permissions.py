"""微信管理 (manual chapter 8): the module's menus and actions, in the manual's order (`position=`):
微信接入设置 10, 消息模板设置 20, 自定义菜单 30, 自定义回复 40, 微信商户设置 50, 学生消息管理 60, 企业消息管理 70,
批量消息发送面板 80. 管理员绑定 (manual 1.5) is every back-office user's own page (accounts module)."""

from careers.core.permissions import registry

registry.module("wechat", "微信管理", "bi-wechat", order=50)

# Each area registers its menus below (one block per area, in position order).

# -- 批量消息发送面板 (batches area) -------------------------------------------------------------------------------
from .batches.models import BatchSend  # noqa: E402

registry.register_model(BatchSend, "wechat", menu_label="批量消息发送面板", url_name="wechat:batchsend_list",
                        actions=("add", "change"), icon="bi-send", position=80)
