"""The student hub's (/me/) 微信绑定 card: bound or not, and the way to the 绑定微信 page. One query."""

from .models import WechatBinding


def binding_card(request):
    return {"binding": WechatBinding.objects.filter(user=request.user).first()}
