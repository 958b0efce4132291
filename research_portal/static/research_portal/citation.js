// Copy a citation; the status line says so (its text comes from the page).
document.querySelectorAll(".copy-citation").forEach(function (button) {
  button.addEventListener("click", function () {
    var text = document.getElementById(button.dataset.target).textContent.trim();
    var status = document.getElementById("copy-status");
    var done = function () { status.textContent = status.dataset.copied; };
    if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, done); } else { done(); }
  });
});
