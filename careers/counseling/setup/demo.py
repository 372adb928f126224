"""Demo 咨询设置, topics and advisers (a demo step with the context: the adviser login 50001 is printed with the
other demo accounts and is the demo walk's `adviser` role). Idempotent. Variants: advisers with topics and one
taking every topic, an inactive adviser, an inactive topic."""

GUIDE = ("<p>1. 选择咨询主题和咨询师，在咨询师开放的时间中选择一个时段，简要描述您的问题；</p>"
         "<p>2. 咨询师确认后您会收到站内消息；如需取消，请在咨询开始 24 小时前在“我的预约”中取消；</p>"
         "<p>3. 咨询结束后请为本次咨询评价，帮助我们改进服务。</p>")
TOPICS = [("求职择业", "求职方向、岗位选择、签约与违约"), ("简历与面试", "简历修改、模拟面试"),
          ("升学深造", "考研、保研、出国留学"), ("职业规划", "职业测评解读、生涯规划"), ("创业指导", "创业政策与项目"),
          ("心理调适", "求职压力与情绪（暂停，转心理中心）")]


def run(ctx):
    from careers.accounts.models import User
    from careers.core.demo import DEMO_PASSWORD

    from .models import Adviser, CounselingSettings, Topic

    settings = CounselingSettings.current()
    if not settings.guide:
        settings.enabled, settings.guide, settings.cancel_hours = True, GUIDE, 24
        settings.save()
    topics = {}
    for position, (name, description) in enumerate(TOPICS, start=1):
        topics[name], _ = Topic.objects.get_or_create(name=name, defaults={
            "description": description, "position": position, "is_active": name != "心理调适"})

    def staff(username, name, office):
        user, created = User.objects.get_or_create(username=username, defaults={
            "name": name, "kind": User.Kind.COUNSELOR, "office": office, "title": "咨询师"})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.must_change_password = False
            user.save()
        return user

    lead = staff("50001", "钱咨询师", "就业指导中心")
    ctx.accounts.append(lead)  # printed with the other demo logins: the adviser's 我的咨询
    rows = [(lead, "高级职业指导师", "就业指导中心 201 室", ["求职择业", "简历与面试", "职业规划"], True),
            (staff("50002", "孙老师", "就业指导中心"), "职业生涯规划师", "就业指导中心 203 室", ["升学深造", "职业规划"], False),
            (staff("50003", "周老师", "信息工程学院"), "辅导员", "信息楼 105 室", [], True)]
    for user, title, location, names, active in rows:
        adviser, created = Adviser.objects.get_or_create(user=user, defaults={
            "title": title, "location": location, "is_active": active,
            "intro": f"{user.name}，{title}，从事大学生就业指导工作多年。"})
        if created and names:
            adviser.topics.set([topics[n] for n in names])
