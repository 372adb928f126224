"""Home page cards: each app contributes its own in its registry.py.

A card is a template and a function of the request giving that template's context, or None when the
card is not for this user (no permission, nothing in scope). Cards render by their order (then registration order), on one
board: the back-office home ("backoffice"), the student hub ("student", /me/) or the employer portal
home ("company")."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from .registry import Registry


@dataclass(frozen=True)
class DashboardCard:
    template: str
    context: Callable  # (request) -> dict | None
    board: str = "backoffice"
    order: int = 100  # lower first; equal orders keep their registration order


BOARDS = ("backoffice", "student", "company")


DASHBOARD_CARDS: Registry[DashboardCard] = Registry("dashboard card")


def dashboard_card(key, template, context, *, board="backoffice", order=100):
    if board not in BOARDS:
        raise ValueError(f"unknown dashboard board {board!r} (one of {BOARDS})")
    DASHBOARD_CARDS.register(key, DashboardCard(template, context, board, order))


def render_cards(request, board="backoffice"):
    """The HTML of every card of `board` shown to this request's user."""
    rendered = []
    for card in sorted((c for c in DASHBOARD_CARDS.values() if c.board == board), key=lambda c: c.order):
        context = card.context(request)
        if context is not None:
            rendered.append(render_to_string(card.template, context, request))
    return rendered
