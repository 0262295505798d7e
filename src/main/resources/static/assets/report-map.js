// Draws the report maps with Leaflet. The pages work without it: places can be typed as an address or
// coordinates, and every report is in the list. A map whose tiles cannot load still takes clicks.
(function () {
  'use strict';

  function setUp(element) {
    if (typeof L === 'undefined') {
      return;
    }
    var data = element.dataset;
    element.classList.add('report-map--active');
    var map = L.map(element, { keyboard: true }).setView([parseFloat(data.lat), parseFloat(data.lon)], parseInt(data.zoom, 10));
    if (data.tiles) {
      var failed = 0;
      var layer = L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 19 });
      layer.on('tileerror', function () {
        failed += 1;
        if (failed === 4) {
          var note = document.createElement('p');
          note.className = 'map-note';
          note.textContent = data.noTiles;
          element.parentNode.insertBefore(note, element.nextSibling);
        }
      });
      layer.addTo(map);
    }
    var marker = null;
    function place(lat, lon) {
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.marker([lat, lon]).addTo(map);
      }
    }
    if (data.markerLat) {
      place(parseFloat(data.markerLat), parseFloat(data.markerLon));
    }
    if (data.pick) {
      var latitude = document.getElementById('latitude');
      var longitude = document.getElementById('longitude');
      function choose(latlng) {
        latitude.value = latlng.lat.toFixed(6);
        longitude.value = latlng.lng.toFixed(6);
        place(latlng.lat, latlng.lng);
      }
      map.on('click', function (event) {
        choose(event.latlng);
      });
      // at the keyboard: move the map with the arrow keys, then Enter chooses its centre
      element.addEventListener('keydown', function (event) {
        if (event.target === element && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          choose(map.getCenter());
        }
      });
      function typed() {
        var lat = parseFloat((latitude.value || '').replace(',', '.'));
        var lon = parseFloat((longitude.value || '').replace(',', '.'));
        if (!isNaN(lat) && !isNaN(lon)) {
          place(lat, lon);
          map.panTo([lat, lon]);
        }
      }
      latitude.addEventListener('change', typed);
      longitude.addEventListener('change', typed);
    }
    if (data.geojson) {
      fetch(data.geojson, { headers: { Accept: 'application/geo+json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (collection) {
          if (!collection) {
            return;
          }
          // thousands of markers as page elements make the page slow; drawn on a canvas they are not
          var many = collection.features && collection.features.length > 500;
          var canvas = many ? L.canvas({ padding: 0.5 }) : undefined;
          L.geoJSON(collection, {
            renderer: canvas,
            pointToLayer: many ? function (feature, latlng) {
              return L.circleMarker(latlng, { renderer: canvas, radius: 5, weight: 1 });
            } : undefined,
            onEachFeature: function (feature, layer) {
              var p = feature.properties || {};
              var box = document.createElement('div');
              if (p.category !== undefined) {
                // a problem report: its number links to its page (the staff's own, where the data names it)
                var link = document.createElement('a');
                link.href = p.href ? data.link.replace(/\/felanmalan\/$/, '') + p.href : data.link + encodeURIComponent(p.id);
                link.textContent = p.id;
                box.appendChild(link);
                box.appendChild(document.createTextNode(' ' + p.category + ', ' + p.status + ' (' + p.reported + ')'));
              } else {
                // any other dataset: its first properties, as text
                Object.keys(p).slice(0, 8).forEach(function (key) {
                  var line = document.createElement('div');
                  line.textContent = key + ': ' + (p[key] === null ? '' : p[key]);
                  box.appendChild(line);
                });
              }
              layer.bindPopup(box);
            }
          }).addTo(map);
        });
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.report-map').forEach(setUp);
  });
}());
