// The exports page: each export being prepared polls its state and shows its progress,
// then its download link (proceedings/views/exports.py, `status`). Without JavaScript the
// page refreshes itself instead.
(function () {
  "use strict";
  var INTERVAL = 1500;

  function update(row, state) {
    row.setAttribute("data-status", state.status);
    var status = row.querySelector(".export__status");
    var bar = row.querySelector(".export__progress");
    var step = row.querySelector(".export__step");
    var error = row.querySelector(".export__error");
    if (status) status.textContent = state.status_label;
    if (bar) {
      bar.value = state.progress;
      bar.textContent = state.progress + "%";
      bar.hidden = state.finished;
    }
    if (step) step.textContent = state.finished ? "" : state.step;
    if (error) error.textContent = state.status === "failed" ? state.error : "";
  }

  function finish(row, state) {
    if (state.status === "failed") {
      window.location.reload(); // the page's own "Try again" form, with its token
      return;
    }
    var cell = row.querySelector(".export__file");
    if (cell && state.download_url && !cell.querySelector(".export__download")) {
      var link = document.createElement("a");
      link.className = "export__download";
      link.href = state.download_url;
      link.textContent = cell.closest("table").getAttribute("data-download-label") || "Download";
      cell.appendChild(link);
    }
  }

  function poll(row) {
    var url = row.getAttribute("data-export-status-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        update(row, state);
        if (state.finished) finish(row, state);
        else window.setTimeout(function () { poll(row); }, INTERVAL);
      })
      .catch(function () {
        window.setTimeout(function () { poll(row); }, INTERVAL * 4);
      });
  }

  document.querySelectorAll("tr.export").forEach(function (row) {
    var status = row.getAttribute("data-status");
    if (status === "queued" || status === "running") poll(row);
  });
})();
