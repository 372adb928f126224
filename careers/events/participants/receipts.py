"""参会回执: what the unit prints, signs, stamps and brings (manual 4.6.1: 申请表说明 shows on it).

`receipt_context(participation)` feeds both the HTML page and the PDF, so they always agree.
The PDF uses reportlab's built-in CID font STSong-Light (Adobe-GB1), which needs no font file.
"""

import io

from django.utils import timezone

from careers.core.pdfdraw import FONT, cjk_font as _font, paragraph_text as _text

from ..fairs import fees
from .models import Booth


def receipt_context(participation):
    fair = participation.fair
    attendees = participation.attendees or []
    lines = fees.fee_lines(fair, participation.booths_requested, len(attendees))
    return {
        "participation": participation,
        "fair": fair,
        "employer": participation.employer,
        "attendees": attendees,
        "jobs": [entry.job for entry in participation.participant_jobs.select_related("job")],
        "booths": list(Booth.objects.filter(participation=participation).values_list("code", flat=True)),
        "fee_lines": lines,
        "total": fees.amount_due(fair, participation.booths_requested, len(attendees)),
        "printed_at": timezone.localtime(),
    }


def receipt_pdf(participation):
    """The receipt as PDF bytes (A4)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    _font()
    c = receipt_context(participation)
    fair, employer = c["fair"], c["employer"]
    title = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=22, alignment=1, spaceAfter=6, wordWrap="CJK")
    head = ParagraphStyle("head", fontName=FONT, fontSize=11, leading=16, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=14, wordWrap="CJK")  # wrap between any two 汉字

    def p(text):
        return Paragraph(_text(text), body)

    def table(rows, widths, header=True):
        t = Table([[p(cell) for cell in row] for row in rows], colWidths=widths, repeatRows=1 if header else 0)
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
        t.setStyle(TableStyle(style))
        return t

    starts, ends = timezone.localtime(fair.starts_at), timezone.localtime(fair.ends_at)
    story = [
        Paragraph(_text(f"{fair.title} 参会回执"), title),
        table([
            ["参会单位", employer.name, "统一社会信用代码", employer.credit_code],
            ["举办时间", f"{starts:%Y-%m-%d %H:%M} 至 {ends:%H:%M}", "举办地点",
             " ".join(filter(None, [str(fair.venue or ""), fair.place]))],
            ["联系人", participation.contact_person, "联系电话", participation.contact_phone],
            ["申请展位数", participation.booths_requested, "展位号", "、".join(c["booths"]) or "待分配"],
            ["确认状态", participation.get_status_display(), "申请时间",
             f"{timezone.localtime(participation.created_at):%Y-%m-%d %H:%M}"],
        ], [28 * mm, 62 * mm, 32 * mm, 58 * mm], header=False),
        Paragraph("参会人员", head),
        table([["序号", "姓名", "手机号", "职务"]] + [
            [i, a.get("name"), a.get("phone"), a.get("position")] for i, a in enumerate(c["attendees"], start=1)
        ], [15 * mm, 45 * mm, 50 * mm, 70 * mm]),
    ]
    if c["jobs"]:
        story += [Paragraph("招聘职位", head), table([["职位名称", "招聘人数", "学历要求", "月薪"]] + [
            [job.title, job.openings, job.education.name if job.education_id else "不限", job.salary_display]
            for job in c["jobs"]], [70 * mm, 25 * mm, 35 * mm, 50 * mm])]
    if c["fee_lines"]:
        story += [Paragraph("参会费用", head), table([["费用名称", "单价（元）", "数量", "小计（元）"]] + [
            [name, price, quantity, subtotal] for name, price, quantity, subtotal in c["fee_lines"]
        ] + [["合计", "", "", c["total"]]], [70 * mm, 35 * mm, 25 * mm, 50 * mm])]
    if participation.invoice_title:
        story += [Paragraph("发票信息", head), table([
            ["发票抬头", participation.invoice_title, "纳税人识别号", participation.invoice_tax_number],
            ["接收邮箱", participation.invoice_email, "备注", participation.invoice_note],
        ], [28 * mm, 62 * mm, 32 * mm, 58 * mm], header=False)]
    if fair.receipt_notes:
        story += [Paragraph("申请表说明", head), p(fair.receipt_notes)]
    story += [Spacer(1, 8 * mm), table([
        ["单位负责人签字：\n\n\n", "单位盖章：\n\n\n\n                    年    月    日"]],
        [90 * mm, 90 * mm], header=False),
        Spacer(1, 3 * mm), p(f"打印时间：{c['printed_at']:%Y-%m-%d %H:%M}")]

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=f"{fair.title} 参会回执", author=employer.name)
    doc.build(story)
    return out.getvalue()
