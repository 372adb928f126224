"""Who wants which reminder on WeChat: the one place senders ask (one query per chunk, never one per student).

A student without a ReminderPreference row has the model's defaults (everything on except 每日宣讲会提醒).

    with_wechat(("inbox", "email"))              -> ("inbox", "email", "wechat") when the channel is registered
    opted_out(user_ids, "talks")                 -> {user ids who turned 宣讲会提醒 off}      (one query)
    channel_groups(user_ids, "job_matches", base) -> [(channels, {user ids})] non-empty groups: the students who
                                                    want the WeChat copy get base + wechat, the others base only
    muted(kind, user_ids)                        -> {user ids who turned that message kind off} for the WeChat
                                                    channel itself (a channel policy may add WeChat by kind)
"""

from careers.core.messaging import get_channel

from .models import ReminderPreference

WECHAT = "wechat"

# the registration's event field (events.checkin.models.event_field) -> the preference field
EVENT_PREFERENCES = {"talk": "talks", "fair": "fairs", "career_event": "career_events"}

# Message.kind -> the preference field that turns its WeChat copy off (event reminders are filtered before
# sending: a student who turned them off gets no reminder at all)
KIND_FIELDS = {"job_match": "job_matches", "application_status": "application_updates", "daily_talks": "daily_talks"}

FIELDS = ("career_events", "talks", "fairs", "daily_talks", "job_matches", "application_updates")


def default(field):
    return ReminderPreference._meta.get_field(field).default


def wechat_registered():
    return get_channel(WECHAT) is not None


def with_wechat(channels):
    """`channels` plus the WeChat channel when it is registered (order kept, no duplicates)."""
    channels = tuple(channels)
    if wechat_registered() and WECHAT not in channels:
        return (*channels, WECHAT)
    return channels


def without_wechat(channels):
    return tuple(key for key in channels if key != WECHAT)


def opted_out(user_ids, field):
    """The users among `user_ids` whose `field` is off (one query; none when the default is off and no row)."""
    if field not in FIELDS:
        raise ValueError(f"unknown reminder preference {field!r}")
    user_ids = [uid for uid in user_ids if uid]
    if not user_ids:
        return set()
    rows = ReminderPreference.objects.filter(user_id__in=user_ids)
    if default(field):
        return set(rows.filter(**{field: False}).values_list("user_id", flat=True))
    wanting = set(rows.filter(**{field: True}).values_list("user_id", flat=True))
    return set(user_ids) - wanting


def wants(user_id, field):
    return user_id not in opted_out([user_id], field)


def channel_groups(user_ids, field, channels):
    """Split `user_ids` by their WeChat choice: [(channels, set of user ids)], empty groups left out.

    Without a registered WeChat channel: one group on `channels`, no query. Otherwise one query: the students
    who keep `field` on get `channels` + wechat, the others `channels` without it (their inbox copy stays)."""
    ids = set(uid for uid in user_ids if uid)
    base = without_wechat(channels)
    if not ids:
        return []
    if not wechat_registered():
        return [(tuple(channels), ids)]
    off = opted_out(ids, field)
    groups = [(with_wechat(base), ids - off), (base, ids & off)]
    return [(keys, members) for keys, members in groups if members and keys]


def channels_for(user_id, field, channels):
    """The channels of one message to one user (one query when WeChat is registered, none otherwise)."""
    groups = channel_groups([user_id], field, channels)
    return groups[0][0] if groups else tuple(channels)


def muted(kind, user_ids):
    """For the WeChat channel: the users among `user_ids` who turned off WeChat messages of `kind` (one query)."""
    field = KIND_FIELDS.get(kind)
    return opted_out(user_ids, field) if field else set()


def preference_for(user):
    """The user's saved preference, or an unsaved one with the defaults (nothing is written by reading)."""
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)
