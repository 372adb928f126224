"""Region codes (行政区划) as the pages show them. Every form's region field is codes.fields.RegionField (the
type-ahead on the full path); these are its labels, and every page's.

Not a view module: codes, employment, recruitment and students import it.
"""


def region_path(code):
    """“湖北省 武汉市 洪山区” (parents loaded); a municipality's repeated level once (“北京市 海淀区”); "" for None."""
    names = []
    while code is not None:
        names.insert(0, code.name)
        code = code.parent
    return " ".join(dict.fromkeys(names))


def region_chain_label(region):
    """“110108 北京市 海淀区” for a region code with parent and grandparent loaded."""
    return f"{region.code} {region_path(region)}" if region is not None else ""
