"""Demo 轮播图: 首页轮播图 (home) and 招聘会轮播图 (fairs), slides drawn with Pillow (gradient banners with Chinese
text in the installed WenQuanYi font when there is one), linking to an article, a talk, a fair, a URL and
nothing; one expired, one not yet shown, one hidden; a third carousel 停用. Idempotent by title."""

import datetime
import io
import os

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from careers.core.uploads import BANNER, clean_image
from careers.events.models import Fair, Talk

from ..articles.models import Article
from .models import Carousel, Slide

FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CAROUSELS = [("home", "首页轮播图", True), ("fairs", "招聘会轮播图", True), ("campus-old", "校园风光（已停用）", False)]

# carousel, title, subtitle, colours, link kind, url, days active from / until (None = open), visible
SLIDES = [
    ("home", "2027届毕业生秋季大型双选会", "千家单位 · 万个岗位 · 现场面试", ((13, 74, 143), (80, 160, 220)), "fair", "",
     None, None, True),
    ("home", "名企宣讲季火热进行中", "每周更新 · 扫码报名", ((120, 20, 40), (200, 16, 46)), "talk", "", None, None, True),
    ("home", "就业政策早知道", "基层就业 · 参军入伍 · 升学深造", ((20, 100, 80), (60, 170, 120)), "article", "", None, None,
     True),
    ("home", "职位搜索：找到适合你的工作", "按专业、地区、薪资筛选", ((60, 40, 120), (120, 90, 200)), "url", "/jobs/", None,
     None, True),
    ("home", "国家大学生就业服务平台", "24365 校园招聘服务", ((30, 30, 30), (90, 90, 110)), "url", "https://www.ncss.cn/",
     None, None, True),
    ("home", "春季招聘会回顾（已过期）", "感谢参与", ((90, 90, 90), (150, 150, 150)), "none", "", -60, -30, True),
    ("home", "寒假实习专场预告（未开始）", "敬请期待", ((200, 120, 20), (240, 180, 60)), "none", "", 20, 50, True),
    ("home", "旧版横幅（已隐藏）", "", ((40, 60, 80), (80, 100, 120)), "none", "", None, None, False),
    ("fairs", "招聘会参会指南", "提前准备简历 · 着装得体 · 准时入场", ((13, 74, 143), (0, 120, 200)), "none", "", None, None,
     True),
    ("fairs", "用人单位展位预订", "登录单位中心在线申请", ((180, 60, 20), (230, 120, 40)), "url", "/company/", None, None,
     True),
]


def font(size):
    for path in FONTS:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def banner(title, subtitle, colours, size=(1920, 600)):
    """A left-to-right gradient with the title and subtitle: PNG bytes."""
    width, height = size
    (r1, g1, b1), (r2, g2, b2) = colours
    gradient = Image.new("RGB", (width, 1))
    for x in range(width):
        t = x / (width - 1)
        gradient.putpixel((x, 0), (int(r1 + (r2 - r1) * t), int(g1 + (g2 - g1) * t), int(b1 + (b2 - b1) * t)))
    image = gradient.resize(size)
    draw = ImageDraw.Draw(image)
    for n in range(6):  # soft circles for a little depth
        x = width - 300 - n * 140
        draw.ellipse((x, -120 + n * 60, x + 420, 300 + n * 60), outline=(255, 255, 255), width=2)
    draw.text((140, 200), title, font=font(84), fill=(255, 255, 255))
    if subtitle:
        draw.text((144, 330), subtitle, font=font(44), fill=(235, 240, 250))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def seed(rng, years):
    carousels = {code: Carousel.objects.get_or_create(code=code, defaults={"name": name, "is_active": active})[0]
                 for code, name, active in CAROUSELS}
    targets = {"article": Article.objects.public().order_by("-published_at").first(),
               "talk": Talk.objects.upcoming().order_by("starts_at").first() or Talk.objects.published().first(),
               "fair": Fair.objects.public().order_by("-starts_at").first()}
    now = timezone.now()
    for position, (code, title, subtitle, colours, kind, url, start, until, visible) in enumerate(SLIDES, start=1):
        if Slide.objects.filter(carousel=carousels[code], title=title).exists():
            continue
        linked = targets.get(kind)
        if kind in targets and linked is None:
            continue  # that step's demo data is missing: added on a later run
        clean = clean_image(io.BytesIO(banner(title, subtitle, colours)), BANNER)
        stem = f"demo-{code}-{position}"
        Slide.objects.create(
            carousel=carousels[code], title=title, link_kind=kind, url=url,
            article=linked if kind == "article" else None, talk=linked if kind == "talk" else None,
            fair=linked if kind == "fair" else None, ordering=position * 10,
            active_from=now + datetime.timedelta(days=start) if start is not None else None,
            active_until=now + datetime.timedelta(days=until) if until is not None else None, is_visible=visible,
            image=ContentFile(clean.data, name=f"{stem}.{clean.extension}"),
            image_small=ContentFile(clean.thumbnail, name=f"{stem}-s.{clean.extension}"))
