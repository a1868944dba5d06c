// Booking forms of the conference centre (reception and tenant area).
//
// The live quote: whenever a field changes, the form is posted with the header
// X-Hausportal-Region and the server answers with the answer area (#quote-region)
// alone. The buttons "Check and show the price" and "Book now" use the same way:
// the form stays as it was typed, a refusal with free alternatives appears beside
// it, and after a booking the server names the page to go to. Without this script
// (or if the answer is not what we expect) the form is sent as a normal page.
(function () {
  "use strict";
  const form = document.getElementById("booking-form");
  const region = document.getElementById("quote-region");
  if (!form || !region || !window.fetch) {
    return;
  }
  let timer = null;
  let latest = 0;
  let sending = false;

  function post(action) {
    const data = new FormData(form);
    data.set("action", action);
    return fetch(window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Hausportal-Region": "quote" },
    });
  }

  // Each free alternative gets a button that puts its room, day and times into the
  // form; the live quote then shows its price.
  function offerSlots() {
    const list = region.querySelector("[data-use-label]");
    if (!list) {
      return;
    }
    list.querySelectorAll("li[data-slot-date]").forEach(function (item) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link btn-sm p-0 ms-2 align-baseline";
      button.textContent = list.dataset.useLabel;
      // Each button names its slot, after the words it shows.
      button.setAttribute("aria-label", list.dataset.useLabel + ": " + item.textContent.trim());
      button.addEventListener("click", function () { useSlot(item.dataset); });
      item.appendChild(button);
    });
  }

  function useSlot(slot) {
    const fields = { room: slot.slotRoom, date: slot.slotDate, start_time: slot.slotStart, end_time: slot.slotEnd };
    let first = null;
    Object.keys(fields).forEach(function (name) {
      const field = form.elements.namedItem(name);
      const offered = field && (field.tagName !== "SELECT" ||
        Array.prototype.some.call(field.options, function (o) { return o.value === fields[name]; }));
      if (offered) {
        field.value = fields[name];
        first = first || field;
      }
    });
    if (first) {
      first.focus();
    }
    schedule(0);
  }

  function show(html, moveFocus) {
    region.innerHTML = html;
    offerSlots();
    const first = region.querySelector("[data-focus]");
    if (moveFocus) {
      (first || region.querySelector("button[value=book]") || region).focus();
    }
  }

  function refresh() {
    const request = ++latest;
    post("quote")
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null && request === latest && !sending) {
          show(html, false);
        }
      })
      .catch(function () { /* the buttons still work without the live preview */ });
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  function sendNatively(submitter) {
    form.dataset.native = "1";
    form.requestSubmit(submitter);
  }

  form.addEventListener("submit", function (event) {
    const submitter = event.submitter;
    if (form.dataset.native || !submitter || submitter.name !== "action") {
      return;
    }
    event.preventDefault();
    if (sending) {
      return;
    }
    sending = true;
    latest++;  // a live quote still on its way must not overwrite this answer
    clearTimeout(timer);
    region.setAttribute("aria-busy", "true");
    post(submitter.value)
      .then(function (response) {
        const target = response.headers.get("X-Hausportal-Navigate");
        if (target && target.charAt(0) === "/" && target.charAt(1) !== "/") {
          window.location.assign(target);
          return null;
        }
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        if (html !== null) {
          show(html, true);
        }
      })
      .catch(function () { sendNatively(submitter); })
      .finally(function () {
        sending = false;
        region.removeAttribute("aria-busy");
      });
  });

  offerSlots();  // alternatives on a page sent without the script
  form.addEventListener("change", function () { schedule(250); });
  form.addEventListener("input", function () { schedule(600); });
})();
