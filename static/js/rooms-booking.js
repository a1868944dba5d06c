// Live quote on the booking forms: whenever a field changes, ask the server for the
// price (the same POST the "Check and show the price" button sends) and show it.
(function () {
  "use strict";
  const form = document.getElementById("booking-form");
  const region = document.getElementById("quote-region");
  if (!form || !region) {
    return;
  }
  let timer = null;
  let latest = 0;

  function refresh() {
    const data = new FormData(form);
    data.set("action", "quote");
    const request = ++latest;
    fetch(window.location.href, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (request !== latest) {
          return;
        }
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("quote-region");
        if (fresh) {
          region.innerHTML = fresh.innerHTML;
        }
      })
      .catch(function () { /* the button still works without the live preview */ });
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  form.addEventListener("change", function () { schedule(250); });
  form.addEventListener("input", function () { schedule(600); });
})();
