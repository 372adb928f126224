"""微信管理 (manual chapter 8): the module's menus and actions, in the manual's order (`position=`):
微信接入设置 10, 消息模板设置 20, 自定义菜单 30, 自定义回复 40, 微信商户设置 50, 学生消息管理 60, 企业消息管理 70,
批量消息发送面板 80. 管理员绑定 (manual 1.5) is every back-office user's own page (accounts module)."""

from careers.core.permissions import registry

registry.module("wechat", "微信管理", "bi-wechat", order=50)

# Each area registers its menus below (one block per area, in position order).

# -- 微信接入设置 (account area) -----------------------------------------------------------------------------
from .account.models import WechatAccount  # noqa: E402

registry.register_model(WechatAccount, "wechat", menu_label="微信接入设置", url_name="wechat:wechataccount_edit",
                        actions=("change",), icon="bi-plug", position=10)
# -- 自定义菜单 (menus area, position 30) and 自定义回复 (replies area, position 40) --------------------------------
from .menus.models import MenuItem  # noqa: E402
from .replies.models import KeywordReply  # noqa: E402

registry.register_model(MenuItem, "wechat", menu_label="微信自定义菜单", url_name="wechat:menuitem_list",
                        actions=("add", "change", "delete"), icon="bi-menu-button-wide", position=30)
registry.register_model(KeywordReply, "wechat", menu_label="自定义回复", url_name="wechat:replies",
                        actions=("add", "change", "delete"), icon="bi-chat-left-text", position=40)
registry.register_action("wechat", "wechat.replysettings.change", "自定义回复：修改被关注自动回复和默认回复")
# -- pay: 微信商户设置 (50) ------------------------------------------------------------------------------
from .pay.models import MerchantSettings  # noqa: E402

registry.register_model(MerchantSettings, "wechat", menu_label="微信商户设置", url_name="wechat:merchantsettings_edit",
                        actions=("change",), icon="bi-credit-card", position=50)
# -- template messages (消息模板设置 20, 学生消息管理 60, 企业消息管理 70) -------------------------------------
from .template_messages.models import TemplateSetting  # noqa: E402

registry.register_model(TemplateSetting, "wechat", menu_label="消息模板设置", url_name="wechat:templatesetting_list",
                        actions=("change",), icon="bi-card-text", position=20)
registry.register_menu("wechat", "wechat.studentmessage.view", "学生消息管理", "wechat:student_messages",
                       icon="bi-chat-left-text", position=60)
registry.register_action("wechat", "wechat.studentmessage.resend", "学生消息管理：编辑重发")
registry.register_menu("wechat", "wechat.employermessage.view", "企业消息管理", "wechat:employer_messages",
                       icon="bi-chat-square-text", position=70)
registry.register_action("wechat", "wechat.employermessage.resend", "企业消息管理：编辑重发")
# -- binding: 微信绑定用户 (the bound accounts in scope, 解除绑定) and 管理员绑定 (manual 1.5: every back-office
# account's own page, in the 管理员 group, no checkbox) ------------------------------------------------------------
from .binding.models import WechatBinding  # noqa: E402

registry.register_model(WechatBinding, "wechat", menu_label="微信绑定用户", url_name="wechat:wechatbinding_list",
                        actions=("delete",), icon="bi-link-45deg", position=90)
# shown with the account's other menus (an account without any keeps the "no menu" page; its 账户信息 links here too)
registry.register_role_menu("accounts", "wechat.binding.mine", "管理员绑定", "wechat:binding_mine",
                            visible=lambda user: user.is_superuser or bool(user.permissions), icon="bi-wechat",
                            position=100)
# -- 批量消息发送面板 (batches area) -------------------------------------------------------------------------------
from .batches.models import BatchSend  # noqa: E402

registry.register_model(BatchSend, "wechat", menu_label="批量消息发送面板", url_name="wechat:batchsend_list",
                        actions=("add", "change"), icon="bi-send", position=80)
