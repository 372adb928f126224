"""用人单位账号申诉 (manual 4.2): submitting and handling appeals, and the e-mailed reset link.

Every function here runs in one transaction, locks the appeal (so two admins can't handle it
twice) and records the step with `log_event` besides the models' own history. Handling with
methods (1)–(4) replaces the account's contact person, phone and e-mail with the appellant's.

    status     method     what happened
    pending    —          submitted on /company/appeal/
    handled    password   admin typed a new password (told to the unit offline); must change it
    handled    email      a single-use link (30 min) was e-mailed to the appellant's new address
    handled    sms        a random password was texted to the appellant's new phone; must change it
    handled    other      marked handled with a note
    rejected   —          不予处理, with the reason
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.sms import SmsError, mask_phone, send_sms
from careers.core.transitions import locked

from ..employers.models import Employer, name_key
from .models import RESET_LINK_VALIDITY, AccountAppeal, PasswordResetLink

MODULE = "recruitment"
SMS_TEMPLATE = "appeal_password"  # settings.SMS["templates"]["appeal_password"] → provider template code

NOT_FOUND = ("未找到该单位的注册账号：请先确认单位名称与统一社会信用代码与注册时填写的一致（以营业执照为准），"
             "或直接注册新账号。")
ALREADY_PENDING = "已有待处理的申诉：该单位的申诉正在由学校审核，请耐心等待处理结果，无需重复提交。"
NOT_PENDING = "该申诉已处理（{status}），不能再次处理。"


class AppealError(Exception):
    """A handling step could not be done; `message` is for the admin, in Chinese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ResetLinkError(Exception):
    UNKNOWN, EXPIRED, USED = "unknown", "expired", "used"
    MESSAGES = {
        UNKNOWN: "链接无效：找不到这个重置密码链接，请检查链接是否完整（邮件中的链接需整行复制）。",
        EXPIRED: "链接已过期（有效期30分钟），未修改密码。请重新申诉或联系学校就业指导中心。",
        USED: "链接已使用：每个重置密码链接只能使用一次。如需再次重置，请重新申诉或联系学校。",
    }

    def __init__(self, kind):
        super().__init__(self.MESSAGES[kind])
        self.kind = kind
        self.message = self.MESSAGES[kind]


# -- submitting ----------------------------------------------------------------------------------

def find_employer(unit_name, credit_code):
    """The registered unit with this credit code *and* name (normalised), or None."""
    return (Employer.objects.select_related("user")
            .filter(credit_code=credit_code.strip().upper(), name_key=name_key(unit_name)).first())


@transaction.atomic
def submit_appeal(employer, *, unit_name, credit_code, contact_person, phone, email, licence, reason):
    """Record an appeal; `licence` is a ContentFile already checked. One pending appeal per unit."""
    # The lock on the unit serialises concurrent submissions, so the check below is race-free.
    Employer.objects.select_for_update().filter(pk=employer.pk).first()
    if AccountAppeal.objects.filter(employer=employer, status=AccountAppeal.Status.PENDING).exists():
        raise AppealError(ALREADY_PENDING)
    appeal = AccountAppeal(employer=employer, unit_name=unit_name, credit_code=credit_code,
                           contact_person=contact_person, phone=phone, email=email, reason=reason)
    appeal.licence.save(licence.name, licence, save=False)
    appeal.save()
    log_event("create", module=MODULE, obj=appeal,
              message=f"提交账号申诉：新联系人 {contact_person}，手机 {mask_phone(phone)}，邮箱 {email}")
    return appeal


# -- handling ------------------------------------------------------------------------------------

def _lock_pending(appeal):
    current = locked(appeal, "employer__user")
    if current.status != AccountAppeal.Status.PENDING:
        raise AppealError(NOT_PENDING.format(status=current.get_status_display()))
    return current


def _apply_contact(appeal, acting_user):
    """The appellant's contact person/phone/e-mail replace the account's (Employer + User)."""
    employer, user = appeal.employer, appeal.employer.user
    before = {"联系人": employer.contact_person, "联系电话": employer.phone, "电子邮箱": employer.email}
    employer.contact_person, employer.phone, employer.email = appeal.contact_person, appeal.phone, appeal.email
    employer._history_user = acting_user
    employer.save(update_fields=["contact_person", "phone", "email", "updated_at"])
    user.email, user.phone = appeal.email, appeal.phone
    return {label: [old, new] for (label, old), new in zip(before.items(), (appeal.contact_person, appeal.phone,
                                                                           appeal.email)) if old != new}


