from django.shortcuts import get_object_or_404

from careers.core.views import generic
from careers.studentfiles.lists import MessageListMixin
from careers.studentfiles.storage import private_file_response

from .actions import set_recommended
from .filtersets import ResumeFilterSet
from .models import Resume
from .tables import ResumeTable

resumes = Resume.objects.select_related("student__major__college", "expected_industry")


class ResumeListView(MessageListMixin, generic.ObjectListView):
    queryset = resumes
    filterset = ResumeFilterSet
    table = ResumeTable
    actions = ("export",)
    template_name = "resumes/resume_list.html"


class ResumeView(generic.ObjectView):
    """Read-only: admins see the résumé as the student wrote it, plus its change history."""

    queryset = resumes
    template_name = "resumes/resume_detail.html"
    detail_fields = ["student", "title", "visibility", "review_status", "is_recommended", "created_at", "updated_at"]

    def get_extra_context(self, obj):
        return {"resume": obj, "can_recommend": self.request.user.has_permission("resumes.resume.recommend")}


class ResumeAttachmentView(generic.ModelViewMixin):
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py
    queryset = Resume.objects.all()

    def get(self, request, pk):
        resume = get_object_or_404(self.restricted("view"), pk=pk)
        return private_file_response(resume.attachment, "application/pdf", filename=f"{resume.title}.pdf",
                                     attachment=True)


class ResumeRecommendView(generic.BulkActionView):
    """标记推荐 / 取消推荐 for the checked résumés (all in scope, or nothing changes)."""

    queryset = Resume.objects.all()
    action = "recommend"
    value = True

    def perform(self, objects):
        count = set_recommended(objects, self.value, acting_user=self.request.user)
        verb = "标记为推荐" if self.value else "取消推荐"
        return f"已将 {count} 份简历{verb}。" if count else f"所选简历均已{verb}，无需修改。"


class ResumeUnrecommendView(ResumeRecommendView):
    value = False
