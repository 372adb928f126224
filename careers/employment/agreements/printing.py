"""The printed 协议书 (one page per student, in the agreement layout) and the 《申请表》 of an application.

`agreement_context` / `application_context` feed both the HTML print view and the PDF, so they always agree.
PDFs are drawn on a fixed grid (careers.core.pdfdraw.FormSheet): 2,000 forms take seconds, not minutes.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils import timezone

from careers.codes.regions import region_path
from careers.core.pdfdraw import render_pages

from .models import AgreementApplication

RELATED = ("student__major__college", "student__major__education_level", "student__ethnicity",
           "student__political_status", "student__origin_region__parent__parent", "number")

TERMS = ("一、甲方如实介绍自身情况，在规定时间内到乙方报到；乙方如实介绍单位情况，按约定接收甲方；"
         "丙方审核甲方的毕业资格并按规定办理就业手续。\n"
         "二、本协议经甲、乙、丙三方签字盖章后生效，任何一方不得擅自解除；确需解除的，应征得其他两方同意。\n"
         "三、本协议一式四份，甲、乙、丙三方及乙方上级主管部门各执一份。")


def school_name():
    return getattr(settings, "SCHOOL_NAME", "") or "本校"


def student_rows(student):
    """(label, value) pairs of the student's part of the agreement (甲方)."""
    major = student.major
    return [
        ("姓名", student.name), ("性别", student.get_gender_display()),
        ("学号", student.student_number), ("身份证号", student.id_number),
        ("民族", student.ethnicity.name if student.ethnicity_id else ""),
        ("政治面貌", student.political_status.name if student.political_status_id else ""),
        ("学历", major.education_level.name if major.education_level_id else ""),
        ("毕业年份", f"{student.graduation_year} 年"),
        ("院系", major.college.name), ("专业", major.name),
        ("生源地", region_path(student.origin_region) if student.origin_region_id else ""),
        ("联系电话", student.phone),
    ]


def agreement_context(application):
    return {"application": application, "student": application.student, "school": school_name(),
            "rows": student_rows(application.student), "number": application.number.number
            if application.number_id else "", "batch_label": application.batch_label,
            "employer_rows": ["单位名称", "统一社会信用代码", "单位性质", "单位所在地", "单位地址", "联系人",
                              "联系电话", "档案转寄单位"],
            "terms": TERMS.split("\n"), "printed_at": timezone.localtime()}


def blank_context(student=None):
    """An agreement without a number (院系登记 mode: the school prints forms for the colleges), with the
    student's data or blank."""
    rows = student_rows(student) if student is not None else [
        (label, "") for label in ("姓名", "性别", "学号", "身份证号", "民族", "政治面貌", "学历", "毕业年份", "院系",
                                  "专业", "生源地", "联系电话")]
    return {"application": None, "student": student, "school": school_name(), "rows": rows, "number": "",
            "batch_label": "", "college": student.major.college.name if student is not None else "",
            "employer_rows": ["单位名称", "统一社会信用代码", "单位性质", "单位所在地", "单位地址", "联系人",
                              "联系电话", "档案转寄单位"],
            "terms": TERMS.split("\n"), "printed_at": timezone.localtime()}


def application_context(application):
    return {"application": application, "student": application.student, "school": school_name(),
            "rows": student_rows(application.student),
            "materials": list(application.materials.values_list("name", flat=True)),
            "old_numbers": list(application.student.agreement_numbers.order_by("issued_at", "pk")
                                .values_list("number", "status", "void_reason")),
            "printed_at": timezone.localtime()}


def _pairs(rows):
    """[(l1, v1), (l2, v2), …] → grid rows of four cells."""
    return [[rows[i][0], rows[i][1], rows[i + 1][0], rows[i + 1][1]] if i + 1 < len(rows) else
            [rows[i][0], (rows[i][1], 3)] for i in range(0, len(rows), 2)]


def draw_agreement(context):
    def draw(sheet):
        sheet.line(f"识别号：{context['batch_label']}", f"编号：{context['number']}", size=10)
        sheet.title("全国普通高等学校毕业生就业协议书", size=18, gap=14)
        sheet.heading("甲方（毕业生）")
        sheet.grid(_pairs(context["rows"]), [0.14, 0.36, 0.14, 0.36])
        sheet.gap(8)
        sheet.heading("乙方（用人单位）")
        sheet.grid(_pairs([(label, "") for label in context["employer_rows"]]), [0.14, 0.36, 0.14, 0.36])
        sheet.gap(8)
        sheet.heading("丙方（学校）")
        college = context["student"].major.college.name if context["student"] is not None else ""
        sheet.grid([["学校名称", (context["school"], 3)], ["院系", (college, 3)]],
                   [0.14, 0.36, 0.14, 0.36])
        sheet.gap(8)
        sheet.box("协议条款", "\n".join(context["terms"]), height=92)
        sheet.gap(8)
        sheet.grid([["甲方签字：", "乙方盖章：", "丙方盖章："], ["    年  月  日", "    年  月  日", "    年  月  日"]],
                   [1 / 3, 1 / 3, 1 / 3], row_height=46, label_columns=())
        sheet.gap(6)
        sheet.line(f"打印时间：{context['printed_at']:%Y-%m-%d %H:%M}", size=8)
    return draw


