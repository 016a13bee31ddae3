// Progressive enhancement: move focus to the error summary so screen readers announce it
// and keyboard users can follow its links to each field.
document.querySelectorAll("[data-focus-on-load]").forEach((summary) => summary.focus());
