"""Region codes (行政区划) as the pages show them: the chain above a code, its label, and the place-name
look-up every region field searches with (就业信息's 单位所在地, 派遣信息's 接收地, 生源地, the units' and
jobs' region pickers).

Not a view module: employment, recruitment and students import it. `region_hits` renders the hit list
(template `employment/employment/includes/region_hits.html`, kept at its path) for each app's own
look-up URL, which decides who may use it.
"""

from django.shortcuts import render

from .models import Code

REGION_HITS_TEMPLATE = "employment/employment/includes/region_hits.html"
MIN_CHARS = 2


def region_chain(code):
    """[province, city, county] (None-padded) of a region code."""
    chain = []
    while code is not None:
        chain.insert(0, code)
        code = code.parent
    return (chain + [None, None, None])[:3]


def region_names(code):
    """“湖北省 武汉市 洪山区” for a region code (parents loaded); "" for None."""
    return " ".join(c.name for c in region_chain(code) if c) if code is not None else ""


def region_chain_label(region):
    """“110108 北京市 海淀区” for a region code with parent and grandparent loaded."""
    if region is None:
        return ""
    names, code = [], region
    while code is not None:
        names.insert(0, code.name)
        code = code.parent
    return f"{region.code} {' '.join(dict.fromkeys(names))}"


def lookup_regions(keyword, limit=20):
    """Current region codes whose name contains `keyword` (≥2 characters), provinces first."""
    keyword = (keyword or "").strip()[:20]
    if len(keyword) < MIN_CHARS:
        return []
    return list(Code.objects.of("region").filter(is_active=True, name__contains=keyword)
                .select_related("parent__parent").order_by("level", "code")[:limit])


def region_hits(request, *, refused=False):
    """htmx: the hit list for `?region_q=` (or `?q=`); `refused` (e.g. rate-limited) answers with no list."""
    if refused:
        return render(request, REGION_HITS_TEMPLATE, {"too_short": True})
    keyword = (request.GET.get("region_q") or request.GET.get("q") or "").strip()
    return render(request, REGION_HITS_TEMPLATE, {
        "keyword": keyword, "too_short": len(keyword) < MIN_CHARS,
        "regions": [(r.pk, region_chain_label(r)) for r in lookup_regions(keyword)]})
