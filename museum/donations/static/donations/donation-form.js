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
      caption.textContent = f.name + " · " + (f.size / MB).toFixed(1) + " MB";
      if (/^image\/(jpeg|png|webp)$/.test(f.type)) {
        var img = document.createElement("img");
        img.alt = f.name;
        img.src = URL.createObjectURL(f);
        img.onload = function () { URL.revokeObjectURL(img.src); };
        li.appendChild(img);
      } else {
        caption.textContent += " " + text.noPreview;
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

  function showAll(errors) {
    var names = ["donor_name", "email", "phone", "wechat", "country", "city", "chamber", "title",
      "category", "era", "description", "story", "intent", "photos", "consent_display", "consent_privacy"];
    var general = (errors.__all__ || []).slice();
    names.forEach(function (n) { setErrors(n, errors[n]); });
    Object.keys(errors).forEach(function (n) {
      if (n !== "__all__" && names.indexOf(n) === -1) { general = general.concat(errors[n]); }
    });
    summary.textContent = "";
    var p = document.createElement("p");
    p.textContent = text.failed;
    summary.appendChild(p);
    general.forEach(function (m) {
      var q = document.createElement("p");
      q.textContent = m;
      summary.appendChild(q);
    });
    summary.hidden = false;
    summary.focus();
  }

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
