"""What WeChat pushes that concerns bindings (registered by careers/wechat/registry.py on import):

- 扫码关注 (subscribe with EventKey "qrscene_<scene>", wechatpy's `subscribe_scan`) and SCAN (already following,
  EventKey "<scene>") of one of our bind/login QR codes → actions.scanned (a Chinese text reply);
- plain subscribe / unsubscribe → the binding's `subscribed` flag (a plain subscribe gives no reply here: the
  被关注自动回复 of the replies area answers it).

Priority 10: the bind/login answer wins over the generic welcome for the same event.
"""

from careers.wechat.callback.dispatch import on_event

from . import actions


def _scene(msg):
    scene = getattr(msg, "scene_id", None) or getattr(msg, "key", None) or ""
    scene = str(scene)
    return scene[len("qrscene_"):] if scene.startswith("qrscene_") else scene


@on_event("subscribe_scan", "scan", priority=10)
def scan(msg):
    event = str(getattr(msg, "event", "")).lower()
    return actions.scanned(msg.source, _scene(msg), subscribe=event == "subscribe_scan")


@on_event("subscribe", priority=10)
def subscribe(msg):
    scene = _scene(msg)  # a parser that leaves qrscene_ events as plain subscribe
    if scene:
        return actions.scanned(msg.source, scene, subscribe=True)
    actions.subscribed(msg.source)
    return None


@on_event("unsubscribe", priority=10)
def unsubscribe(msg):
    actions.unsubscribed(msg.source)
    return None
