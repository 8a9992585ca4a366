// The post editor: a Markdown toolbar, Write / Preview tabs and @mention completion on the
// message field named by a [data-post-editor] element (templates/cohort_forum/partials/
// post_editor.html, which carries the endpoints and every label in the reader's language).
// The preview and the member list come from forum/editor.py. It also keeps the word count
// under the message current ([data-post-word-count]). Without this script the form is
// machina's, whose own "Preview" button renders the post through the server.
(function () {
  "use strict";

  var MENTION = /(^|\s)@([\p{L}\p{N}_.+-]{1,30})$/u;

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  // Replace the selection by before + selection (or a placeholder) + after, keep it selected.
  function wrap(textarea, before, after, placeholder) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var chosen = textarea.value.slice(start, end) || placeholder;
    textarea.setRangeText(before + chosen + after, start, end, "end");
    textarea.setSelectionRange(start + before.length, start + before.length + chosen.length);
    changed(textarea);
  }

  // Prefix every line the selection touches (lists, quotes).
  function prefixLines(textarea, prefix, placeholder) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = textarea.selectionEnd;
    var lines = (value.slice(start, end) || placeholder).split("\n");
    var text = lines
      .map(function (line) {
        return prefix + line;
      })
      .join("\n");
    textarea.setRangeText(text, start, end, "select");
    changed(textarea);
  }

  function code(textarea, placeholder) {
    var selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
    if (selected.indexOf("\n") >= 0) wrap(textarea, "```\n", "\n```", placeholder);
    else wrap(textarea, "`", "`", placeholder);
  }

  function changed(textarea) {
    textarea.focus();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function buildToolbar(settings, textarea) {
    var placeholder = settings.placeholderText || "text";
    var actions = [
      ["bold", "B", function () { wrap(textarea, "**", "**", placeholder); }],
      ["italic", "I", function () { wrap(textarea, "_", "_", placeholder); }],
      ["link", "↗", function () { wrap(textarea, "[", "](https://)", placeholder); }],
      ["list", "•", function () { prefixLines(textarea, "- ", placeholder); }],
      ["quote", "❝", function () { prefixLines(textarea, "> ", placeholder); }],
      ["code", "</>", function () { code(textarea, placeholder); }],
    ];
    var toolbar = element("div", {
      class: "post-editor-toolbar",
      role: "toolbar",
      "aria-label": settings.labelToolbar,
      "aria-controls": textarea.id,
    });
    actions.forEach(function (action, index) {
      var label = settings["label" + action[0][0].toUpperCase() + action[0].slice(1)];
      var button = element("button", {
        type: "button",
        class: "post-editor-button post-editor-" + action[0],
        "aria-label": label,
        title: label,
        "data-editor-action": action[0],
        tabindex: index === 0 ? "0" : "-1",
      });
      button.appendChild(element("span", { "aria-hidden": "true" }, action[1]));
      button.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the textarea's selection
      });
      button.addEventListener("click", action[2]);
      toolbar.appendChild(button);
    });
    rovingFocus(toolbar, "button");
    return toolbar;
  }

  // One tab stop for a group; the arrow keys, Home and End move within it.
  function rovingFocus(group, selector, onMove) {
    group.addEventListener("keydown", function (event) {
      var items = Array.prototype.slice.call(group.querySelectorAll(selector));
      var index = items.indexOf(document.activeElement);
      if (index < 0) return;
      var next = {
        ArrowRight: (index + 1) % items.length,
        ArrowLeft: (index - 1 + items.length) % items.length,
        Home: 0,
        End: items.length - 1,
      }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      items.forEach(function (item, i) {
        item.setAttribute("tabindex", i === next ? "0" : "-1");
      });
      items[next].focus();
      if (onMove) onMove(items[next]);
    });
  }

  function buildTabs(settings, textarea, toolbar) {
    var id = textarea.id;
    var tabs = element("div", { class: "post-editor-tabs", role: "tablist" });
    var write = element("button", {
      type: "button", role: "tab", id: id + "-write-tab", "aria-selected": "true",
      "aria-controls": id + "-write", tabindex: "0", class: "post-editor-tab",
    }, settings.labelWrite);
    var preview = element("button", {
      type: "button", role: "tab", id: id + "-preview-tab", "aria-selected": "false",
      "aria-controls": id + "-preview", tabindex: "-1", class: "post-editor-tab",
    }, settings.labelPreview);
    tabs.appendChild(write);
    tabs.appendChild(preview);
    var panel = element("div", {
      id: id + "-preview", role: "tabpanel", "aria-labelledby": preview.id,
      class: "post-editor-preview post-content", tabindex: "0", hidden: "",
    });

    function show(previewing) {
      write.setAttribute("aria-selected", String(!previewing));
      preview.setAttribute("aria-selected", String(previewing));
      write.setAttribute("tabindex", previewing ? "-1" : "0");
      preview.setAttribute("tabindex", previewing ? "0" : "-1");
      textarea.hidden = previewing;
      toolbar.hidden = previewing;
      panel.hidden = !previewing;
      if (previewing) render(settings, textarea, panel);
    }
    write.addEventListener("click", function () { show(false); textarea.focus(); });
    preview.addEventListener("click", function () { show(true); });
    rovingFocus(tabs, "[role=tab]", function (tab) { show(tab === preview); });
    return { tabs: tabs, panel: panel };
  }

  function render(settings, textarea, panel) {
    if (!textarea.value.trim()) {
      panel.textContent = settings.labelEmpty;
      return;
    }
    panel.textContent = settings.labelLoading;
    panel.setAttribute("aria-busy", "true");
    fetch(settings.previewUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(textarea.form),
      },
      body: JSON.stringify({ content: textarea.value }),
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        // Rendered and sanitised by the server (forum.markdown), as the post will be.
        panel.innerHTML = data.html;
      })
      .catch(function () {
        panel.textContent = settings.labelFailed;
      })
      .finally(function () {
        panel.removeAttribute("aria-busy");
      });
  }

  function mentions(settings, textarea) {
    var id = textarea.id + "-mentions";
    var list = element("ul", {
      id: id, role: "listbox", class: "post-editor-mentions", "aria-label": settings.labelMentions,
      hidden: "",
    });
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", id);
    var members = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      list.hidden = true;
      list.textContent = "";
      members = [];
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
      textarea.setAttribute("aria-expanded", "false");
    }

    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, i) {
        option.setAttribute("aria-selected", String(i === index));
      });
      textarea.setAttribute("aria-activedescendant", id + "-" + index);
    }

    function choose(index) {
      var member = members[index];
      var caret = textarea.selectionStart;
      var match = textarea.value.slice(0, caret).match(MENTION);
      if (!member || !match) return close();
      var start = caret - match[2].length - 1;
      textarea.setRangeText("@" + member.username + " ", start, caret, "end");
      close();
      changed(textarea);
    }

    function showMembers(found) {
      list.textContent = "";
      members = found;
      if (!found.length) return close();
      found.forEach(function (member, index) {
        var option = element("li", {
          id: id + "-" + index, role: "option", "aria-selected": "false",
          class: "post-editor-mention",
        });
        option.appendChild(element("strong", {}, member.name));
        option.appendChild(document.createTextNode(" @" + member.username));
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      textarea.setAttribute("aria-expanded", "true");
      highlight(0);
    }

    function lookUp() {
      var match = textarea.value.slice(0, textarea.selectionStart).match(MENTION);
      if (!match) return close();
      var ask = ++asked;
      var url = settings.mentionsUrl + "?q=" + encodeURIComponent(match[2]);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { members: [] };
        })
        .then(function (data) {
          if (ask === asked) showMembers(data.members || []);
        })
        .catch(close);
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 150);
    });
    textarea.addEventListener("blur", function () { setTimeout(close, 150); });
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden || !members.length) return;
      if (event.key === "ArrowDown") highlight((active + 1) % members.length);
      else if (event.key === "ArrowUp") highlight((active - 1 + members.length) % members.length);
      else if (event.key === "Enter" || event.key === "Tab") choose(active);
      else if (event.key === "Escape") close();
      else return;
      event.preventDefault();
    });
    return list;
  }

  function shortcuts(textarea, toolbar) {
    textarea.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      var action = { b: "bold", i: "italic", k: "link" }[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      toolbar.querySelector("[data-editor-action=" + action + "]").click();
    });
  }

  function bind(settingsElement) {
    var settings = settingsElement.dataset;
    var textarea = document.getElementById(settings.postEditor);
    if (!textarea || textarea.dataset.postEditorBound) return;
    textarea.dataset.postEditorBound = "1";
    var toolbar = buildToolbar(settings, textarea);
    var parts = buildTabs(settings, textarea, toolbar);
    var list = mentions(settings, textarea);
    var box = element("div", { class: "post-editor" });
    textarea.parentNode.insertBefore(box, textarea);
    box.appendChild(parts.tabs);
    box.appendChild(toolbar);
    box.appendChild(textarea);
    box.appendChild(list);
    box.appendChild(parts.panel);
    shortcuts(textarea, toolbar);
  }

  // Words as the server counts them (courses/text.py: runs of letters, digits and "_", with
  // inner ' and -), so Markdown's #, * and > alone are no words.
  var WORD = /[\p{L}\p{N}_][\p{L}\p{N}_'’-]*/gu;

  function countWords(text) {
    var matches = text.match(WORD);
    return matches ? matches.length : 0;
  }

  // The count under the message (templates/cohort_forum/partials/word_count.html), kept
  // current while the author types; over the week's limit it says so in words.
  function bindWordCount(counter) {
    var textarea = document.getElementById(counter.dataset.postWordCount);
    if (!textarea || counter.dataset.bound) return;
    counter.dataset.bound = "1";
    var value = counter.querySelector("[data-word-count-value]");
    var over = counter.querySelector("[data-word-count-over]");
    var limit = parseInt(counter.dataset.wordLimit || "0", 10);
    var language = document.documentElement.lang || undefined;
    var plural = new Intl.PluralRules(language);
    var number = new Intl.NumberFormat(language);
    var described = (textarea.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(counter.id) < 0) {
      textarea.setAttribute("aria-describedby", described.concat(counter.id).join(" ").trim());
    }
    var wasOver = null;
    function update() {
      var count = countWords(textarea.value);
      var label = plural.select(count) === "one" ? counter.dataset.wordsOne : counter.dataset.wordsOther;
      value.textContent = label.replace("%(count)s", number.format(count));
      var isOver = limit > 0 && count > limit;
      counter.classList.toggle("is-over-limit", isOver);
      // Only a change is announced (the region is aria-live), not every keystroke.
      if (over && isOver !== wasOver) {
        over.textContent = "";
        if (isOver) over.appendChild(element("strong", {}, counter.dataset.labelOver));
      }
      wasOver = isOver;
    }
    textarea.addEventListener("input", update);
    update();
  }

  function init() {
    document.querySelectorAll("[data-post-editor]").forEach(bind);
    document.querySelectorAll("[data-post-word-count]").forEach(bindWordCount);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
