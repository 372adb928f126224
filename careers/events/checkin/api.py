"""The check-in device API (django-ninja, OpenAPI at /api/checkin/docs). The check-in area adds its
routes to `api`; mounted at /api/checkin/.

Every call carries `Authorization: Bearer <设备令牌>` (see 签到设备 in the back office). Answers are
JSON; business outcomes (已签到, 签到需要先报名 …) are 200 with a `status`, errors are 401 (token),
404 (event), 422 (malformed payload) and 429 (too many calls), each with a Chinese `detail`.
"""

import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

api = NinjaAPI(title="签到设备接口", version="1", urls_namespace="checkin_api", docs_url="/docs",
               description="扫码签到硬件（签到方式 A）调用的接口：单次扫码与离线批量补传。"
                           "请求头 Authorization: Bearer <设备令牌>。")


# -- auth -------------------------------------------------------------------------------------------------
class DeviceBearer(HttpBearer):
    def __call__(self, request):
        from .devices import DeviceAuthError, authenticate

        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        try:
            request.checkin_device = authenticate(token.strip() if scheme.lower() == "bearer" else "")
        except DeviceAuthError as exc:
            request.checkin_auth_error = str(exc)
            return None
        return request.checkin_device

    def authenticate(self, request, token):  # pragma: no cover - __call__ does the work
        return None


@api.exception_handler(AuthenticationError)
def auth_failed(request, exc):
    detail = getattr(request, "checkin_auth_error", None) or "设备令牌无效。"
    return api.create_response(request, {"detail": detail}, status=401)


# -- 422 in Chinese ---------------------------------------------------------------------------------------
FIELD_LABELS = {"code": "扫描内容 code", "scan_id": "扫描编号 scan_id", "scanned_at": "扫描时间 scanned_at",
                "scans": "扫描列表 scans", "kind": "活动类型 kind", "id": "活动编号 id"}


def error_text(error):
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "缺少该字段"
    if kind in ("string_too_short",):
        return "不能为空"
    if kind == "string_too_long":
        return f"过长（最多 {ctx.get('max_length')} 个字符）"
    if kind == "too_long":
        return f"条数过多（一次最多 {ctx.get('max_length')} 条）"
    if kind == "too_short":
        return "至少需要 1 条"
    if kind.startswith(("datetime", "date")):
        return "时间格式不正确，应为 ISO 8601，如 2026-11-29T09:30:00+08:00"
    if kind == "string_type":
        return "应为字符串"
    if kind == "list_type":
        return "应为数组"
    if kind in ("dict_type", "model_attributes_type", "model_type"):
        return "应为 JSON 对象"
    if kind == "json_invalid":
        return "请求体不是合法的 JSON"
    if kind in ("literal_error", "enum"):
        return "取值不正确（talk 或 fair）"
    if kind in ("int_parsing", "int_type"):
        return "应为整数"
    return "格式不正确"


def field_name(loc):
    parts = [str(p) for p in loc if p not in ("body", "payload", "path", "query")]
    if not parts:
        return "请求体"
    label = FIELD_LABELS.get(parts[-1], parts[-1])
    where = [p for p in parts[:-1] if p != "scans"]
    return (f"第 {int(where[0]) + 1} 条的" if where and where[0].isdecimal() else "") + label


@api.exception_handler(NinjaValidationError)
def invalid_payload(request, exc):
    items = [{"field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "payload")),
              "message": f"{field_name(e.get('loc', ()))}：{error_text(e)}"} for e in exc.errors]
    summary = "；".join(item["message"] for item in items[:5])
    return api.create_response(request, {"detail": f"请求数据格式不正确：{summary}", "errors": items}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return api.create_response(request, {"detail": "请求数据格式不正确：请求体不是合法的 JSON。"}, status=422)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


# -- schemas ----------------------------------------------------------------------------------------------
class ScanIn(Schema):
    code: str = Field(..., min_length=1, max_length=64, description="扫描到的学号或身份证号")
    scan_id: str | None = Field(None, min_length=1, max_length=64,
                                description="设备为本次扫描生成的唯一编号；重复上传同一编号返回首次的结果")
    scanned_at: datetime.datetime | None = Field(None, description="扫描时间（ISO 8601；不带时区按北京时间）")


class BatchItem(Schema):
    scan_id: str = Field(..., min_length=1, max_length=64)
    code: str = Field(..., min_length=1, max_length=64)
    scanned_at: datetime.datetime


class BatchIn(Schema):
    scans: list[BatchItem] = Field(..., min_length=1, max_length=1000, description="离线期间的扫描，最多 1000 条")


class StudentOut(Schema):
    name: str
    student_number: str
    college: str
    major: str


class ScanOut(Schema):
    scan_id: str
    status: Literal["checked_in", "already", "not_registered", "unknown_code", "not_allowed"]
    message: str
    student: StudentOut | None
    checked_in_at: datetime.datetime | None
    replayed: bool = Field(False, description="true：该 scan_id 已上传过，返回的是首次的结果")


class BatchOut(Schema):
    results: list[ScanOut]
    counts: dict[str, int]


class Detail(Schema):
    detail: str


def aware(moment):
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def event_or_404(kind, pk):
    from .devices import cached_event

    return cached_event(kind, pk)


def guard(request, kind, pk):
    """(event, None) or (None, (status, body)) for a missing event or an exceeded rate."""
    from .devices import within_rate

    if not within_rate(request.auth):
        return None, (429, {"detail": "扫描过于频繁，请稍后再试。"})
    event = event_or_404(kind, pk)
    if event is None:
        return None, (404, {"detail": "未找到该活动（宣讲会、招聘会或就业活动），请核对活动类型和编号。"})
    return event, None


@api.post("/events/{kind}/{id}/scans", auth=DeviceBearer(), response={200: ScanOut, 401: Detail, 404: Detail,
                                                                       422: Detail, 429: Detail},
          summary="单次扫码签到", tags=["签到"])
def scan(request, kind: Literal["talk", "fair", "career_event"], id: int, payload: ScanIn):
    """扫描学号或身份证号签到。status：checked_in 签到成功 / already 已签到 hh:mm / not_registered
    签到需要先报名 / unknown_code 未找到该学号或身份证号 / not_allowed 当前不能签到（未开始、已结束、已取消等）。"""
    from .devices import scan as do_scan

    event, error = guard(request, kind, id)
    if error:
        return error
    answer = do_scan(request.auth, event, code=payload.code, scan_id=payload.scan_id,
                     scanned_at=aware(payload.scanned_at))
    return 200, answer.as_dict()


@api.post("/events/{kind}/{id}/scans/batch", auth=DeviceBearer(),
          response={200: BatchOut, 401: Detail, 404: Detail, 422: Detail, 429: Detail},
          summary="离线扫码批量补传", tags=["签到"])
def scan_batch(request, kind: Literal["talk", "fair", "career_event"], id: int, payload: BatchIn):
    """设备离线期间排队的扫描（每条带 scan_id 与扫描时间），按顺序处理；已上传过的 scan_id 返回首次结果，
    不会重复签到。扫描时间晚于当前时间或不在签到时间内的条目返回 not_allowed。"""
    from .devices import scan_batch as do_batch

    event, error = guard(request, kind, id)
    if error:
        return error
    answers = do_batch(request.auth, event, [{"scan_id": s.scan_id, "code": s.code, "scanned_at": aware(s.scanned_at)}
                                             for s in payload.scans])
    counts = {}
    for answer in answers:
        counts[answer.status] = counts.get(answer.status, 0) + 1
    return 200, {"results": [a.as_dict() for a in answers], "counts": counts}
