import string

from hypothesis import given
from hypothesis import strategies as st

from careers.accounts.passwords import password_problems


def test_policy_examples():
    assert password_problems("Abcdef12") == []
    assert password_problems("abc12") != []  # short, two classes
    assert any("三类" in p for p in password_problems("abcdefgh1"))
    assert any("账号" in p for p in password_problems("X10001abc!", "10001"))
    assert password_problems("10001123456", "10001")  # the default password never passes


@given(st.text(alphabet=string.ascii_letters + string.digits + string.punctuation, min_size=0, max_size=30),
       st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=10))
def test_policy_matches_its_definition(password, account):
    classes = sum([
        any(c.isupper() for c in password), any(c.islower() for c in password),
        any(c.isdigit() for c in password), any(c in string.punctuation for c in password),
    ])
    acceptable = len(password) >= 8 and classes >= 3 and account.lower() not in password.lower()
    assert (password_problems(password, account) == []) == acceptable
