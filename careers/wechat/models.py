"""微信管理: re-exports every area's models (the app registry and `from careers.wechat.models import X`)."""

from .account.models import CallbackReceipt, MessageMode, WechatAccount  # noqa: F401
from .batches.models import BatchSend, BatchState  # noqa: F401
from .binding.models import BindingSource, QrLogin, QrPurpose, QrStatus, WechatBinding  # noqa: F401
from .menus.models import MenuItem, MenuKind  # noqa: F401
from .pay.models import MerchantSettings, PayNotification, PayState, PayTransaction, TradeType  # noqa: F401
from .reminders.models import ReminderPreference  # noqa: F401
from .replies.models import KeywordReply, MatchMode, ReplyArticle, ReplySettings, ReplyType  # noqa: F401
from .template_messages.models import SendState, TemplateSend, TemplateSetting  # noqa: F401
