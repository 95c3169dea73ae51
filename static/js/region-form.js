// Progressive enhancement for region forms: when the county changes, offer its municipalities
// at once instead of after the next submit. Without this script the form works the same way,
// one submit later.
(function () {
  "use strict";
  var data = document.getElementById("municipalities-by-county");
  if (!data) { return; }
  var byCounty = JSON.parse(data.textContent);
  document.querySelectorAll("form[data-region-form]").forEach(function (form) {
    var county = form.querySelector("select[name=fylke]");
    var municipality = form.querySelector("select[name=kommune]");
    if (!county || !municipality) { return; }
    county.addEventListener("change", function () {
      var first = municipality.options[0];
      municipality.replaceChildren(first);
      (byCounty[county.value] || []).forEach(function (pair) {
        municipality.add(new Option(pair[1], pair[0]));
      });
      municipality.value = "";
    });
  });
})();
