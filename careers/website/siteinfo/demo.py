"""Demo 网站参数 (a realistic careers centre, no logo file) and 网站信息 blocks (中心简介, 联系我们, 办事指南,
首页公告, plus a hidden draft block). Idempotent: the settings row is created once, blocks by code."""

from .models import InfoBlock, SiteSettings

SETTINGS = {
    "site_name": "XX大学学生就业指导中心", "short_name": "XX大学就业网", "school_name": "XX大学",
    "primary_color": "#0d4a8f", "accent_color": "#c8102e",
    "description": "XX大学学生就业指导中心官方网站：招聘信息、宣讲会、招聘会、就业政策与办事指南。",
    "contact_address": "XX省XX市大学路 1 号 学生活动中心 3 楼", "contact_phone": "020-12345678",
    "contact_email": "jiuye@example.edu.cn", "office_hours": "周一至周五 8:30–12:00，14:30–17:30（节假日除外）",
    "footer_text": "主办：XX大学学生就业指导中心\n地址：XX省XX市大学路 1 号", "icp_number": "粤ICP备12345678号-1",
    "police_number": "粤公网安备 44010602000001号",
}

BLOCKS = [
    ("about", "中心简介", "<p>XX大学学生就业指导中心负责全校毕业生就业指导、市场开拓、就业手续办理和就业数据统计工作，"
     "为学生提供职业生涯规划、求职技能培训和个性化咨询服务。</p><p>中心下设就业指导科、市场服务科和就业事务科。</p>", True),
    ("contact", "联系我们", "<p>地址：XX省XX市大学路 1 号 学生活动中心 3 楼</p><p>电话：020-12345678</p>"
     "<p>邮箱：<a href=\"mailto:jiuye@example.edu.cn\">jiuye@example.edu.cn</a></p>", True),
    ("guide", "办事指南", "<h4>就业协议书</h4><ol><li>在学生中心提交申请</li><li>学院审核</li><li>到中心领取协议书</li></ol>"
     "<h4>报到证改派</h4><p>携带原报到证与接收函到中心办理。</p>", True),
    ("home-notice", "首页公告", "<p><strong>2027届毕业生秋季大型双选会</strong>将于 11 月在体育馆举行，欢迎同学们参加。</p>",
     True),
    ("draft-note", "暂存说明（未显示）", "<p>此信息尚未启用。</p>", False),
]


def seed(rng, years):
    if not SiteSettings.objects.filter(pk=1).exists():
        SiteSettings.objects.create(pk=1, **SETTINGS)
    for code, title, body, visible in BLOCKS:
        InfoBlock.objects.get_or_create(code=code, defaults={"title": title, "body": body, "is_visible": visible})
