"""What a browser posts: the <form method="post"> elements of a page, read with the standard HTML parser,
and the data a browser would submit for each of them unchanged (for the form round trip)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Control:
    tag: str
    name: str
    type: str = "text"
    value: str = ""
    checked: bool = False
    disabled: bool = False
    multiple: bool = False
    options: list = field(default_factory=list)  # select: [(value, selected)]


@dataclass
class PageForm:
    action: str
    method: str
    enctype: str = ""
    controls: list = field(default_factory=list)

    @property
    def names(self):
        return {c.name for c in self.controls if c.name}

    def control(self, name):
        return next(c for c in self.controls if c.name == name)

    def submit_data(self, overrides=None):
        """The fields a browser sends when the first named submit button is pressed: list values per name.

        `overrides` (name -> value or list) replaces what the page holds."""
        data = {}
        pressed = False
        for control in self.controls:
            if not control.name or control.disabled:
                continue
            if control.tag == "input" and control.type in ("submit", "image", "button", "reset"):
                if control.type == "submit" and not pressed:
                    data.setdefault(control.name, []).append(control.value)
                    pressed = True
                continue
            if control.tag == "button":
                if control.type == "submit" and not pressed:
                    data.setdefault(control.name, []).append(control.value)
                    pressed = True
                continue
            if control.type == "file":
                continue
            if control.type in ("checkbox", "radio"):
                if control.checked:
                    data.setdefault(control.name, []).append(control.value or "on")
                continue
            if control.tag == "select":
                selected = [v for v, s in control.options if s]
                if not selected and control.options and not control.multiple:
                    selected = [control.options[0][0]]
                data.setdefault(control.name, []).extend(selected)
                continue
            data.setdefault(control.name, []).append(control.value)
        for name, value in (overrides or {}).items():
            data[name] = list(value) if isinstance(value, (list, tuple)) else [value]
        return data


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.form = PageForm(action=a.get("action", ""), method=a.get("method", "get").lower(),
                                 enctype=a.get("enctype", ""))
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        disabled = "disabled" in a
        if tag == "input":
            self.form.controls.append(Control("input", a.get("name", ""), a.get("type", "text").lower(),
                                              a.get("value", ""), "checked" in a, disabled))
        elif tag == "button":
            self.form.controls.append(Control("button", a.get("name", ""), a.get("type", "submit").lower(),
                                              a.get("value", ""), disabled=disabled))
        elif tag == "select":
            self.select = Control("select", a.get("name", ""), "select", disabled=disabled, multiple="multiple" in a)
            self.form.controls.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = [a.get("value"), "selected" in a, ""]
            self.select.options.append(self.option)
        elif tag == "textarea":
            self.textarea = Control("textarea", a.get("name", ""), "textarea", disabled=disabled)
            self.form.controls.append(self.textarea)

    def handle_data(self, data):
        if self.option is not None:
            self.option[2] += data
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self._close_option()
            self.select = None
        elif tag == "option":
            self._close_option()
        elif tag == "textarea" and self.textarea is not None:
            # the parser keeps the newline that follows <textarea>; a browser drops it
            if self.textarea.value.startswith("\n"):
                self.textarea.value = self.textarea.value[1:]
            self.textarea = None

    def _close_option(self):
        if self.option is not None and self.select is not None:
            index = self.select.options.index(self.option)
            value = self.option[0] if self.option[0] is not None else self.option[2].strip()
            self.select.options[index] = (value, self.option[1])
        self.option = None


def post_forms(html):
    """The page's <form method="post"> elements."""
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        for control in form.controls:
            if control.tag == "select":
                control.options = [o if isinstance(o, tuple) else (o[0] if o[0] is not None else o[2].strip(), o[1])
                                   for o in control.options]
    return [f for f in parser.forms if f.method == "post"]
