/* The "use my current location" button: asks the browser for the position only when
   the button is pressed, puts it in the form's hidden fields and searches. The position
   is rounded to 0.01 degree (about 1 km) first: the search URL can be shared, printed
   or put in a QR code, and must not say where someone lives. Nothing is stored. */
(function () {
  "use strict";
  // After htmx replaces the results, say how many there are (screen readers).
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var count = document.getElementById("results-count");
    var status = document.getElementById("results-status");
    if (count && status && event.target.id === "results") status.textContent = count.textContent;
  });
  // htmx changed the address bar: the language links follow the new search.
  document.body.addEventListener("htmx:pushedIntoHistory", function () {
    document.querySelectorAll(".lang-switch a").forEach(function (link) {
      var url = new URL(link.href);
      url.search = window.location.search;
      link.href = url.toString();
    });
  });
  var button = document.getElementById("use-location");
  var form = document.getElementById("search-form");
  if (!button || !form || !("geolocation" in navigator)) return;
  var status = document.getElementById("location-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting || "";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(2);
        form.elements.lon.value = position.coords.longitude.toFixed(2);
        form.elements.place.value = "";
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      },
      function () {
        status.textContent = button.dataset.failed || "";
      },
      { maximumAge: 60000, timeout: 15000 }
    );
  });
  // Typing a place name replaces the current location.
  form.elements.place.addEventListener("input", function () {
    form.elements.lat.value = "";
    form.elements.lon.value = "";
  });
})();
