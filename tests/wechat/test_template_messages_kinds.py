"""The notification kinds: every kind has a label, an industry the manual names and a default mapping with known
placeholders; senders pass their kind (the registration confirmation is new: 报名成功 once per registration)."""

import pytest

from careers.core.models import Message
from careers.events.checkin import registration
from careers.wechat.template_messages import kinds
from careers.wechat.template_messages.forms import mapping_text, parse_mapping
from tests.events.talks_support import student_account
from tests.factories import TalkFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_every_kind_is_complete():
    assert set(kinds.KINDS) == {"review_result", "registration", "event_reminder", "daily_talks", "appointment",
                                "job_match", "application_status", "batch", "general"}
    for kind in kinds.KINDS.values():
        assert kind.label and kind.template_title and kind.industry in (kinds.EDUCATION, kinds.IT)
        assert parse_mapping(mapping_text(kind.fields)) == kind.fields  # the defaults pass the form's validation


def test_registration_sends_one_confirmation_of_kind_registration():
    talk = TalkFactory(approved=True, title="确认测试宣讲会", venue=VenueFactory(capacity=300))
    student = student_account()
    registration.register(student, talk)
    registration.register(student, talk)  # a repeat adds nothing
    message = Message.objects.get(kind=kinds.REGISTRATION)
    assert "确认测试宣讲会" in message.subject and message.link == "/me/events/"
    assert list(message.deliveries.values_list("recipient", flat=True)) == [student.user_id]