def _set_password(user, password, *, must_change):
    user.set_password(password)
    user.must_change_password = must_change
    user.initial_credential = False
    user.password_changed_at = timezone.now()


def _finish(appeal, method, acting_user, note=""):
    appeal.status = AccountAppeal.Status.HANDLED
    appeal.method = method
    appeal.handling_note = note
    appeal.handled_at = timezone.now()
    appeal.handled_by = acting_user
    appeal._history_user = acting_user
    appeal.save()


def _save_user(user, acting_user, *fields):
    user._history_user = acting_user
    user.save(update_fields=["email", "phone", *fields])


def _log(appeal, acting_user, message, changes):
    log_event("update", module=MODULE, obj=appeal, user=acting_user, message=message, changes=changes)
    log_event("update", module=MODULE, obj=appeal.employer, user=acting_user,
              message=f"账号申诉处理（{appeal.get_method_display()}）：联系人信息已更新为申诉人提交的信息", changes=changes)


PASSWORD_FIELDS = ("password", "must_change_password", "initial_credential", "password_changed_at")


@transaction.atomic
def handle_with_password(appeal, *, password, acting_user):
    """(1) 修改密码: the admin's new password, told to the unit offline; changed at first login."""
    appeal = _lock_pending(appeal)
    user = appeal.employer.user
    validate_password(password, user)
    changes = _apply_contact(appeal, acting_user)
    _set_password(user, password, must_change=True)
    _save_user(user, acting_user, *PASSWORD_FIELDS)
    _finish(appeal, AccountAppeal.Method.PASSWORD, acting_user, "管理员设置新密码，线下通知单位")
    _log(appeal, acting_user, "申诉处理：修改密码（线下通知），账号须在登录后修改密码", changes)
    return appeal


