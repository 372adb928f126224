"""Résumé actions shared by the portal, the back office and (later) the recruitment side."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from careers.students.models import Student

from .attachments import clean_pdf
from .models import Resume


@transaction.atomic
def save_resume(form, formsets, *, student, attachment=None, remove_attachment=False):
    """Save a résumé and its entries in one transaction (new ones count against the limit)."""
    resume = form.instance
    if resume.pk is None:
        Student.objects.select_for_update().filter(pk=student.pk).first()
        count = Resume.objects.filter(student=student).count()
        if count >= Resume.MAX_PER_STUDENT:
            raise ValidationError(f"每位学生最多保存 {Resume.MAX_PER_STUDENT} 份简历，请先删除不用的简历。")
        resume.student = student
    old_file = resume.attachment.name if resume.attachment else ""
    if attachment is not None:
        data = clean_pdf(attachment)
        resume.attachment.save("resume.pdf", ContentFile(data), save=False)
    elif remove_attachment:
        resume.attachment = ""
    resume._change_reason = "学生编辑简历"
    resume = form.save()
    for formset in formsets:
        formset.instance = resume
        formset.save()
    if old_file and old_file != (resume.attachment.name or ""):
        storage = resume.attachment.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return resume


def delete_resume(resume):
    """The attachment file goes after commit (models.remove_attachment)."""
    resume._change_reason = "学生删除简历"
    resume.delete()


@transaction.atomic
def set_recommended(resumes, value, *, acting_user):
    """标记推荐/取消推荐: each changed résumé is saved, so its history records who changed it (the audit)."""
    changed = [r for r in resumes if r.is_recommended != value]
    for resume in changed:
        resume.is_recommended = value
        resume._change_reason = "标记推荐" if value else "取消推荐"
        resume._history_user = acting_user  # also outside a request (shell, tasks)
        resume.save(update_fields=["is_recommended", "updated_at"])
    return len(changed)
