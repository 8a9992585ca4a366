// Show a post's original (or its translation again) in place, without reloading the page.
// Without JavaScript the same links ask the server for the other version.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-toggle-original]");
  if (!toggle) return;
  const post = toggle.closest("[data-post], [data-translated]");
  if (!post) return;
  event.preventDefault();
  const showingOriginal = toggle.dataset.showing === "original" ||
    (!toggle.dataset.showing && post.querySelector('[data-version="translation"][hidden]') !== null);
  const show = showingOriginal ? "translation" : "original";
  post.querySelectorAll("[data-version]").forEach((element) => {
    element.hidden = element.dataset.version !== show;
  });
  toggle.dataset.showing = show;
  toggle.textContent = show === "original" ? toggle.dataset.labelTranslation : toggle.dataset.labelOriginal;
});

// The course navigation is folded on a phone (the content comes first) and open beside the
// content on a wide screen. Without JavaScript it stays folded and opens on demand.
const wideScreen = window.matchMedia("(min-width: 60rem)");
const fitCourseNav = () => {
  document.querySelectorAll("[data-course-nav]").forEach((details) => {
    details.open = wideScreen.matches;
  });
};
document.addEventListener("DOMContentLoaded", fitCourseNav);
wideScreen.addEventListener("change", fitCourseNav);

// A translator corrects a translation in place: "Edit translation" opens an editor beside
// the post, which loads and saves through the form page's own URL (asking for JSON), then
// shows the saved text as the server rendered it. Without JavaScript (or without the editor
// template, or fetch) the link opens the form page.
const acceptJson = { Accept: "application/json" };

const readJson = async (response) => {
  try {
    return await response.json();
  } catch {
    return {};
  }
};

const showTranslation = (post) => {
  post.querySelectorAll("[data-version]").forEach((element) => {
    element.hidden = element.dataset.version !== "translation";
  });
  const toggle = post.querySelector("[data-toggle-original]");
  if (toggle) {
    toggle.dataset.showing = "translation";
    toggle.textContent = toggle.dataset.labelOriginal;
  }
};

const showSaved = (post, saved) => {
  const subject = post.querySelector('[data-post-subject] [data-version="translation"]');
  if (subject) subject.textContent = saved.subject;
  const content = post.querySelector('[data-post-content] [data-version="translation"]');
  // Rendered and sanitised by the server, exactly as the page renders it.
  if (content) content.innerHTML = saved.html;
  const label = post.querySelector(".translation-label");
  if (label) {
    label.className = label.className.replace(/translation-label--\S+/, `translation-label--${saved.state}`);
    const text = label.querySelector('.translation-label__text[data-version="translation"]');
    if (text) text.textContent = saved.label;
  }
  showTranslation(post);
};

const closeEditor = (editor, link) => {
  editor.remove();
  link.setAttribute("aria-expanded", "false");
  link.focus();
};

const openEditor = async (link, post, template) => {
  const existing = post.querySelector("[data-translation-editor]");
  const open = existing && existing.querySelector("form:not([hidden]) textarea");
  if (open) {
    open.focus(); // already editing: keep what is typed
    return;
  }
  if (existing) existing.remove(); // a message left from the last time
  const editor = template.content.firstElementChild.cloneNode(true);
  const form = editor.querySelector("form");
  const status = editor.querySelector("[data-translation-editor-status]");
  const say = (text, isError = false) => {
    status.textContent = text;
    status.classList.toggle("translation-editor__status--error", isError);
  };
  form.action = link.href;
  editor.querySelector("[data-translation-editor-full]").href = link.href;
  form.hidden = true;
  link.closest(".translation-label").after(editor);
  link.setAttribute("aria-expanded", "true");
  say(form.dataset.messageLoading);

  try {
    const response = await fetch(link.href, { headers: acceptJson, credentials: "same-origin" });
    const current = await readJson(response);
    if (!response.ok || current.content === undefined) {
      say(current.message || form.dataset.messageUnloaded, true);
      return;
    }
    form.elements.subject.value = current.subject;
    form.elements.content.value = current.content;
    form.elements.digest.value = current.digest;
    form.lang = current.language;
  } catch {
    say(form.dataset.messageUnloaded, true);
    return;
  }
  form.hidden = false;
  say("");
  form.elements.content.focus();

  editor.querySelector("[data-translation-editor-cancel]").addEventListener("click", () => {
    closeEditor(editor, link);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    say(form.dataset.messageSaving);
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { ...acceptJson, "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
        credentials: "same-origin",
      });
    } catch {
      button.disabled = false;
      say(form.dataset.messageOffline, true);
      return;
    }
    const answer = await readJson(response);
    if (!response.ok) {
      // Nothing the translator typed is touched; a newer original's digest lets them save
      // again once they have checked it.
      if (answer.digest) form.elements.digest.value = answer.digest;
      button.disabled = false;
      say(answer.message || form.dataset.messageFailed, true);
      form.elements.content.focus();
      return;
    }
    showSaved(post, answer);
    form.remove();
    editor.querySelector("[data-translation-editor-full]").parentElement.remove();
    say(answer.message);
    link.setAttribute("aria-expanded", "false");
    link.focus();
  });
};

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-translation-edit]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const post = link.closest("[data-post]");
  const template = document.getElementById("translation-editor");
  if (!post || !template || !window.fetch) return;
  event.preventDefault();
  openEditor(link, post, template);
});

