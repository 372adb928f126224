"""One answer whether or not a 学号 / 身份证号 exists outside the user's scope.

Error messages must not tell a college admin that a number belongs to a student of another college:
"no such student" and "a student you may not see" read the same, and so do "taken by a student
you may not see" and "taken by another account"."""


def not_found(number, label="学号"):
    """Looking a student up: none in the user's scope (whether or not one exists elsewhere)."""
    return f"您管辖的专业范围内没有{label}为“{number}”的学生，请核对{label}。"


def taken(label="学号", number=""):
    """Creating a student: the number is already in use (by anyone; the message never says by whom)."""
    shown = f"“{number}”" if number else ""
    return f"{label}{shown}已被使用，不能再用于新增学生。请核对{label}；如确认无误，请联系学校管理员。"
