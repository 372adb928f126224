/* The rich-text editor of 网站资讯 (Trix, vendored under static/vendor/trix).
 *
 * <trix-editor input="id_body" data-upload-url="…"> edits the hidden input `id_body` (Trix binds it by the
 * `input` attribute). Images pasted or dropped into it are POSTed (with the CSRF token) to data-upload-url,
 * which re-encodes and stores them and answers {url}; the attachment then points at that public URL. Other
 * files are refused (attachments are uploaded on the article's page). The body is sanitised again on save.
 */
(function () {
  "use strict";

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
