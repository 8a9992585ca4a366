// Keeps the word count of a case study current while its author types in the editor.
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}_][\p{L}\p{N}_'’-]*/gu;

  function countWords(text) {
    var matches = text.match(WORD);
    return matches ? matches.length : 0;
  }

  function bind(panel) {
    var input = document.getElementById(panel.dataset.wordCountTarget);
    if (!input) return;
    var field = input.closest("[data-field-input]") || input.parentElement;
    var value = panel.querySelector("[data-word-count-value]");
    var warning = panel.querySelector("[data-word-count-warning]");
    var limit = parseInt(panel.dataset.wordCountLimit, 10);

    function update() {
      // Until the editor is mounted, the count rendered by the server stands.
      var editor = field.querySelector("[contenteditable='true']");
      if (!editor) return;
      var count = countWords(editor.innerText);
      value.textContent = count;
      var tooLong = count > limit;
      warning.hidden = !tooLong;
      panel.classList.toggle("help-warning", tooLong);
    }

    field.addEventListener("input", update);
    field.addEventListener("keyup", update);
    new MutationObserver(update).observe(field, { childList: true, subtree: true, characterData: true });
  }

  function init() {
    document.querySelectorAll("[data-word-count]").forEach(bind);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
