"""Back-office home page cards: each app contributes its own in its registry.py.

A card is a template and a function of the request giving that template's context, or None when the
card is not for this user (no permission, nothing in scope). Cards render in registration order."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from .registry import Registry


@dataclass(frozen=True)
class DashboardCard:
    template: str
    context: Callable  # (request) -> dict | None


DASHBOARD_CARDS: Registry[DashboardCard] = Registry("dashboard card")


def dashboard_card(key, template, context):
    DASHBOARD_CARDS.register(key, DashboardCard(template, context))


def render_cards(request):
    """The HTML of every card shown to this request's user."""
    rendered = []
    for card in DASHBOARD_CARDS.values():
        context = card.context(request)
        if context is not None:
            rendered.append(render_to_string(card.template, context, request))
    return rendered
