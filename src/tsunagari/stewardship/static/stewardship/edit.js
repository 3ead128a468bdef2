// The edit page with htmx: after a row is added, focus the first field of the new row;
// after the preview, move focus to the preview's heading (or to the error message) so
// screen-reader users hear the result.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (trigger && trigger.name === "add") {
      var rows = document.querySelectorAll("#part-" + trigger.value + "s fieldset.row");
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
