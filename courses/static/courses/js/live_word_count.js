// A live word count under a text field, counted as the server counts (courses/text.py).
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}_][\p{L}\p{N}_'’-]*/gu;

  function bind(counter) {
    var input = document.getElementById(counter.dataset.liveWordCount);
    if (!input || counter.dataset.bound) return;
    counter.dataset.bound = "1";
    var value = counter.querySelector("[data-word-count-value]");
    var limit = parseInt(counter.dataset.wordLimit || "0", 10);
    function update() {
      var matches = input.value.match(WORD);
      var count = matches ? matches.length : 0;
      value.textContent = count;
      counter.classList.toggle("text-danger", limit > 0 && count > limit);
    }
    input.addEventListener("input", update);
    update();
  }

  function init() {
    document.querySelectorAll("[data-live-word-count]").forEach(bind);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
