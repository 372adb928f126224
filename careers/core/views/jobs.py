"""后台任务: a job's page with its progress bar, the result download and retry.

Only the account that started a job can see it or download its file; files are
streamed through `job_download`, never linked from /media.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ..jobs import RECENT_HOURS, JobError, finished_recently, live_progress, retry_job
from ..models import Job
from ..redirects import safe_url
from .generic import BackofficeView


def own_job(request, pk):
    job = Job.objects.filter(pk=pk, created_by=request.user).first() if request.user.is_authenticated else None
    if job is None:
        raise Http404("任务不存在。")
    return live_progress(job)


class JobListView(BackofficeView):
    def get(self, request):
        recent = request.GET.get("finished") == "recent"  # 待办事项's link: exactly the rows it counted
        jobs = finished_recently(request.user) if recent else Job.objects.filter(created_by=request.user)
        jobs = jobs.defer("params", "result")[:500 if recent else 50]
        return render(request, "core/jobs/job_list.html", {"jobs": jobs, "recent": recent,
                                                           "recent_hours": RECENT_HOURS})


class JobView(BackofficeView):
    def get(self, request, pk):
        return render(request, "core/jobs/job_detail.html", {"job": own_job(request, pk)})


class JobProgressView(BackofficeView):
    """The polled partial; once the job is done it renders without the polling trigger."""

    def get(self, request, pk):
        job = own_job(request, pk)
        follow = request.GET.get("follow") == "1"
        response = render(request, "core/includes/progress.html",
                          {"job": job, "follow": follow, "next": request.GET.get("next", "")})
        next_url = job.result.get("redirect_url") if job.status == Job.Status.SUCCEEDED else None
        if next_url and follow and request.htmx:
            response["HX-Redirect"] = next_url
        return response


class JobDownloadView(BackofficeView):
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py
    def get(self, request, pk):
        job = own_job(request, pk)
        if job.status != Job.Status.SUCCEEDED or not job.result_file:
            raise Http404("该任务没有可下载的文件。")
        try:
            handle = job.result_file.open("rb")
        except FileNotFoundError:
            return HttpResponse("文件已被清理，请重新执行该任务。", status=410, content_type="text/plain; charset=utf-8")
        name = job.result_file.name.rsplit("/", 1)[-1]
        return FileResponse(handle, as_attachment=True, filename=name)


class JobRetryView(BackofficeView):
    def post(self, request, pk):
        job = own_job(request, pk)
        try:
            retry_job(job)
        except JobError as exc:
            messages.error(request, str(exc))
        else:
            messages.info(request, "任务已重新开始。")
        return redirect(safe_url(request, request.POST.get("next", ""), reverse("core:job_detail", args=[job.pk])))
