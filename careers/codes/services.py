from dataclasses import dataclass, field

from .models import Code

CATALOGUE_KINDS = {
    "undergraduate": "major_catalogue_undergraduate",
    "vocational": "major_catalogue_vocational",
    "graduate": "major_catalogue_graduate",
}
MAX_CANDIDATES = 30


@dataclass
class LookupResult:
    error: str = ""
    candidates: list = field(default_factory=list)


def catalogue_kind_for(level):
    """The national catalogue that applies to an education-level code (学历)."""
    return CATALOGUE_KINDS.get((level.extra or {}).get("catalogue", ""))


def lookup_major_codes(level_id, keyword):
    """Fuzzy lookup: 学历 + at least two characters of a major name -> candidate codes."""
    if not str(level_id).isdecimal():
        return LookupResult(error="请先选择学历。")
    level = Code.objects.of("education_level").filter(pk=int(level_id)).first()
    if level is None:
        return LookupResult(error="学历无效，请重新选择。")
    if len(keyword) < 2:
        return LookupResult(error="请输入至少两个字的关键字。")
    kind = catalogue_kind_for(level)
    if kind is None:
        return LookupResult(error=f"“{level.name}”没有对应的国家专业目录。")
    candidates = list(
        Code.objects.of(kind).filter(name__icontains=keyword).select_related("parent").order_by("code")[:MAX_CANDIDATES]
    )
    if not candidates:
        return LookupResult(error=f"专业目录中没有包含“{keyword}”的专业。")
    return LookupResult(candidates=candidates)
