/* The results map. Markers are circles drawn by Leaflet (SVG), so they show even with
   no tile server (data-tile-url empty): then the map is markers on a plain background.
   Tiles come only from the configured tile server. */
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") return;
  // Markers: a JSON list (detail page), or the result cards' data-lat/data-lon (search).
  var data = document.getElementById("map-markers");
  var markers = data ? JSON.parse(data.textContent) : [];
  if (!data) {
    document.querySelectorAll(".card[data-lat]").forEach(function (card) {
      var link = card.querySelector("h3 a");
      markers.push({
        name: link.textContent,
        url: link.getAttribute("href"),
        lat: parseFloat(card.dataset.lat),
        lon: parseFloat(card.dataset.lon)
      });
    });
  }
  element.textContent = "";
  var map = L.map(element, { scrollWheelZoom: false });
  var tileUrl = element.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, {
      maxZoom: 18,
      attribution: element.dataset.tileAttribution || ""
    }).addTo(map);
  }
  var points = [];
  markers.forEach(function (m) {
    var point = [m.lat, m.lon];
    points.push(point);
    var marker = L.circleMarker(point, {
      radius: 9, color: "#1e6b52", weight: 3, fillColor: "#ffffff", fillOpacity: 1
    }).bindTooltip(m.name);
    if (m.url) {
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.name;
      marker.bindPopup(link);
    }
    marker.addTo(map);
  });
  if (points.length) {
    map.fitBounds(points, { padding: [24, 24], maxZoom: 15 });
  } else {
    map.setView([36.2, 138.25], 5); // Japan
  }
  element.classList.add("map-ready");
})();
