"""Alibaba Cloud SMS (阿里云短信服务, dysmsapi 2017-05-25 SendSms), RPC style.

A request is a GET on the endpoint with the common parameters (AccessKeyId, Timestamp in UTC
ISO 8601, SignatureMethod HMAC-SHA1, SignatureVersion 1.0, SignatureNonce, Format JSON, Version,
Action) and the action's own (PhoneNumbers, SignName, TemplateCode, TemplateParam as JSON).
The signature is HMAC-SHA1 with key `AccessKeySecret + "&"` over

    GET&%2F&percent_encode(canonicalized query)

where the canonicalized query is the parameters sorted by name, each name and value percent
encoded (RFC 3986: space → %20, * → %2A, ~ kept) and joined with & and =. The response is JSON:
{"Code": "OK", "Message": "OK", "RequestId": "...", "BizId": "..."} or the same with an error
code such as isv.MOBILE_NUMBER_ILLEGAL; errors are mapped to Chinese messages below.
"""

import base64
import hashlib
import hmac
import json
import uuid
from datetime import datetime, timezone
from urllib.parse import quote

import requests

from .backends import BaseBackend, SmsError, SmsResult, mask_phone

API_VERSION = "2017-05-25"

ERRORS = {
    "isv.MOBILE_NUMBER_ILLEGAL": "手机号码格式错误，短信服务商拒收，请核对申诉人填写的手机号码",
    "isv.BUSINESS_LIMIT_CONTROL": "该手机号码触发了短信发送频率限制（同一号码每分钟、每小时、每天的条数有上限），请稍后再试",
    "isv.DAY_LIMIT_CONTROL": "该手机号码今日接收短信已达上限，请明天再试或改用其他处理方式",
    "isv.AMOUNT_NOT_ENOUGH": "短信账户余额不足，请联系系统管理员充值",
    "isv.OUT_OF_SERVICE": "短信账户已停机（余额不足或欠费），请联系系统管理员",
    "isv.SMS_TEMPLATE_ILLEGAL": "短信模板不存在或未通过审核，请联系系统管理员检查模板配置",
    "isv.SMS_SIGNATURE_ILLEGAL": "短信签名不存在或未通过审核，请联系系统管理员检查签名配置",
    "isv.TEMPLATE_MISSING_PARAMETERS": "短信模板缺少变量，请联系系统管理员检查模板配置",
    "isv.INVALID_PARAMETERS": "短信请求参数不正确",
    "isv.INVALID_JSON_PARAM": "短信模板变量格式不正确",
    "isv.MOBILE_COUNT_OVER_LIMIT": "一次发送的手机号码数量超过上限",
    "isv.BLACK_KEY_CONTROL_LIMIT": "短信内容含有被禁止的关键字",
    "isv.PARAM_LENGTH_LIMIT": "短信模板变量超过长度限制",
    "isv.ACCOUNT_NOT_EXISTS": "短信账户不存在，请联系系统管理员",
    "isv.ACCOUNT_ABNORMAL": "短信账户状态异常，请联系系统管理员",
    "isp.RAM_PERMISSION_DENY": "短信服务的 AccessKey 没有发送短信的权限，请联系系统管理员",
    "isp.SYSTEM_ERROR": "短信服务商系统错误，请稍后再试",
    "SignatureDoesNotMatch": "短信服务签名校验失败，请联系系统管理员检查 AccessKey Secret 配置",
    "InvalidAccessKeyId.NotFound": "短信服务的 AccessKey ID 不存在，请联系系统管理员检查配置",
    "InvalidAccessKeyId.Inactive": "短信服务的 AccessKey 已被禁用，请联系系统管理员",
    "InvalidTimeStamp.Expired": "短信请求时间戳已过期，请检查服务器时间是否准确",
    "SignatureNonceUsed": "短信请求重复（随机数已使用），请重试",
    "Throttling.User": "短信服务请求过于频繁，请稍后再试",
}


def percent_encode(value):
    """RFC 3986 encoding as the Alibaba Cloud RPC signature requires (space %20, * %2A, ~ kept)."""
    return quote(str(value).encode("utf-8"), safe="~")


def canonicalize(params):
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))


def sign(params, secret, method="GET"):
    string_to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonicalize(params))}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def timestamp(now=None):
    return (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")


class AliyunBackend(BaseBackend):
    def signed_params(self, phone, template, params):
        opts = self.options
        query = {
            "AccessKeyId": opts["access_key_id"],
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": opts.get("region") or "cn-hangzhou",
            "SignName": opts["sign_name"],
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": self.template_code(template),
            "TemplateParam": json.dumps(params, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": timestamp(),
            "Version": API_VERSION,
        }
        query["Signature"] = sign(query, opts["access_key_secret"])
        return query

    def send(self, phone, template, params):
        opts = self.options
        missing = [label for key, label in (("access_key_id", "AccessKey ID"), ("access_key_secret", "AccessKey Secret"),
                                            ("sign_name", "短信签名")) if not opts.get(key)]
        if missing:
            raise SmsError(f"短信服务未配置完整（缺少{'、'.join(missing)}），请联系系统管理员。", code="not_configured")
        query = self.signed_params(phone, template, params)
        url = f"{opts['endpoint'].rstrip('/')}/?{canonicalize(query)}"
        timeout = float(opts.get("timeout") or 10)
        try:
            response = requests.get(url, timeout=(min(timeout, 5.0), timeout))
        except requests.Timeout:
            raise SmsError(f"短信服务响应超时（超过 {timeout:g} 秒），短信未确认发送，请稍后再试。", code="timeout")
        except requests.RequestException as exc:
            raise SmsError(f"无法连接短信服务（{type(exc).__name__}），请稍后再试或联系系统管理员。", code="network")
        try:
            data = response.json()
        except ValueError:
            raise SmsError(f"短信服务返回了无法识别的应答（HTTP {response.status_code}），请稍后再试。",
                           code=f"http_{response.status_code}")
        code = str(data.get("Code") or "")
        request_id = str(data.get("RequestId") or "")
        if code == "OK":
            return SmsResult(phone=phone, template=template, params=dict(params), request_id=request_id,
                             biz_id=str(data.get("BizId") or ""))
        reason = ERRORS.get(code) or f"短信服务拒绝发送：{data.get('Message') or '未知错误'}"
        raise SmsError(f"短信发送失败（{mask_phone(phone)}）：{reason}。[{code or 'HTTP ' + str(response.status_code)}]",
                       code=code, request_id=request_id)
