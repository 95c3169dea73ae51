// Suggestions for the header's search box, as the visitor types: an enhancement only.
// Without this script the box is a plain form that opens /sok/?q=…
(function () {
  "use strict";
  var input = document.getElementById("site-search-q");
  var list = document.getElementById("site-search-suggestions");
  if (!input || !list || !window.fetch) {
    return;
  }
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = "";

  function fill(suggestions) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    suggestions.forEach(function (suggestion) {
      var option = document.createElement("option");
      option.value = suggestion.title;
      list.appendChild(option);
    });
  }

  function ask() {
    var query = input.value.trim();
    if (query.length < 2 || query === last) {
      return;
    }
    last = query;
    fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === query) { fill(data.suggestions || []); } })
      .catch(function () { fill([]); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 200);
  });
})();
