"""微信管理 (manual chapter 8): the module's menus and actions, in the manual's order (`position=`):
微信接入设置 10, 消息模板设置 20, 自定义菜单 30, 自定义回复 40, 微信商户设置 50, 学生消息管理 60, 企业消息管理 70,
批量消息发送面板 80. 管理员绑定 (manual 1.5) is every back-office user's own page (accounts module)."""

from careers.core.permissions import registry

registry.module("wechat", "微信管理", "bi-wechat", order=50)

# Each area registers its menus below (one block per area, in position order).

# -- binding: 微信绑定用户 (the bound accounts in scope, 解除绑定) and 管理员绑定 (manual 1.5: every back-office
# account's own page, in the 管理员 group, no checkbox) ------------------------------------------------------------
from .binding.models import WechatBinding  # noqa: E402

registry.register_model(WechatBinding, "wechat", menu_label="微信绑定用户", url_name="wechat:wechatbinding_list",
                        actions=("delete",), icon="bi-link-45deg", position=90)
# shown with the account's other menus (an account without any keeps the "no menu" page; its 账户信息 links here too)
registry.register_role_menu("accounts", "wechat.binding.mine", "管理员绑定", "wechat:binding_mine",
                            visible=lambda user: user.is_superuser or bool(user.permissions), icon="bi-wechat",
                            position=100)
