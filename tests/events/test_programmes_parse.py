"""The 团队成员 lines a captain types (one member a line: 学号 [姓名] [电话]), read back exactly."""

from hypothesis import given, settings
from hypothesis import strategies as st

from careers.events.programmes.forms import parse_members

_token = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")).filter(
    lambda c: c not in ",，"), min_size=1, max_size=12)


@settings(deadline=None)
@given(st.lists(st.tuples(_token, st.one_of(st.none(), _token), st.one_of(st.just(""), _token)), max_size=8))
def test_parse_members_reads_back_what_was_typed(rows):
    """Separated by spaces or (全角) commas; blank lines and surrounding spaces are skipped."""
    lines = []
    for number, name, phone in rows:
        parts = [number] + ([name] if name else []) + ([phone] if name and phone else [])
        lines.append("  " + "，".join(parts) + " ")
    expected = [(number, name, phone if name else "") for number, name, phone in rows]
    assert parse_members("\n\n".join(lines)) == expected
