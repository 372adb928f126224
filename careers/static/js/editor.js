/* The rich-text editor of 网站资讯 (Trix, vendored under static/vendor/trix).
 *
 * <trix-editor input="id_body" data-upload-url="…"> edits the hidden input `id_body` (Trix binds it by the
 * `input` attribute). Images pasted or dropped into it are POSTed (with the CSRF token) to data-upload-url,
 * which re-encodes and stores them and answers {url}; the attachment then points at that public URL. Other
 * files are refused (attachments are uploaded on the article's page). The body is sanitised again on save.
 */
(function () {
  "use strict";

  // Chinese toolbar titles and dialogs. Trix builds its toolbar one tick after it loads, which may come before
  // or after this script runs (the parser can yield while fetching it): set the language for toolbars still to
  // come, and relabel any toolbar already built.
  var LANG = {
    attachFiles: "插入图片", bold: "粗体", bullets: "项目符号列表", byte: "字节", bytes: "字节",
    captionPlaceholder: "添加图片说明…", code: "代码", heading1: "标题", indent: "增加缩进", italic: "斜体",
    link: "链接", numbers: "编号列表", outdent: "减少缩进", quote: "引用", redo: "重做", remove: "删除",
    strike: "删除线", undo: "撤销", unlink: "取消链接", url: "网址", urlPlaceholder: "请输入网址…"
  };
  var BUTTONS = {  // data-trix-attribute / data-trix-action → LANG key
    bold: "bold", italic: "italic", strike: "strike", href: "link", heading1: "heading1", quote: "quote",
    code: "code", bullet: "bullets", number: "numbers", decreaseNestingLevel: "outdent",
    increaseNestingLevel: "indent", attachFiles: "attachFiles", undo: "undo", redo: "redo"
  };
  if (window.Trix && window.Trix.config && window.Trix.config.lang) {
    Object.assign(window.Trix.config.lang, LANG);
  }

  function relabel(toolbar) {
    toolbar.querySelectorAll("button[data-trix-attribute], button[data-trix-action]").forEach(function (button) {
      var key = BUTTONS[button.getAttribute("data-trix-attribute") || button.getAttribute("data-trix-action")];
      if (key) {
        button.title = LANG[key];
        button.textContent = LANG[key];
      }
    });
    toolbar.querySelectorAll("input[data-trix-method=setAttribute]").forEach(function (button) {
      button.value = LANG.link;
    });
    toolbar.querySelectorAll("input[data-trix-method=removeAttribute]").forEach(function (button) {
      button.value = LANG.unlink;
    });
    toolbar.querySelectorAll("input[name=href]").forEach(function (input) {
      input.placeholder = LANG.urlPlaceholder;
      input.setAttribute("aria-label", LANG.url);
    });
  }

  document.addEventListener("trix-initialize", function (event) {
    if (event.target.toolbarElement) {
      relabel(event.target.toolbarElement);
    }
  });
  document.querySelectorAll("trix-toolbar").forEach(relabel);

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function say(editor, text) {
    var box = document.getElementById(editor.dataset.messages || "");
    if (box) {
      box.textContent = text;
      box.classList.toggle("d-none", !text);
    } else if (text) {
      window.alert(text);
    }
  }

  document.addEventListener("trix-file-accept", function (event) {
    var file = event.file;
    if (!file || !/^image\/(jpeg|png|webp|gif)$/.test(file.type)) {
      event.preventDefault();
      say(event.target, "正文中只能插入 JPG、PNG、WEBP 或 GIF 图片；其他文件请在资讯页面上传为附件。");
    }
  });

  document.addEventListener("trix-attachment-add", function (event) {
    var attachment = event.attachment, editor = event.target;
    if (!attachment.file) { return; }
    var url = editor.dataset.uploadUrl;
    var data = new FormData();
    data.append("file", attachment.file);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url, true);
    xhr.setRequestHeader("X-CSRFToken", csrfToken());
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { attachment.setUploadProgress(e.loaded / e.total * 100); }
    });
    xhr.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
      if (xhr.status === 200 && answer.url) {
        attachment.setAttributes({url: answer.url, href: answer.url});
        say(editor, "");
      } else {
        attachment.remove();
        say(editor, answer.error || "图片上传失败，请稍后再试。");
      }
    });
    xhr.addEventListener("error", function () {
      attachment.remove();
      say(editor, "图片上传失败，请检查网络后再试。");
    });
    xhr.send(data);
  });
})();
