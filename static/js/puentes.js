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

// The course navigation is folded on a phone (the content comes first) and open beside the
// content on a wide screen. Without JavaScript it stays folded and opens on demand.
const wideScreen = window.matchMedia("(min-width: 60rem)");
const fitCourseNav = () => {
  document.querySelectorAll("[data-course-nav]").forEach((details) => {
    details.open = wideScreen.matches;
  });
};
document.addEventListener("DOMContentLoaded", fitCourseNav);
wideScreen.addEventListener("change", fitCourseNav);
