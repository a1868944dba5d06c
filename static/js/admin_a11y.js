/* Hausportal's administration, WCAG 2.1 AA: names for the controls Django's admin
   widgets draw without one. Loaded as a file (the portal's CSP allows no inline script).

   - The dual list box (SelectFilter) draws its search icon as a <span> with an
     aria-label, which a span may not carry: it becomes an image with that name.
   - The search box of an autocomplete field (select2) is named by the field's label.
   - The inputs of an editable list are named by their column and row. */
(function () {
  "use strict";

  function nameIcons(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function nameAutocompletes(root) {
    root.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      var container = box.closest(".select2");
      var select = container && container.previousElementSibling;
      var label = select && select.id && document.querySelector("label[for='" + select.id + "']");
      if (!label) return;
      var name = label.textContent.replace(/:\s*$/, "").trim();
      box.setAttribute("aria-label", name);
      // The chosen value is shown in a read-only text box of its own, named the same.
      box.querySelectorAll("[role=textbox]").forEach(function (shown) {
        shown.setAttribute("aria-label", name);
      });
    });
  }

  function nameListInputs(root) {
    var table = root.querySelector("#result_list");
    if (!table) return;
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var rowName = row.querySelector("th") ? row.querySelector("th").textContent.trim() : "";
      Array.prototype.forEach.call(row.children, function (cell, index) {
        cell.querySelectorAll("input:not([type=hidden]):not(.action-select), select, textarea").forEach(function (input) {
          var labelled = input.hasAttribute("aria-label") ||
            (input.id && document.querySelector("label[for='" + input.id + "']"));
          if (!labelled) input.setAttribute("aria-label", (headers[index] || "") + (rowName ? " – " + rowName : ""));
        });
      });
    });
  }

  function fix(root) {
    nameIcons(root);
    nameAutocompletes(root);
    nameListInputs(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    fix(document);
    // The widgets are drawn by scripts that run after this one, and again for inline rows.
    new MutationObserver(function () { nameIcons(document); nameAutocompletes(document); })
      .observe(document.body, { childList: true, subtree: true });
  });
})();
