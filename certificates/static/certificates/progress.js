// Polls a bulk issue's progress (a small JSON endpoint fed by the task) until done.
(function () {
  var box = document.querySelector(".batch-progress");
  if (!box || box.dataset.done === "done") return;
  var bar = box.querySelector("progress");
  function poll() {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (progress) {
        bar.value = progress.percent;
        bar.textContent = progress.percent + "%";
        box.querySelector("[data-processed]").textContent = progress.processed;
        box.querySelector("[data-issued]").textContent = progress.issued;
        box.querySelector("[data-status]").textContent = progress.status_display;
        if (progress.done) { window.setTimeout(function () { window.location.reload(); }, 800); }
        else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
