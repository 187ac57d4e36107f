/* Source marks open in place (issue 33). A mark ("[2]") links to its entry in the page's list of
   sources at the foot of the page; on a phone that jump, and the way back, loses the reader's
   place. With this script a tap (or click, or Enter) on a mark shows that entry's text right under
   the line, inside the text, and the page does not scroll; the entry's own link still leads on to
   the source's section. A second tap, Escape or a tap elsewhere closes it. One listener on the
   window serves every page Material's instant navigation swaps in. Without scripts the mark is a
   plain link to the entry, as before. */
(function () {
  "use strict";
  var open = null; /* { mark: the link, box: the shown entry } */

  function close(focusMark) {
    if (!open) return;
    open.box.remove();
    open.mark.setAttribute("aria-expanded", "false");
    if (focusMark) open.mark.focus({ preventScroll: true });
    open = null;
  }

  function show(mark, entry) {
    var box = document.createElement("span");
    box.className = "kb-note-pop";
    box.setAttribute("role", "note");
    box.id = "kb-note-pop";
    /* The entry's own markup (our generator's, already escaped), without its id. */
    box.innerHTML = entry.innerHTML;
    var sup = mark.closest(".kb-mark") || mark;
    sup.after(box);
    mark.setAttribute("aria-expanded", "true");
    mark.setAttribute("aria-controls", box.id);
    open = { mark: mark, box: box };
  }

  /* On the window, before anything else sees the click: Material's instant navigation would
     otherwise take the mark's link as a navigation, scroll to the entry and redraw the page. */
  window.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    /* Material's instant navigation makes every link absolute, so the entry is read from the
       link's fragment, and only where the link stays on this page. */
    var mark = target && target.closest(".kb-mark a");
    if (mark && (mark.hash.indexOf("#kb-note-") !== 0 || mark.pathname !== location.pathname)) mark = null;
    if (!mark) {
      if (open && !(target && open.box.contains(target))) close(false);
      return;
    }
    var entry = document.getElementById(mark.hash.slice(1));
    if (!entry) return; /* no list to show from: let the link do what links do */
    event.preventDefault();
    event.stopPropagation();
    var same = open && open.mark === mark;
    close(false);
    if (!same) show(mark, entry);
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) close(true);
  });

  /* The entry's link leads on to a section of the source's page, whose quoted passages are folded
     (a phone could not lay out hundreds at once): open the fold of the section a link lands on,
     on the first load, on a new address within the page, and on each page instant navigation
     brings (Material's target$ emits the element the address's fragment names in each case). */
  function openSection(target) {
    var fold = target && target.classList && target.classList.contains("kb-source-section") &&
      target.querySelector(":scope > details.kb-passages");
    if (fold) fold.open = true;
  }
  function fromAddress() {
    var id = location.hash.slice(1);
    if (id) openSection(document.getElementById(decodeURIComponent(id)));
  }
  if (window.target$ && typeof window.target$.subscribe === "function") window.target$.subscribe(openSection);
  window.addEventListener("hashchange", fromAddress);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fromAddress);
  else fromAddress();
})();
