"""The notification kinds the system sends (core `Message.kind`), and what a WeChat template for each looks like.

Every sender passes `kind=` to core.messaging.send_message(s); 消息模板设置 maps each kind to a template the school
added on the WeChat platform (manual 8.2: industry 教育/院校 and IT科技/互联网|电子商务). A message with no kind, or
whose kind has no enabled template, goes out with the 通用通知 template (kind "general").

Placeholders a field mapping may use (render.py fills them, truncated to WeChat's limits):
{subject} {body} {recipient} {time} {date} {link} {sender} {site}
"""

from dataclasses import dataclass, field

EDUCATION = "教育/院校"
IT = "IT科技/互联网|电子商务"

PLACEHOLDERS = {
    "subject": "消息标题",
    "body": "消息内容",
    "recipient": "接收人姓名",
    "time": "发送时间（年-月-日 时:分）",
    "date": "发送日期（年-月-日）",
    "link": "详情链接（本站绝对地址）",
    "sender": "发送人（系统发送时为“就业指导中心”）",
    "site": "网站名称",
}

GENERAL = "general"
REVIEW = "review_result"
REGISTRATION = "registration"
EVENT_REMINDER = "event_reminder"
DAILY_TALKS = "daily_talks"
APPOINTMENT = "appointment"
JOB_MATCH = "job_match"
APPLICATION_STATUS = "application_status"
BATCH = "batch"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    industry: str
    template_title: str  # the title to look for in WeChat's template library
    fields: dict = field(default_factory=dict)  # the default mapping: WeChat field → text with placeholders
    note: str = ""


def _fields(first, *keywords, remark="点击查看详情。"):
    data = {"first": first}
    for number, value in enumerate(keywords, start=1):
        data[f"keyword{number}"] = value
    data["remark"] = remark
    return data


KINDS = {kind.key: kind for kind in (
    Kind(REVIEW, "审核结果", EDUCATION, "审核结果通知",
         _fields("{subject}", "{subject}", "{body}", "{time}"),
         "生源、派遣、就业信息，单位资料、职位、协议书申请的审核结果"),
    Kind(REGISTRATION, "报名成功", EDUCATION, "报名成功通知",
         _fields("{subject}", "{recipient}", "{body}", "{time}"),
         "学生报名宣讲会、招聘会、就业活动后的确认"),
    Kind(EVENT_REMINDER, "活动提醒", EDUCATION, "活动提醒",
         _fields("{subject}", "{subject}", "{body}", remark="请准时参加。点击查看详情。"),
         "就业活动、宣讲会、招聘会的前一日提醒，活动取消通知"),
    Kind(DAILY_TALKS, "每日宣讲会", EDUCATION, "宣讲会提醒",
         _fields("{subject}", "{date}", "{body}"),
         "每日宣讲会提醒（学生自选）"),
    Kind(APPOINTMENT, "预约确认", EDUCATION, "预约成功通知",
         _fields("{subject}", "{recipient}", "{body}"),
         "咨询预约的确认、取消、完成"),
    Kind(JOB_MATCH, "职位推荐", IT, "职位推荐通知",
         _fields("{subject}", "{body}", "{date}"),
         "每晚职位智能匹配的推荐"),
    Kind(APPLICATION_STATUS, "投递状态", IT, "简历状态更新通知",
         _fields("{subject}", "{subject}", "{body}", "{time}"),
         "简历投递状态变化（学生）、收到新的简历（单位）"),
    Kind(BATCH, "批量通知", EDUCATION, "通知公告",
         _fields("{subject}", "{sender}", "{body}", "{time}"),
         "批量消息发送面板和列表勾选发送的消息"),
    Kind(GENERAL, "通用通知", EDUCATION, "通知公告",
         _fields("{subject}", "{sender}", "{body}", "{time}"),
         "没有类型或其类型未设置模板的消息"),
)}


def label(key):
    kind = KINDS.get(key or GENERAL)
    return kind.label if kind else key


def choices():
    return [(kind.key, kind.label) for kind in KINDS.values()]