def draw_application(context):
    application = context["application"]

    def draw(sheet):
        sheet.title("毕业生就业协议书申请表", size=18, gap=14)
        sheet.line(f"申请类型：{application.get_kind_display()}",
                   f"申请时间：{timezone.localtime(application.submitted_at):%Y-%m-%d %H:%M}")
        sheet.grid(_pairs(context["rows"]), [0.14, 0.36, 0.14, 0.36])
        sheet.gap(8)
        history = "；".join(f"{n}（{'使用中' if s == 'active' else '已作废'}{'：' + r if r else ''}）"
                            for n, s, r in context["old_numbers"]) or "无"
        sheet.grid([["已领协议书", (history, 3)], ["上传材料", ("、".join(context["materials"]) or "无", 3)],
                    ["申请状态", (application.get_status_display(), 3)]], [0.14, 0.36, 0.14, 0.36])
        sheet.gap(8)
        sheet.box("申请原因", application.reason or "—", height=110)
        sheet.box("院系意见", application.review_note if application.reviewed_at else "", height=80)
        sheet.box("学校就业主管部门意见", "", height=80)
        sheet.gap(6)
        sheet.line("申请人签字：", "年    月    日", size=10)
        sheet.line(f"打印时间：{context['printed_at']:%Y-%m-%d %H:%M}", size=8)
    return draw


def agreements_pdf(applications):
    """One PDF holding the agreements of `applications` (one page each)."""
    return render_pages([draw_agreement(agreement_context(a)) for a in applications], title="毕业生就业协议书")


def application_pdf(application):
    return render_pages([draw_application(application_context(application))], title="协议书申请表")


def printable(pks):
    """The applications with everything the agreement shows, in print order (学号)."""
    return (AgreementApplication.objects.select_related(*RELATED).filter(pk__in=pks)
            .order_by("student__student_number", "pk"))


def pdf_response(data, filename, *, attachment=False):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


# -- 网上签约 ---------------------------------------------------------------------------------------

def _when(value):
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def signing_steps(agreement):
    """Each party's confirmation: [(party, what, time, by)] — shown on every detail page and on the PDF."""
    return [
        ("甲方（毕业生）", "学生提交", _when(agreement.submitted_at), agreement.student.name),
        ("乙方（用人单位）", "单位确认", _when(agreement.employer_confirmed_at),
         agreement.employer_contact if agreement.employer_confirmed_at else ""),
        ("丙方（学校）", "学校审核同意" if agreement.status == "signed" else "学校审核", _when(agreement.approved_at),
         str(agreement.approved_by or "") if agreement.approved_at else ""),
    ]


def signing_term_rows(agreement):
    return [("工作岗位", agreement.job_title), ("工作地点", region_path(agreement.work_region)),
            ("合同期限", agreement.contract_period), ("薪酬待遇", agreement.salary),
            ("试用期", agreement.probation or "无"), ("报到日期", f"{agreement.start_date:%Y-%m-%d}")]


def draw_signed(agreement):
    employer = agreement.employer

    def draw(sheet):
        number = agreement.number.number if agreement.number_id else "（学校审核同意后生成）"
        sheet.line("网上签约", f"编号：{number}", size=10)
        sheet.title("全国普通高等学校毕业生就业协议书", size=18, gap=14)
        sheet.heading("甲方（毕业生）")
        sheet.grid(_pairs(student_rows(agreement.student)), [0.14, 0.36, 0.14, 0.36])
        sheet.gap(6)
        sheet.heading("乙方（用人单位）")
        sheet.grid(_pairs([("单位名称", employer.name), ("统一社会信用代码", employer.credit_code),
                           ("单位所在地", region_path(employer.region) if employer.region_id else ""),
                           ("单位地址", employer.address), ("经办人", agreement.employer_contact),
                           ("联系电话", agreement.employer_phone)]), [0.14, 0.36, 0.14, 0.36])
        sheet.gap(6)
        sheet.heading("丙方（学校）")
        sheet.grid([["学校名称", (school_name(), 3)], ["院系", (agreement.student.major.college.name, 3)]],
                   [0.14, 0.36, 0.14, 0.36])
        sheet.gap(6)
        sheet.heading("约定条款")
        sheet.grid(_pairs(signing_term_rows(agreement)), [0.14, 0.36, 0.14, 0.36])
        sheet.box("其他约定", agreement.other_terms or "无", height=50)
        sheet.box("协议条款", "\n".join(TERMS.split("\n")), height=80)
        sheet.gap(6)
        sheet.heading("三方网上确认")
        sheet.grid([["签约方", "确认事项", "确认时间", "确认人"],
                    *[[party, what, when or "—", by or "—"] for party, what, when, by in signing_steps(agreement)]],
                   [0.25, 0.25, 0.25, 0.25], label_columns=(0,))
        sheet.gap(6)
        sheet.line(f"状态：{agreement.get_status_display()}", f"生成时间：{timezone.localtime():%Y-%m-%d %H:%M}", size=8)
    return draw


def signing_pdf_response(agreement):
    data = render_pages([draw_signed(agreement)], title="毕业生就业协议书（网上签约）")
    number = agreement.number.number if agreement.number_id else "未编号"
    return pdf_response(data, f"网上签约_{agreement.student.student_number}_{number}.pdf")
