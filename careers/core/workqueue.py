"""待办事项: what waits on the signed-in admin, counted within their data scope, each a link to the list that
shows exactly those rows.

Each app registers its work items in its own registry.py (core names no domain model). An item is shown to an
account holding every permission it names; its `count(user)` must count the rows the linked list shows that
user (the same scoping, the same filter as `query`), in one COUNT query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .registry import Registry

# The manual's menu groups, in the order the card shows them; a group not named here comes after these.
GROUP_ORDER = ("学生信息管理", "就业信息管理", "招聘服务管理", "宣讲会与招聘会", "系统")


@dataclass(frozen=True)
class WorkItem:
    label: str  # what waits, e.g. 生源信息待审核
    group: str  # the manual's menu group, e.g. 学生信息管理
    permissions: tuple[str, ...]  # every code the account must hold (the list's view and the acting one)
    url_name: str
    count: Callable  # (user) -> int: the rows the link shows this user
    query: str = ""  # the querystring that filters the list to exactly the counted rows
    icon: str = "bi-inbox"

    def visible_to(self, user):
        return all(user.has_permission(code) for code in self.permissions)

    @property
    def url(self):
        return f"{reverse(self.url_name)}?{self.query}" if self.query else reverse(self.url_name)


WORK_ITEMS: Registry[WorkItem] = Registry("work item")


def work_item(key, label, *, group, permission, url_name, count, query="", icon="bi-inbox"):
    """Register a work item; `permission` is a code or a tuple of codes (all required)."""
    permissions = (permission,) if isinstance(permission, str) else tuple(permission)
    return WORK_ITEMS.register(key, WorkItem(label, group, permissions, url_name, count, query, icon))


@dataclass(frozen=True)
class PendingWork:
    key: str
    label: str
    group: str
    url: str
    count: int
    icon: str


def pending_work(request):
    """The work items waiting on this request's user (count > 0): one COUNT query per item they may see."""
    user = request.user
    if not (user.is_authenticated and user.is_backoffice):
        return []
    found = []
    for key, item in WORK_ITEMS.items():
        if not item.visible_to(user):
            continue
        count = item.count(user)
        if count > 0:
            found.append(PendingWork(key, item.label, item.group, item.url, count, item.icon))
    return found


def by_group(pending):
    """[(group, [PendingWork, ...])] in GROUP_ORDER, registration order inside a group."""
    groups = {}
    for work in pending:
        groups.setdefault(work.group, []).append(work)
    rank = {group: index for index, group in enumerate(GROUP_ORDER)}
    return sorted(groups.items(), key=lambda entry: rank.get(entry[0], len(rank)))


def workqueue_card(request):
    """The 待办事项 card of the back-office home (registered by core, first on the board)."""
    if not request.user.is_backoffice:
        return None
    pending = pending_work(request)
    return {"work_groups": by_group(pending), "work_total": sum(work.count for work in pending)}


def register_core_items():
    """Core's own work item: the account's imports and exports that ended lately (any back-office account)."""
    from .jobs import finished_recently

    work_item("core.jobs_finished", "导入/导出任务已结束", group="系统", permission=(), url_name="core:job_list",
              query="finished=recent", count=lambda user: finished_recently(user).count(), icon="bi-hourglass-bottom")
