// Paper entry: after a valid one-digit answer, move the focus to the next field, so a
// questionnaire is typed as a run of digits. Enter saves (the form's own submit); the
// page works the same without this file.
(function () {
  "use strict";
  var form = document.getElementById("paper-form");
  if (!form) { return; }
  var fields = Array.prototype.slice.call(form.querySelectorAll("input[data-values]"));
  var all = Array.prototype.slice.call(form.querySelectorAll("input[type=text]"));
  fields.forEach(function (field) {
    field.addEventListener("input", function () {
      var allowed = field.getAttribute("data-values").split(" ");
      var value = field.value.trim();
      if (value.length === 1 && allowed.indexOf(value) !== -1) {
        var next = all[all.indexOf(field) + 1];
        if (next) { next.focus(); next.select(); }
      }
    });
  });
})();
