// Live deadline countdowns on the inbox: every <time class="countdown" datetime="..."> shows the time left.
(function () {
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    document.querySelectorAll("time.countdown").forEach(function (el) {
      var left = Math.floor((Date.parse(el.getAttribute("datetime")) - Date.now()) / 1000);
      if (isNaN(left)) { return; }
      if (left <= 0) {
        el.textContent = el.getAttribute("data-overdue");
        el.classList.add("overdue");
        return;
      }
      var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
      el.textContent = h + ":" + pad(m) + ":" + pad(s);
    });
  }
  tick();
  setInterval(tick, 1000);
}());
