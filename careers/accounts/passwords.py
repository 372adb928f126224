"""Password policy for every account (admins, students, employers)."""

import string

from django.core.exceptions import ValidationError

MIN_LENGTH = 8
CLASSES = (
    ("大写字母", lambda c: c.isascii() and c.isupper()),
    ("小写字母", lambda c: c.isascii() and c.islower()),
    ("数字", lambda c: c.isdecimal()),
    ("符号", lambda c: c in string.punctuation),
)


def password_problems(password, username=""):
    """Every rule the password breaks, in words a user understands."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"密码至少需要 {MIN_LENGTH} 个字符。")
    present = [name for name, test in CLASSES if any(test(c) for c in password)]
    if len(present) < 3:
        problems.append("密码须至少包含大写字母、小写字母、数字、符号中的三类（当前只有：%s）。"
                        % ("、".join(present) or "无"))
    if username and username.lower() in password.lower():
        problems.append("密码不能与账号相同，也不能包含账号。")
    return problems


class CampusPasswordValidator:
    def validate(self, password, user=None):
        problems = password_problems(password, getattr(user, "username", "") or "")
        if problems:
            raise ValidationError(problems, code="password_policy")

    def get_help_text(self):
        return "至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含账号。"
