"""What a template message says: `render(message, delivery)` → (template_id, data, url), or None when the message's
kind has no enabled template (the WeChat channel then uses the 通用通知 template, kind "general").

STUB: the template-settings helper replaces the body (field mapping from TemplateSetting, tracked read link).
"""


def render(message, delivery):
    return None
