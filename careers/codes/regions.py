"""Region codes (行政区划) as the pages show them: the chain above a code and its labels. Every form's region
field is codes.fields.RegionField (the type-ahead on the full path).

Not a view module: employment, recruitment and students import it.
"""


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
