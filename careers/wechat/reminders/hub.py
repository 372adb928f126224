"""微信提醒 on the student hub (/me/): which reminders are on and whether WeChat is bound (one query)."""

from django.contrib.auth import get_user_model

from .models import ReminderPreference
from .prefs import FIELDS, default


def reminders_card(request):
    values = (get_user_model().objects.filter(pk=request.user.pk)
              .values(*[f"reminder_preference__{name}" for name in FIELDS], "reminder_preference__pk",
                      "wechat_binding__pk", "wechat_binding__subscribed").first())
    if values is None:
        return None
    saved = values["reminder_preference__pk"] is not None
    on = [str(ReminderPreference._meta.get_field(name).verbose_name).removesuffix("提醒").removesuffix("推送")
          for name in FIELDS if (values[f"reminder_preference__{name}"] if saved else default(name))]
    return {"on": on, "bound": values["wechat_binding__pk"] is not None,
            "subscribed": bool(values["wechat_binding__subscribed"])}
