// Embeds (see docs/stories.md): the page shows a link; this module turns each embed's button on and,
// only when the reader clicks it, loads the provider's player in a sandboxed frame.
for (const figure of document.querySelectorAll("figure.embed[data-embed-src]")) {
  const button = figure.querySelector("button.embed-load");
  const src = figure.dataset.embedSrc ?? "";
  // The build only writes https players of allowlisted providers; anything else is not loaded.
  if (!button || !src.startsWith("https://")) continue;
  button.hidden = false;
  button.addEventListener(
    "click",
    () => {
      const frame = document.createElement("iframe");
      frame.src = src;
      frame.title = figure.dataset.embedTitle || "Embedded content";
      // Players need their own scripts and origin (cross-origin, so they cannot reach this page).
      frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
      frame.allow = "fullscreen; picture-in-picture; encrypted-media";
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.className = "embed-frame";
      button.replaceWith(frame);
      frame.focus();
    },
    { once: true },
  );
}
