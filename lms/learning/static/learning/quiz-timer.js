// The quiz's remaining time, counted down from the server's deadline.
// The server enforces the deadline; this only shows it.
(function () {
  var box = document.getElementById("quiz-timer");
  if (!box) return;
  var deadline = new Date(box.dataset.deadline).getTime();
  var out = box.querySelector(".timer-remaining");
  function tick() {
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    out.textContent = " " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left > 0) setTimeout(tick, 1000);
  }
  tick();
})();
