// Show a post's original (or its translation again) in place, without reloading the page.
// Without JavaScript the same links ask the server for the other version.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-toggle-original]");
  if (!toggle) return;
  const post = toggle.closest("[data-post]");
  if (!post) return;
  event.preventDefault();
  const showingOriginal = toggle.dataset.showing === "original" ||
    (!toggle.dataset.showing && post.querySelector('[data-version="translation"][hidden]') !== null);
  const show = showingOriginal ? "translation" : "original";
  post.querySelectorAll("[data-version]").forEach((element) => {
    element.hidden = element.dataset.version !== show;
  });
  toggle.dataset.showing = show;
  toggle.textContent = show === "original" ? toggle.dataset.labelTranslation : toggle.dataset.labelOriginal;
});
