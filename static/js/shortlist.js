// Progressive enhancement for "Lagre yrket". The occupation page is the same for every visitor
// (the page cache serves it), so it cannot know whether this browser has saved the occupation.
// This script reads the shortlist cookie (compare/shortlist.py: the slugs joined by ".", then
// ":" and the signature) and turns a saved occupation's button into "Fjern fra Mine yrker".
// Without it the button always saves, and saving twice changes nothing.
(function () {
  "use strict";
  document.querySelectorAll("form[data-shortlist]").forEach(function (form) {
    var name = form.getAttribute("data-cookie");
    var cookie = document.cookie.split("; ").filter(function (pair) {
      return pair.indexOf(name + "=") === 0;
    })[0];
    if (!cookie) { return; }
    var slugs = cookie.slice(name.length + 1).replace(/^"|"$/g, "").split(":")[0].split(".");
    if (slugs.indexOf(form.elements.yrke.value) === -1) { return; }
    form.elements.handling.value = "fjern";
    form.querySelector("button").textContent = form.getAttribute("data-remove-label");
  });
})();
