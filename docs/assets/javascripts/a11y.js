/* Material renders its search as role="dialog" without a name (axe: aria-dialog-name): it gets the
   name of its own search field, which Material gives in the page's language. */
(function () {
  "use strict";
  var search = document.querySelector(".md-search[role=dialog]");
  if (!search || search.hasAttribute("aria-label")) return;
  var field = search.querySelector("input[aria-label]");
  var name = field && field.getAttribute("aria-label");
  if (name) search.setAttribute("aria-label", name);
})();
