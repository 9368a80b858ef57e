/* Donation form enhancement: inline checks, photo previews, upload progress.
   Without this script the form posts as a plain multipart form and the backend answers with a page. */
(function () {
  "use strict";

  var form = document.querySelector("[data-donation-form]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var zh = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
  var text = zh
    ? {
        required: "请填写此项。",
        email: "请填写有效的电子邮箱。",
        contact: "请至少填写电子邮箱、电话或微信号中的一项。",
        noPhoto: "请至少上传 1 张藏品照片。",
        tooMany: "最多上传 {max} 张照片。",
        tooBig: "“{name}” 超过 {mb} MB。",
        total: "照片合计不能超过 {mb} MB。",
        type: "“{name}” 不是 JPEG、PNG、WebP 或 HEIC 照片。",
        privacy: "请阅读并同意隐私说明后再提交。",
        failed: "提交未成功，请按提示修改标出的内容。",
        network: "网络中断，提交未完成，请重试。",
        uploading: "正在上传 {p}%",
        processing: "上传完成，正在处理照片……",
        noPreview: "（此格式无法预览）",
      }
    : {
        required: "Please fill in this field.",
        email: "Please enter a valid email address.",
        contact: "Please give at least one of email, phone or WeChat ID.",
        noPhoto: "Please upload at least 1 photo of the artifact.",
        tooMany: "Upload at most {max} photos.",
        tooBig: "“{name}” is larger than {mb} MB.",
        total: "The photos together may not exceed {mb} MB.",
        type: "“{name}” is not a JPEG, PNG, WebP or HEIC photo.",
        privacy: "Please read and accept the privacy notice before submitting.",
        failed: "The donation was not sent. Please correct the marked fields.",
        network: "The connection was interrupted. Please try again.",
        uploading: "Uploading {p}%",
        processing: "Upload complete, processing the photos…",
        noPreview: "(no preview for this format)",
      };
  var maxPhotos = parseInt(form.dataset.maxPhotos, 10);
  var maxPhotoBytes = parseInt(form.dataset.maxPhotoBytes, 10);
  var maxTotalBytes = parseInt(form.dataset.maxTotalBytes, 10);
  var MB = 1024 * 1024;
  var accepted = /\.(jpe?g|png|webp|heic|heif)$/i;
  var summary = form.querySelector("[data-summary]");
  var previews = form.querySelector("[data-previews]");
  var progress = form.querySelector("[data-progress]");
  var result = document.querySelector("[data-result]");

  function fmt(s, values) {
    return s.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function fieldBox(name) {
    return form.querySelector('[data-field="' + name + '"]');
  }

  function setErrors(name, messages) {
    var box = fieldBox(name);
    if (!box) {
      return false;
    }
    var list = box.querySelector(".donation-errors");
    list.textContent = "";
    (messages || []).forEach(function (m) {
      var li = document.createElement("li");
      li.textContent = m;
      list.appendChild(li);
    });
    box.classList.toggle("has-error", !!(messages && messages.length));
    box.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (messages && messages.length) {
        el.setAttribute("aria-invalid", "true");
      } else {
        el.removeAttribute("aria-invalid");
      }
    });
    return true;
  }

  function value(name) {
    var el = form.elements[name];
    return el && el.value ? el.value.trim() : "";
  }

  function checkField(name) {
    var el = form.elements[name];
    if (!el || el.type === "file") {
      return [];
    }
    var errors = [];
    if (el.required && !el.value.trim()) {
      errors.push(text.required);
    } else if (name === "email" && el.value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(el.value.trim())) {
      errors.push(text.email);
    }
    return errors;
  }

  function checkContact() {
    if (!value("email") && !value("phone") && !value("wechat")) {
      return [text.contact];
    }
    return checkField("email");
  }

  function checkPhotos() {
    var files = Array.prototype.slice.call(form.elements.photos.files || []);
    var errors = [];
    var total = 0;
    if (!files.length) {
      errors.push(text.noPhoto);
    }
    if (files.length > maxPhotos) {
      errors.push(fmt(text.tooMany, { max: maxPhotos }));
    }
    files.forEach(function (f) {
      total += f.size;
      if (!/^image\/(jpeg|png|webp|heic|heif)$/.test(f.type) && !accepted.test(f.name)) {
        errors.push(fmt(text.type, { name: f.name }));
      }
      if (f.size > maxPhotoBytes) {
        errors.push(fmt(text.tooBig, { name: f.name, mb: maxPhotoBytes / MB }));
      }
    });
    if (total > maxTotalBytes) {
      errors.push(fmt(text.total, { mb: maxTotalBytes / MB }));
    }
    return errors;
  }

  function showPreviews() {
    previews.textContent = "";
    Array.prototype.forEach.call(form.elements.photos.files || [], function (f) {
      var li = document.createElement("li");
      var caption = document.createElement("span");
      var size = document.createElement("span");
      caption.className = "donation-preview-name";
      caption.textContent = f.name + " · ";
      size.className = "donation-size";
      size.textContent = (f.size / MB).toFixed(1) + "\u00a0MB";
      caption.appendChild(size);
      if (/^image\/(jpeg|png|webp)$/.test(f.type)) {
        var img = document.createElement("img");
        img.alt = f.name;
        img.src = URL.createObjectURL(f);
        img.onload = function () { URL.revokeObjectURL(img.src); };
        li.appendChild(img);
      } else {
        caption.appendChild(document.createTextNode(" " + text.noPreview));
      }
      li.appendChild(caption);
      previews.appendChild(li);
    });
  }

  function validateAll() {
    var all = {};
    ["donor_name", "country", "city", "title", "category", "description", "era", "story"].forEach(function (n) {
      var e = checkField(n);
      if (e.length) { all[n] = e; }
    });
    var contact = checkContact();
    if (contact.length) { all.email = contact; }
    if (!form.querySelector('input[name="intent"]:checked')) { all.intent = [text.required]; }
    var photos = checkPhotos();
    if (photos.length) { all.photos = photos; }
    if (!form.elements.consent_privacy.checked) { all.consent_privacy = [text.privacy]; }
    return all;
  }

  var NAMES = ["donor_name", "email", "phone", "wechat", "country", "city", "chamber", "title",
    "category", "era", "description", "story", "intent", "photos", "credit", "consent_display",
    "consent_privacy"];

  // The element a summary link leads to: the field itself, or a radio group's first option.
  function target(name) {
    var el = form.elements[name];
    if (el && !el.id && el.length) {
      el = el[0];
    }
    return el && el.id ? el : null;
  }

  function labelOf(name) {
    var box = fieldBox(name);
    var label = box && box.querySelector("legend, label");
    if (!label) {
      return "";
    }
    var copy = label.cloneNode(true);
    copy.querySelectorAll(".donation-required").forEach(function (n) { n.remove(); });
    return copy.textContent.trim();
  }

  function summaryItem(message, name) {
    var li = document.createElement("li");
    var el = name && target(name);
    if (el) {
      var a = document.createElement("a");
      a.href = "#" + el.id;
      a.setAttribute("data-target", el.id);
      a.textContent = labelOf(name) + (zh ? "：" : ": ") + message;
      li.appendChild(a);
    } else {
      li.textContent = message;
    }
    return li;
  }

  function showAll(errors) {
    var list = summary.querySelector("[data-summary-list]");
    list.textContent = "";
    (errors.__all__ || []).forEach(function (m) { list.appendChild(summaryItem(m)); });
    NAMES.forEach(function (n) {
      setErrors(n, errors[n]);
      (errors[n] || []).forEach(function (m) { list.appendChild(summaryItem(m, n)); });
    });
    Object.keys(errors).forEach(function (n) {
      if (n !== "__all__" && NAMES.indexOf(n) === -1) {
        errors[n].forEach(function (m) { list.appendChild(summaryItem(m)); });
      }
    });
    summary.querySelector("[data-summary-heading]").textContent = text.failed;
    summary.hidden = false;
    summary.focus();
  }

  // A link in the summary puts the cursor in the field, not only the page at it.
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-target]");
    var el = link && document.getElementById(link.getAttribute("data-target"));
    if (el) {
      event.preventDefault();
      el.focus();
      el.scrollIntoView({ block: "center" });
    }
  });

  function recheck(name) {
    if (name === "email" || name === "phone" || name === "wechat") {
      setErrors("email", value("email") || value("phone") || value("wechat") ? checkField("email") : []);
    } else if (name === "intent") {
      setErrors("intent", form.querySelector('input[name="intent"]:checked') ? [] : [text.required]);
    } else if (name === "consent_privacy") {
      setErrors(name, form.elements.consent_privacy.checked ? [] : [text.privacy]);
    } else {
      setErrors(name, checkField(name));
    }
  }

  form.noValidate = true;
  // The server answered with the form and its problems: start the reader at the summary.
  if (!summary.hidden) {
    summary.focus();
  }
  // Text fields are checked when left; a field already marked is re-checked as it is
  // corrected, so its message disappears while typing rather than under the next click.
  form.addEventListener("focusout", function (event) {
    var el = event.target;
    if (el.name && /^(text|email|tel|textarea|select-one)$/.test(el.type) && el.name !== "website") {
      recheck(el.name);
    }
  });
  ["input", "change"].forEach(function (type) {
    form.addEventListener(type, function (event) {
      var el = event.target;
      var box = el.name && fieldBox(el.name === "phone" || el.name === "wechat" ? "email" : el.name);
      if (el.name && el.name !== "photos" && box && box.classList.contains("has-error")) {
        recheck(el.name);
      }
    });
  });
  form.elements.photos.addEventListener("change", function () {
    showPreviews();
    setErrors("photos", checkPhotos());
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var errors = validateAll();
    if (Object.keys(errors).length) {
      showAll(errors);
      return;
    }
    summary.hidden = true;
    var button = form.querySelector('[type="submit"]');
    button.disabled = true;
    progress.hidden = false;
    var bar = progress.querySelector("progress");
    var label = progress.querySelector("[data-progress-text]");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var p = Math.round((e.loaded / e.total) * 100);
        bar.value = p;
        label.textContent = fmt(text.uploading, { p: p });
      }
    });
    xhr.upload.addEventListener("load", function () { label.textContent = text.processing; });
    xhr.addEventListener("load", function () {
      button.disabled = false;
      progress.hidden = true;
      var data = {};
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = {}; }
      if (xhr.status === 201 && data.reference) {
        form.hidden = true;
        result.querySelector("[data-reference]").textContent = data.reference;
        if (data.status_url) {
          result.querySelector("[data-status-link]").href = data.status_url;
        }
        result.hidden = false;
        result.focus();
        return;
      }
      showAll(data.errors || { __all__: [text.network] });
    });
    xhr.addEventListener("error", function () {
      button.disabled = false;
      progress.hidden = true;
      showAll({ __all__: [text.network] });
    });
    xhr.send(new FormData(form));
  });
})();
