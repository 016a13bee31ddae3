// Progressive enhancement: a print button where JavaScript runs; browsers' own print works anyway.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
