// Reloads the page when `minhbach serve` has rebuilt the site. Added by the
// preview server to the pages it serves; never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var token = (script && script.getAttribute("data-token")) || "";
  var delay = 500;
  function poll() {
    fetch("/__minhbach/events?since=" + encodeURIComponent(token), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.text();
      })
      .then(function (current) {
        delay = 500;
        if (current !== token) {
          location.reload();
        } else {
          poll();
        }
      })
      .catch(function () {
        // The server is restarting or stopped: try again, more slowly.
        delay = Math.min(delay * 2, 5000);
        setTimeout(poll, delay);
      });
  }
  poll();
})();
