// Harvesting a passage for the proceedings (organizers and key respondents only: the
// "Harvest" link of a post, [data-harvest-post], is on the page for them alone).
//
// Selecting text inside a post offers "Harvest this passage": the harvest form opens with
// the selection. A passage is always taken from the post as written, so a selection made in
// a translation offers "Harvest from the original" instead: the form shows the original,
// where the harvester selects or trims the passage. Without JavaScript, "Harvest" opens the
// form with the whole post.
(() => {
  // A long selection does not fit in a URL: it goes through the session's storage instead.
  const MAX_URL_TEXT = 3000;
  const STORAGE_KEY = "puentes:harvest-selection";

  const removeOffer = () => {
    document.querySelectorAll("[data-harvest-selection]").forEach((element) => element.remove());
  };

  const selectionIn = (selection) => {
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    const container = range.commonAncestorContainer;
    const element = container.nodeType === Node.ELEMENT_NODE ? container : container.parentElement;
    const content = element && element.closest("[data-post-content]");
    if (!content) return null;
    const post = content.closest("[data-post]");
    const link = post && post.querySelector("[data-harvest-post]");
    if (!link) return null;
    const text = selection.toString().trim();
    if (!text) return null;
    const inTranslation = element.closest('[data-version="translation"]') !== null;
    return { content, link, text, inTranslation, postId: post.id };
  };

  const offer = (found) => {
    removeOffer();
    const paragraph = document.createElement("p");
    paragraph.className = "harvest-selection";
    paragraph.dataset.harvestSelection = "";
    const action = document.createElement("a");
    action.className = "btn btn-secondary btn-sm";
    if (found.inTranslation) {
      action.href = found.link.href;
      action.textContent = found.link.dataset.labelOriginal;
      const hint = document.createElement("span");
      hint.className = "harvest-selection__hint";
      hint.textContent = ` ${found.link.dataset.hintOriginal}`;
      paragraph.append(action, hint);
    } else {
      const encoded = encodeURIComponent(found.text);
      if (encoded.length <= MAX_URL_TEXT) {
        action.href = `${found.link.href}?text=${encoded}`;
      } else {
        action.href = found.link.href;
        action.addEventListener("click", () => {
          sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ post: found.postId, text: found.text }));
        });
      }
      action.textContent = found.link.dataset.labelPassage;
      paragraph.append(action);
    }
    found.content.after(paragraph);
  };

  const update = (event) => {
    if (event && event.target instanceof Element && event.target.closest("[data-harvest-selection]")) {
      return;
    }
    const found = selectionIn(window.getSelection());
    if (found) offer(found);
    else removeOffer();
  };

  if (document.querySelector("[data-harvest-post]")) {
    document.addEventListener("mouseup", update);
    document.addEventListener("keyup", update);
    document.addEventListener("touchend", update);
  }

  // The harvest form: a long selection waits in the session's storage.
  const field = document.querySelector("[data-harvest-text]");
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (field && stored) {
    sessionStorage.removeItem(STORAGE_KEY);
    try {
      const selection = JSON.parse(stored);
      if (String(selection.post) === field.dataset.harvestText) field.value = selection.text;
    } catch {
      // Nothing usable was stored: the form keeps the whole post.
    }
  }
})();
