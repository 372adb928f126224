"""宣讲会与招聘会's 待办事项 (core.workqueue): each count is the rows its link's list shows the account."""

from careers.core.workqueue import work_item

from .models import Order, Participation, ParticipationStatus, Talk, TalkStatus
from .payments.filtersets import proofs_to_confirm

GROUP = "宣讲会与招聘会"


def pending_talks(user):
    return Talk.objects.restrict(user, "view").filter(status=TalkStatus.PENDING).count()


def pending_participations(user):
    return Participation.objects.restrict(user, "view").filter(status=ParticipationStatus.PENDING).count()


def payments_to_confirm(user):
    return proofs_to_confirm(Order.objects.restrict(user, "view")).count()


work_item("events.talk_review", "宣讲会申请待审核", group=GROUP, permission=("events.talk.view", "events.talk.review"),
          url_name="events:talk_list", query=f"status={TalkStatus.PENDING}", count=pending_talks,
          icon="bi-megaphone")
work_item("events.participation_review", "招聘会参会单位待确认", group=GROUP,
          permission=("events.participation.view", "events.participation.review"),
          url_name="events:participant_list", query=f"status={ParticipationStatus.PENDING}",
          count=pending_participations, icon="bi-people")
work_item("events.payment_confirm", "待确认的缴费", group=GROUP, permission=("events.order.view", "events.order.confirm"),
          url_name="events:order_list", query="proof=waiting", count=payments_to_confirm, icon="bi-cash-coin")

# -- 项目活动 (programmes) --------------------------------------------------------------------------
from .models import EntryStatus, ProgrammeEntry  # noqa: E402


def pending_programme_entries(user):
    """Entries waiting for review whose captain is in the account's majors (the entries list's rows)."""
    return ProgrammeEntry.objects.restrict(user, "view").filter(status=EntryStatus.PENDING).count()


work_item("events.programme_entry_review", "项目活动报名待审核", group="学生服务",
          permission=("events.programmeentry.view", "events.programmeentry.review"),
          url_name="events:programmeentry_list", query=f"status={EntryStatus.PENDING}",
          count=pending_programme_entries, icon="bi-trophy")
