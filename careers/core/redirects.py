"""Where to go back to after a POST: only ever a URL on this site.

Forms carry `return_url` / `next` so a bulk action returns to the filtered list it came
from; a posted value is user input, so anything pointing at another host or scheme
(https://evil.example, //evil.example, javascript:) is replaced by the fallback.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_url(request, target):
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def safe_url(request, target, fallback):
    """`target` if it stays on this site, otherwise `fallback`."""
    return target if is_safe_url(request, target) else fallback


def return_url(request, fallback, names=("return_url", "next")):
    """The first same-site URL posted (or passed in the query) under one of `names`."""
    for source in (request.POST, request.GET):
        for name in names:
            target = source.get(name, "")
            if target:
                return safe_url(request, target, fallback)
    return fallback
