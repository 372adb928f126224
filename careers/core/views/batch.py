"""批量查询列表 of any student-linked list: the pasted 学号/姓名 are POSTed and kept by reference."""

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse

from ..batch import BATCH_LIMIT, batch_tokens, store_batch, too_many
from .generic import BackofficeView


def clean_query(text, **replace):
    """A list query string without the page number (a saved query starts at page 1)."""
    data = QueryDict(text or "", mutable=True)
    data.pop("page", None)
    for key, value in replace.items():
        data.pop(key, None)
        if value:
            data[key] = value
    return data.urlencode()


class BatchQueryView(BackofficeView):
    """Stores the pasted list and returns to the list with `?batch=@ref`: set `list_url_name` and `permission`."""

    list_url_name = None
    permission = None

    def post(self, request):
        self.require(self.permission)
        tokens = batch_tokens(request.POST.get("batch_text"))
        query = request.POST.get("query", "")
        if len(tokens) > BATCH_LIMIT:
            messages.error(request, too_many(len(tokens)))
            query = clean_query(query, batch="")
        else:
            query = clean_query(query, batch=store_batch(request.user, tokens) if tokens else "")
        return redirect(reverse(self.list_url_name) + (f"?{query}" if query else ""))
