"""Student-linked lists of any app (资料图库, 档案信息, 学生简历, …): the 发送消息 bar under the list.

Not a view module, so other apps may import it: studentfiles owns the list template
(`studentfiles/student_linked_list.html`) and its `student_messages` tags; the message page itself is
students:student_message.
"""


class MessageListMixin:
    """Lists of student-linked rows offer 发送消息 to the selected rows' students."""

    template_name = "studentfiles/student_linked_list.html"