// A translator corrects a text of a page (a title, an introduction, a reading, a question, a
// forum's name) in place: its "Edit" control opens an editor under the text, the original
// above the textarea for reference. It loads and saves through the form page's own URL (as
// JSON), then shows the saved text as the server rendered it and the page's new label.
// Without JavaScript (or without the editor template, or fetch) the control opens the form
// page, which comes back here.
const textEditorPlace = (control) =>
  control.closest("h1, h2, h3, h4, h5, h6, p, dt, figcaption, blockquote, summary") || control;

const showSavedText = (control, shown, saved) => {
  // Rendered and sanitised by the server, as the page renders it: inline in a heading or a
  // link, paragraphs or rich text in a block.
  shown.innerHTML = shown.tagName === "SPAN" ? saved.inline_html : saved.html;
  shown.hidden = false;
  const original = shown.nextElementSibling;
  if (original && original.dataset.version === "original") original.hidden = true;
  control.classList.add("text-edit--reviewed");
  control.setAttribute("aria-label", control.dataset.labelReviewed);
  control.title = control.dataset.labelReviewed;
  document.querySelectorAll(`.translation-label[data-texts-of="${control.dataset.textsOf}"]`)
    .forEach((label) => {
      label.className = label.className.replace(
        /translation-label--\S+/, `translation-label--${saved.label_state}`);
      const text = label.querySelector('.translation-label__text[data-version="translation"]');
      if (text) text.textContent = saved.label;
    });
};

const openTextEditor = async (control, shown, template) => {
  const place = textEditorPlace(control);
  const existing = place.parentElement.querySelector(
    `[data-text-translation-editor][data-for="${control.dataset.textEdit}"]`);
  const open = existing && existing.querySelector("form:not([hidden]) textarea");
  if (open) {
    open.focus(); // already editing: keep what is typed
    return;
  }
  if (existing) existing.remove(); // a message left from the last time
  const editor = template.content.firstElementChild.cloneNode(true);
  editor.dataset.for = control.dataset.textEdit;
  editor.setAttribute("aria-label", control.getAttribute("aria-label"));
  const form = editor.querySelector("form");
  const textarea = form.elements.text;
  const status = editor.querySelector("[data-text-editor-status]");
  const full = editor.querySelector("[data-text-editor-full]");
  const say = (text, isError = false) => {
    status.textContent = text;
    status.classList.toggle("translation-editor__status--error", isError);
  };
  const close = () => {
    editor.remove();
    control.setAttribute("aria-expanded", "false");
    control.focus();
  };
  form.action = control.href;
  full.href = control.href;
  form.hidden = true;
  place.after(editor);
  control.setAttribute("aria-expanded", "true");
  say(form.dataset.messageLoading);

  try {
    const response = await fetch(control.href, { headers: acceptJson, credentials: "same-origin" });
    const current = await readJson(response);
    if (!response.ok || current.text === undefined) {
      say(current.message || form.dataset.messageUnloaded, true);
      return;
    }
    textarea.value = current.text;
    textarea.rows = current.kind === "html" ? 10 : Math.min(8, 2 + Math.floor(current.text.length / 80));
    form.elements.digest.value = current.digest;
    form.lang = current.language;
    editor.querySelector("[data-text-editor-help]").textContent = current.help || "";
    const originalBox = editor.querySelector("[data-text-editor-original-box]");
    const original = editor.querySelector("[data-text-editor-original]");
    // Rendered by the server from the stored original, as on the form page.
    original.innerHTML = current.original_html;
    if (current.original_language) original.lang = current.original_language;
    if (current.original_heading) {
      editor.querySelector("[data-text-editor-original-heading]").textContent = current.original_heading;
    }
    originalBox.hidden = false;
  } catch {
    say(form.dataset.messageUnloaded, true);
    return;
  }
  form.hidden = false;
  say("");
  textarea.focus();

  editor.querySelector("[data-text-editor-cancel]").addEventListener("click", close);
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !form.hidden) close();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    say(form.dataset.messageSaving);
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { ...acceptJson, "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
        credentials: "same-origin",
      });
    } catch {
      button.disabled = false;
      say(form.dataset.messageOffline, true);
      return;
    }
    const answer = await readJson(response);
    if (!response.ok) {
      // What the translator typed stays; a newer original (shown in its place) and its
      // digest let them save again once they have checked it.
      if (answer.digest) form.elements.digest.value = answer.digest;
      if (answer.original_html !== undefined) {
        editor.querySelector("[data-text-editor-original]").innerHTML = answer.original_html;
      }
      button.disabled = false;
      say(answer.message || form.dataset.messageFailed, true);
      textarea.focus();
      return;
    }
    showSavedText(control, shown, answer);
    form.remove();
    editor.querySelector("[data-text-editor-original-box]").remove();
    full.parentElement.remove();
    say(answer.message);
    control.setAttribute("aria-expanded", "false");
    control.focus();
  });
};

document.addEventListener("click", (event) => {
  const control = event.target.closest("[data-text-edit]");
  if (!control || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const shown = control.parentElement.querySelector(
    `[data-text-translation="${control.dataset.textEdit}"]`);
  const template = document.getElementById("text-translation-editor");
  if (!shown || !template || !window.fetch) return;
  event.preventDefault();
  openTextEditor(control, shown, template);
});
