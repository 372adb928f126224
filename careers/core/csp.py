"""Content-Security-Policy on every HTML response, with a per-request nonce.

Scripts and style elements come only from this site's /static/ or carry the request's
nonce (`{{ csp_nonce }}` in templates, from the context processor below); nothing from
another origin, no inline event handlers, no eval. Style *attributes* stay allowed
(style-src-attr): the templates, Bootstrap, ECharts tooltips and htmx progress bars set
widths and colours with them, and they cannot run code.
"""

import secrets

from django.utils.functional import SimpleLazyObject

HEADER = "Content-Security-Policy"


def policy(nonce):
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        f"style-src 'self' 'nonce-{nonce}'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data: blob:",  # the favicon and Bootstrap's icons are data: SVGs; charts save as data:
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",  # like X-Frame-Options: DENY
    ])


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = SimpleLazyObject(lambda: secrets.token_urlsafe(18))
        response = self.get_response(request)
        if HEADER not in response and response.get("Content-Type", "").startswith("text/html"):
            response[HEADER] = policy(request.csp_nonce)
        return response


def nonce(request):
    """Context processor: `csp_nonce` for the few inline <script>/<style> elements."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
