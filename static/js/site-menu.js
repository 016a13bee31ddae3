// Progressive enhancement of the phone header (see "Header" in weerbaar.css). Without JavaScript
// "Menu" is a link to #menu and :target unfolds the header; here it becomes a disclosure button
// with aria-expanded, so opening the menu neither jumps nor adds a history entry.
(function () {
  const header = document.querySelector("[data-site-menu]");
  const open = header && header.querySelector("[data-menu-open]");
  if (!open) return;
  const holder = open.parentElement;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "menu-toggle__button";
  button.append(...open.childNodes);
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "account-nav site-bar");
  holder.replaceChildren(button);
  header.classList.add("site-header--js");
  const set = (expanded) => {
    header.classList.toggle("site-header--open", expanded);
    button.setAttribute("aria-expanded", String(expanded));
  };
  set(window.location.hash === "#" + header.id); // opened by the link before the script ran
  button.addEventListener("click", () => set(button.getAttribute("aria-expanded") !== "true"));
  header.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return; // the autocomplete closed its list first
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();
