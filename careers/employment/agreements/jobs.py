"""The PDFs of a 批量审核打印 batch as a background Job (careers/core/jobs.py) with progress.

The numbers are issued in the request (one transaction, seconds for thousands); the PDFs — one per student,
named 学号_姓名_编号.pdf, in one ZIP — follow in the job. The handler is idempotent: a retry draws the same
forms from the stored numbers again.
"""

import io
import zipfile

from django.urls import reverse

from careers.core.jobs import JobError, job_handler, start_job

from .models import AgreementApplication, ApplicationStatus
from .printing import agreement_context, draw_agreement, printable
from careers.core.pdfdraw import render_pages

KIND = "employment.agreements.pdf"
INLINE = 20  # a handful of forms are drawn in the request


def start_pdfs(user, applications, batch_label):
    pks = [a.pk for a in applications]
    return start_job(KIND, f"协议书打印：识别号 {batch_label}，{len(pks)} 份"[:200],
                     {"applications": pks, "batch_label": batch_label}, user, total=len(pks),
                     inline=len(pks) <= INLINE)


def write_zip(applications, progress=None):
    out = io.BytesIO()
    total = len(applications)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
        for done, application in enumerate(applications, start=1):
            context = agreement_context(application)
            data = render_pages([draw_agreement(context)], title=f"毕业生就业协议书 {context['number']}")
            student = application.student
            archive.writestr(f"{student.student_number}_{student.name}_{context['number']}.pdf", data)
            if progress:
                progress(done, total)
    return out.getvalue()


@job_handler(KIND)
def pdf_job(ctx):
    user, params = ctx.user, ctx.params
    if user is None or not user.has_permission("employment.agreementapplication.print"):
        raise JobError("您已没有“协议书管理：打印”的权限，请联系学校管理员。")
    pks = params.get("applications") or []
    applications = list(printable(pks).filter(
        pk__in=AgreementApplication.objects.restrict(user, "print").filter(pk__in=pks).values("pk"),
        status=ApplicationStatus.PRINTED))
    if not applications:
        raise JobError("这批申请已被重置或不在您的管辖范围内，没有可打印的协议书。")
    total = len(applications)
    ctx.progress(0, total, f"正在生成 {total} 份协议书……", force=True)
    data = write_zip(applications, lambda done, total: ctx.progress(done, total, f"已生成 {done}/{total} 份"))
    ctx.save_file(f"协议书_{params.get('batch_label', '')}.zip", data)
    ctx.set_result(count=total, redirect_url=reverse("employment:agreementapplication_list"))
    ctx.job.message = f"已生成 {total} 份协议书 PDF，请下载后打印。"
