"""Demo 一般资讯: ~50 articles in realistic Chinese across every column — 已发布, 草稿, 定时发布 (ahead), hidden,
with and without covers, with 排序 weights, attachments (real PDFs and a workbook), external links, photo items
with covers and a short real WebM video. Idempotent by (column, title); times relative to the seeding."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from ..categories.demo import college_column
from ..categories.models import Category
from . import demo_media
from .models import Article, ArticleAttachment, ArticleStatus, EditorImage

P = ArticleStatus.PUBLISHED
D = ArticleStatus.DRAFT
CENTRE = "学生就业指导中心"

# column slug, title, status, days from now (negative: past), sort weight, visible, cover?, department
ARTICLES = [
    ("news", "我校举办2026届毕业生秋季大型双选会，600余家单位提供岗位2万余个", P, -2, 10, True, True, CENTRE),
    ("news", "学校召开2026届毕业生就业工作推进会", P, -5, 0, True, True, "校办公室"),
    ("news", "就业指导中心走访长三角重点用人单位，拓展就业市场", P, -9, 0, True, False, CENTRE),
    ("news", "“职引未来”大学生就业服务季系列活动启动", P, -14, 5, True, True, CENTRE),
    ("news", "我校学子在全国大学生职业规划大赛中获佳绩", P, -20, 0, True, False, "团委"),
    ("news", "校领导带队赴西部地区开展访企拓岗促就业专项行动", P, -30, 0, True, False, CENTRE),
    ("news", "2025届毕业生去向落实率创新高（旧稿，已隐藏）", P, -200, 0, False, False, CENTRE),
    ("news", "2026届毕业生春季双选会筹备情况（草稿）", D, 0, 0, True, False, CENTRE),
    ("notice", "关于做好2026届毕业生就业协议书（三方协议）签订工作的通知", P, -3, 20, True, False, CENTRE),
    ("notice", "关于报到证改革后毕业生档案转递有关事项的通知", P, -6, 15, True, False, CENTRE),
    ("notice", "关于2026年大学生征兵工作的通知", P, -8, 0, True, False, "武装部"),
    ("notice", "关于组织开展2026年大学生志愿服务西部计划报名工作的通知", P, -11, 0, True, False, "团委"),
    ("notice", "关于举办2026届毕业生春季双选会的预通知", P, 3, 0, True, False, CENTRE),
    ("notice", "关于寒假期间就业指导中心值班安排的通知", P, 10, 0, True, False, CENTRE),
    ("notice", "关于开展毕业生就业状况核查的通知（草稿）", D, 0, 0, True, False, CENTRE),
    ("notice-employer", "某某科技有限公司2026届校园招聘简章", P, -4, 0, True, False, "用人单位"),
    ("notice-employer", "某市人才发展集团2026年公开招聘工作人员公告", P, -7, 0, True, False, "用人单位"),
    ("policy", "关于进一步做好高校毕业生等青年就业创业工作的通知（政策解读）", P, -15, 10, True, False, CENTRE),
    ("policy", "2026年中央机关及其直属机构考试录用公务员报考指南", P, -25, 0, True, False, CENTRE),
    ("policy", "高校毕业生到基层就业学费补偿和国家助学贷款代偿政策问答", P, -40, 0, True, False, CENTRE),
    ("policy", "应征入伍大学生学费资助与退役复学政策汇编", P, -45, 0, True, False, "武装部"),
    ("policy", "毕业生就业报到证取消后的手续办理指引", P, -60, 0, True, False, CENTRE),
    ("guidance", "考研还是就业？写给大三同学的一份决策清单", P, -3, 0, True, True, CENTRE),
    ("guidance", "如何写出一份让HR眼前一亮的简历", P, -12, 8, True, True, CENTRE),
    ("guidance", "公务员面试结构化题型与答题思路", P, -18, 0, True, False, CENTRE),
    ("guidance", "签订三方协议前必须看清的八个条款", P, -26, 0, True, False, CENTRE),
    ("guidance", "求职季防骗指南：警惕“培训贷”和虚假招聘", P, -33, 0, True, False, "保卫处"),
    ("guidance", "群面（无领导小组讨论）实战技巧（草稿）", D, 0, 0, True, False, CENTRE),
    ("help", "学生如何在线签订就业协议书", P, -50, 20, True, False, CENTRE),
    ("help", "用人单位注册与审核流程说明", P, -50, 10, True, False, CENTRE),
    ("help", "忘记密码怎么办", P, -50, 0, True, False, CENTRE),
    ("about", "中心简介", P, -300, 20, True, False, CENTRE),
    ("about", "联系我们", P, -300, 10, True, False, CENTRE),
    ("photos", "秋季双选会现场掠影", P, -2, 0, True, True, CENTRE),
    ("photos", "职业规划大赛决赛现场", P, -19, 0, True, True, "团委"),
    ("photos", "访企拓岗：走进制造业龙头企业", P, -29, 0, True, True, CENTRE),
    ("photos", "毕业典礼暨学位授予仪式（定时发布）", P, 5, 0, True, True, "校办公室"),
    ("videos", "2分钟了解学校就业服务平台", P, -10, 0, True, True, CENTRE),
    ("videos", "就业政策微课堂：报到证改革（待上传视频）", D, 0, 0, True, False, CENTRE),
    ("downloads", "毕业生就业推荐表（2026版）", P, -30, 10, True, False, CENTRE),
    ("downloads", "就业协议书解约申请表", P, -30, 0, True, False, CENTRE),
    ("downloads", "2026届毕业生生源信息核对模板", P, -20, 0, True, False, CENTRE),
    ("links", "国家大学生就业服务平台", P, -365, 30, True, False, ""),
    ("links", "中国公共招聘网", P, -365, 20, True, False, ""),
    ("links", "全国征兵网", P, -365, 10, True, False, ""),
    ("links", "西部计划官方网站（已隐藏）", P, -365, 0, False, False, ""),
    ("quality-report", "就业质量年度报告发布说明", P, -90, 0, True, False, CENTRE),
    ("quality-report-2024", "2024届毕业生就业质量年度报告", P, -400, 0, True, True, CENTRE),
    ("quality-report-2025", "2025届毕业生就业质量年度报告", P, -35, 0, True, True, CENTRE),
    ("other", "就业指导中心工作时间调整说明", P, -16, 0, True, False, CENTRE),
    ("archive", "2020年就业工作总结（归档）", P, -1500, 0, True, False, CENTRE),
]
LINKS = {"国家大学生就业服务平台": "https://www.ncss.cn/", "中国公共招聘网": "http://job.mohrss.gov.cn/",
         "全国征兵网": "https://www.gfbzb.gov.cn/", "西部计划官方网站（已隐藏）": "https://xibu.youth.cn/",
         "2024届毕业生就业质量年度报告": ""}
PDF_ATTACHMENTS = {
    "关于做好2026届毕业生就业协议书（三方协议）签订工作的通知": ["三方协议签订流程说明.pdf"],
    "关于报到证改革后毕业生档案转递有关事项的通知": ["档案转递地址填写说明.pdf", "常见问题解答.pdf"],
    "毕业生就业推荐表（2026版）": ["毕业生就业推荐表.pdf"],
    "就业协议书解约申请表": ["就业协议书解约申请表.pdf"],
    "2024届毕业生就业质量年度报告": ["2024届毕业生就业质量年度报告.pdf"],
    "2025届毕业生就业质量年度报告": ["2025届毕业生就业质量年度报告.pdf"],
}
XLSX_ATTACHMENTS = {"2026届毕业生生源信息核对模板": "生源信息核对模板.xlsx",
                    "关于2026年大学生征兵工作的通知": "征兵报名汇总表.xlsx"}


def body_of(title, department):
    return (f"<div>{title}。</div>"
            f"<h2>一、基本情况</h2><div>为深入贯彻落实国家关于高校毕业生就业工作的部署，{department or '学校'}"
            "结合我校实际，现将有关事项说明如下。</div>"
            "<h2>二、具体安排</h2><ul><li>各学院要高度重视，明确专人负责；</li><li>毕业生应按时关注通知，"
            "如实填写信息；</li><li>如有疑问，请在工作时间联系学生就业指导中心。</li></ul>"
            f"<blockquote>联系电话：027-8765 4321　办公地点：学生活动中心二楼</blockquote>")


def seed(rng, years):
    columns = {c.slug: c for c in Category.objects.all()}
    college = college_column()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for index, (slug, title, status, days, weight, visible, cover, department) in enumerate(ARTICLES):
        column = columns.get(slug)
        if column is None or Article.objects.filter(category=column, title=title).exists():
            continue
        when = now + datetime.timedelta(days=days, hours=9) if status == P else None
        article = Article(category=column, title=title, status=status, published_at=when, is_visible=visible,
                          sort_weight=weight, department=department, external_url=LINKS.get(title, ""),
                          summary=f"{title[:60]}。" if index % 3 else "",
                          body="" if column.kind == "link" else body_of(title, department),
                          view_count=0 if status == D or days > 0 else 30 + (index * 37) % 900)
        if cover or column.kind == "photo":
            article.cover.save(f"demo-cover-{index}.png", ContentFile(demo_media.cover_png(index)), save=False)
        if column.kind == "video" and status == P:
            article.media.save(f"demo-video-{index}.webm", ContentFile(demo_media.webm_video()), save=False)
        if index == 0:  # an image pasted into the body (an EditorImage, re-encoded like an upload)
            article.body += figure(index)
        article.save()
        for position, name in enumerate(PDF_ATTACHMENTS.get(title, []), start=1):
            attach(article, name, demo_media.pdf(name.rsplit(".", 1)[0], [title, body_text(department)]),
                   "application/pdf", position)
        if title in XLSX_ATTACHMENTS:
            data = demo_media.xlsx("名单", ["学号", "姓名", "学院", "专业", "联系电话"],
                                   [[f"2022{n:06d}", f"学生{n}", "示例学院", "示例专业", ""] for n in range(1, 21)])
            attach(article, XLSX_ATTACHMENTS[title], data,
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 9)
    if college is not None:
        for days, title in ((-4, f"{college.college.name}召开2026届毕业生就业动员会"),
                            (-12, f"{college.college.name}举办校友返校职业分享会")):
            if not Article.objects.filter(category=college, title=title).exists():
                Article.objects.create(category=college, title=title, status=P, department=college.name[:50],
                                       published_at=now + datetime.timedelta(days=days), body=body_of(title, ""))


def figure(seed):
    from careers.core.uploads import WEB, clean_image

    image = clean_image(ContentFile(demo_media.cover_png(seed + 7, (800, 450))), WEB)
    stored = EditorImage(width=image.width, height=image.height)
    stored.image.save(f"demo-editor-{seed}.{image.extension}", ContentFile(image.data), save=False)
    stored.save()
    return (f'<figure><img src="{stored.url}" width="{image.width}" height="{image.height}" alt="">'
            "<figcaption>双选会现场</figcaption></figure>")


def body_text(department):
    return f"本文件由{department or '学生就业指导中心'}发布，请各学院及毕业生认真阅读并按要求办理。"


def attach(article, name, data, content_type, ordering):
    attachment = ArticleAttachment(article=article, name=name, content_type=content_type, ordering=ordering * 10)
    attachment.file.save(f"demo-{article.pk}-{ordering}.{name.rsplit('.', 1)[-1]}", ContentFile(data), save=False)
    attachment.size = len(data)
    attachment.save()