def reset_link_token():
    """(token for the URL, sha256 hex stored in the database)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def handle_with_email(appeal, *, build_url, acting_user):
    """(2) 验证邮箱: e-mail a single-use link (30 minutes) to the appellant's new address.

    `build_url(token)` returns the absolute link (the view builds it from the request). The mail is
    sent inside the transaction: if it can't be sent, nothing is recorded.
    """
    appeal = _lock_pending(appeal)
    user = appeal.employer.user
    token, digest = reset_link_token()
    expires_at = timezone.now() + RESET_LINK_VALIDITY
    link = PasswordResetLink.objects.create(appeal=appeal, user=user, token_hash=digest, email=appeal.email,
                                            expires_at=expires_at)
    changes = _apply_contact(appeal, acting_user)
    _save_user(user, acting_user)
    _finish(appeal, AccountAppeal.Method.EMAIL, acting_user, f"重置密码链接已发送至 {appeal.email}")
    _log(appeal, acting_user, f"申诉处理：重置密码链接已发送至 {appeal.email}，"
                              f"{timezone.localtime(expires_at):%Y-%m-%d %H:%M} 前有效", changes)
    url = build_url(token)
    minutes = int(RESET_LINK_VALIDITY.total_seconds() // 60)
    body = (f"{appeal.contact_person}，您好：\n\n"
            f"学校已审核“{appeal.unit_name}”的账号申诉。请在 {minutes} 分钟内打开下面的链接，为单位账号"
            f"（登录账号：{user.username}）设置新密码：\n\n{url}\n\n"
            f"链接只能使用一次，{timezone.localtime(expires_at):%Y-%m-%d %H:%M} 后失效。"
            "如果您没有提交过账号申诉，请忽略本邮件并联系学校就业指导中心。\n\n高校就业服务平台")
    try:
        send_mail(f"【高校就业服务平台】{appeal.unit_name} 账号申诉：重置密码", body, settings.DEFAULT_FROM_EMAIL,
                  [appeal.email])
    except Exception as exc:  # SMTP errors come in many types; the admin needs to know, the DB rolls back
        raise AppealError(f"重置密码邮件发送失败（{type(exc).__name__}：{exc}），申诉未处理，请稍后重试或改用其他处理方式。")
    return link


def random_password(length=10):
    """A readable random password (no 0/O, 1/l/I) that passes the password policy."""
    upper, lower, digits = "ABCDEFGHJKMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789"
    alphabet = upper + lower + digits
    while True:
        chars = [secrets.choice(upper), secrets.choice(lower), secrets.choice(digits),
                 *(secrets.choice(alphabet) for _ in range(length - 3))]
        secrets.SystemRandom().shuffle(chars)
        password = "".join(chars)
        try:
            validate_password(password)
        except ValidationError:  # pragma: no cover - the three classes are always present
            continue
        return password


@transaction.atomic
def handle_with_sms(appeal, *, acting_user):
    """(3) 验证手机: a random password texted to the appellant's new phone; changed at first login.

    The text is sent last, inside the transaction: a gateway failure rolls everything back and
    the admin sees the gateway's message.
    """
    appeal = _lock_pending(appeal)
    user = appeal.employer.user
    password = random_password()
    changes = _apply_contact(appeal, acting_user)
    _set_password(user, password, must_change=True)
    _save_user(user, acting_user, *PASSWORD_FIELDS)
    _finish(appeal, AccountAppeal.Method.SMS, acting_user, f"新密码已通过短信发送至 {mask_phone(appeal.phone)}")
    _log(appeal, acting_user, f"申诉处理：随机密码已通过短信发送至 {mask_phone(appeal.phone)}，账号须在登录后修改密码",
         changes)
    try:
        send_sms(appeal.phone, SMS_TEMPLATE, {"account": user.username, "password": password})
    except SmsError as exc:
        raise AppealError(f"{exc.message} 申诉未处理，账号密码未修改。")
    return appeal


@transaction.atomic
def handle_other(appeal, *, note, acting_user):
    """(4) 其他处理方式: mark handled with a note (the contact details still replace the account's)."""
    appeal = _lock_pending(appeal)
    changes = _apply_contact(appeal, acting_user)
    _save_user(appeal.employer.user, acting_user)
    _finish(appeal, AccountAppeal.Method.OTHER, acting_user, note)
    _log(appeal, acting_user, f"申诉处理：其他处理方式——{note}", changes)
    return appeal


@transaction.atomic
def reject_appeal(appeal, *, reason, acting_user):
    """不予处理: nothing on the account changes."""
    appeal = _lock_pending(appeal)
    appeal.status = AccountAppeal.Status.REJECTED
    appeal.method = ""
    appeal.handling_note = reason
    appeal.handled_at = timezone.now()
    appeal.handled_by = acting_user
    appeal._history_user = acting_user
    appeal.save()
    log_event("update", module=MODULE, obj=appeal, user=acting_user, message=f"申诉不予处理：{reason}")
    return appeal


# -- the e-mailed link ---------------------------------------------------------------------------

def check_reset_link(token, *, lock=False):
    """The usable link for `token`, or ResetLinkError (unknown / expired / used)."""
    links = PasswordResetLink.objects.select_related("user", "appeal")
    if lock:
        links = links.select_for_update(of=("self",))
    link = links.filter(token_hash=token_hash(token or "")).first()
    if link is None:
        raise ResetLinkError(ResetLinkError.UNKNOWN)
    if link.used_at is not None:
        raise ResetLinkError(ResetLinkError.USED)
    if link.expires_at <= timezone.now():
        raise ResetLinkError(ResetLinkError.EXPIRED)
    return link


@transaction.atomic
def reset_password_with_link(token, password):
    """Set the password through the link, once: the row lock makes a second, concurrent use fail."""
    link = check_reset_link(token, lock=True)
    user = link.user
    validate_password(password, user)
    _set_password(user, password, must_change=False)
    user.save(update_fields=list(PASSWORD_FIELDS))
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    # Any other open link of the account dies with this one: one reset per appeal.
    PasswordResetLink.objects.filter(user=user, used_at__isnull=True).exclude(pk=link.pk).update(used_at=link.used_at)
    log_event("update", module=MODULE, obj=link.appeal, user=user,
              message="申诉人通过邮件链接重置了账号密码（链接已失效）")
    return user
