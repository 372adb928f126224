"""Demo 侧边栏: links for every audience and several 事务分类, one hidden, external ones. Idempotent by title."""

from .models import SidebarLink

# title, url, audience, topic, icon, ordering, visible
LINKS = [
    ("职位搜索", "/jobs/", "all", "", "bi-search", 10, True),
    ("宣讲会", "/talks/", "all", "", "bi-megaphone", 20, True),
    ("招聘会", "/fairs/", "all", "", "bi-shop", 30, True),
    ("就业日历", "/calendar/", "all", "", "bi-calendar3", 40, True),
    ("学生登录", "/login/", "visitor", "求职指导", "bi-box-arrow-in-right", 50, True),
    ("用人单位注册", "/company/register/", "visitor", "单位招聘", "bi-building-add", 60, True),
    ("我的投递", "/me/applications/", "student", "求职指导", "bi-send", 70, True),
    ("就业协议书办理", "/me/agreements/", "student", "就业手续", "bi-file-earmark-text", 80, True),
    ("派遣信息", "/me/dispatch/", "student", "就业手续", "bi-truck", 90, True),
    ("预约咨询", "/me/counseling/", "student", "求职指导", "bi-chat-dots", 100, True),
    ("发布职位", "/company/jobs/", "employer", "单位招聘", "bi-briefcase", 110, True),
    ("预约宣讲会", "/company/talks/", "employer", "单位招聘", "bi-calendar-plus", 120, True),
    ("管理后台", "/", "staff", "", "bi-speedometer2", 130, True),
    ("国家大学生就业服务平台", "https://www.ncss.cn/", "all", "友情链接", "bi-globe", 140, True),
    ("中国公共招聘网", "http://job.mohrss.gov.cn/", "all", "友情链接", "bi-globe", 150, True),
    ("旧版就业网（已停用）", "/old/", "all", "", "bi-archive", 160, False),
]


def seed(rng, years):
    for title, url, audience, topic, icon, ordering, visible in LINKS:
        SidebarLink.objects.get_or_create(title=title, defaults={
            "url": url, "audience": audience, "topic": topic, "icon": icon, "ordering": ordering,
            "is_visible": visible})
