import uuid

from django.utils import timezone

from .request_context import Actor, client_ip, reset_actor, set_actor


class RequestContextMiddleware:
    """Make the acting user and IP available to audit receivers for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4()
        token = set_actor(Actor(user=None, ip=client_ip(request), request_id=request.id))
        try:
            return self.get_response(request)
        finally:
            reset_actor(token)


def default_operating_year(today=None):
    """The graduating cohort an office is working on: from September, next summer's."""
    today = today or timezone.localdate()
    return today.year + 1 if today.month >= 9 else today.year


class OperatingYearMiddleware:
    """当前操作年份: kept in the session, defaulting to the cohort in progress."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .request_context import current_actor

        current_actor().user = request.user if request.user.is_authenticated else None
        try:
            request.operating_year = int(request.session.get("operating_year") or default_operating_year())
        except (TypeError, ValueError):
            request.operating_year = default_operating_year()
        return self.get_response(request)
