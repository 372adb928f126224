"""提醒设置: the student's own reminder choices (six switches)."""

from careers.core.forms import BaseModelForm

from .models import ReminderPreference
from .prefs import FIELDS

HELP = {
    "career_events": "报名的就业活动举行前一天提醒你。",
    "talks": "报名的宣讲会举行前一天提醒你。",
    "fairs": "报名的招聘会举行前一天提醒你。",
    "daily_talks": "每天早上发送当天全部宣讲会的时间、地点和举办单位（当天没有宣讲会则不发送）。",
    "job_matches": "学校根据你的简历推荐新职位时，同时发送到微信（关闭后仍可在站内消息和“职位推荐”页面查看）。",
    "application_updates": "用人单位邀请面试、录用或认为不合适时，同时发送到微信（关闭后仍会收到站内消息）。",
}

# the page's groups: (title, note, fields)
GROUPS = (
    ("活动前一天提醒", "仅提醒你已报名的活动。关闭后该类活动不再发送提醒。",
     ("career_events", "talks", "fairs")),
    ("每日提醒", "", ("daily_talks",)),
    ("微信推送", "关闭后仅不再发送到微信，站内消息照常保留。", ("job_matches", "application_updates")),
)


class ReminderPreferenceForm(BaseModelForm):
    class Meta:
        model = ReminderPreference
        fields = FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.help_text = HELP[name]
            field.widget.attrs.update({"class": "form-check-input ms-0 mt-1 flex-shrink-0 fs-5", "role": "switch"})

    def groups(self):
        return [(title, note, [self[name] for name in names]) for title, note, names in GROUPS]

    def changes(self, before):
        """{label: [old, new]} of the switches that changed, for the log."""
        word = {True: "开启", False: "关闭"}
        return {str(self.fields[name].label): [word[before[name]], word[self.cleaned_data[name]]]
                for name in FIELDS if before[name] != self.cleaned_data[name]}
