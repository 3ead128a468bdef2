// The edit page with htmx: after a row is added, focus its first field; after the
// preview, move focus to the preview's heading so screen readers hear the result.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.isConnected) {
      target = document.getElementById("edit-form");
    }
    var part = event.detail.elt && event.detail.elt.value;
    if (event.detail.elt && event.detail.elt.name === "add") {
      var rows = document.querySelectorAll("#part-" + part + "s fieldset.row");
      var last = rows[rows.length - 1];
      var field = last && last.querySelector("input:not([type=hidden]), textarea, select");
      if (field) { field.focus(); }
      return;
    }
    var error = document.querySelector("#edit-form [role=alert]");
    var heading = document.getElementById("preview-title");
    if (error) {
      error.setAttribute("tabindex", "-1");
      error.focus();
    } else if (heading) {
      heading.focus();
    }
  });
})();
