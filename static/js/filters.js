// Progressive enhancement: on narrow screens the filter panel starts folded so results come
// first. Without JavaScript it stays open and works as a plain form.
(function () {
  if (!window.matchMedia("(max-width: 52rem)").matches) return;
  document.querySelectorAll("details[data-collapse-narrow]").forEach((details) => {
    details.open = false;
  });
})();
