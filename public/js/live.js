// Live coverage (docs/live.md): while the coverage is open and the tab is visible, checks the
// page's live.json every 30 s and offers the new entries; nothing moves until the reader asks.
const POLL_MS = 30_000;

const root = document.querySelector(".live[data-live-json]");
const note = root?.querySelector(".live-updates__note");
const button = root?.querySelector(".live-updates__show");
const list = root?.querySelector(".live-entry-list");

if (root && note && button && list && root.dataset.liveStatus !== "ended") start(root, note, button, list);

function start(root, note, button, list) {
  const begin = Date.parse(root.dataset.liveStart ?? "");
  const end = Date.parse(root.dataset.liveEnd ?? "");
  let timer;
  let lastCheck = Date.now();
  /** Ids of entries the server has that the page does not show yet, oldest first. */
  let waiting = [];
  let stopped = false;

  const ended = () => Number.isFinite(end) && Date.now() >= end;
  const schedule = () => {
    clearTimeout(timer);
    if (stopped || document.visibilityState !== "visible") return;
    // Not before the coverage starts, nor more often than every POLL_MS.
    const due = Math.max(lastCheck + POLL_MS, Number.isFinite(begin) ? begin : 0);
    timer = setTimeout(check, Math.max(0, due - Date.now()));
  };
  const stop = (text) => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", schedule);
    if (waiting.length === 0) button.hidden = true;
    note.textContent = text;
    const badge = root.querySelector(".live-badge");
    if (badge) badge.textContent = "Ended";
  };

  async function check() {
    if (ended()) return stop("This live coverage has ended. Reload the page for its last updates.");
    lastCheck = Date.now();
    try {
      const response = await fetch(root.dataset.liveJson, { cache: "no-cache" });
      if (!response.ok) throw new Error(String(response.status));
      const state = await response.json();
      waiting = state.entries.filter((entry) => !document.getElementById(entry.id)).map((entry) => entry.id).reverse();
      offer();
      if (state.status === "ended") return stop(waiting.length ? "This live coverage has ended." : "This live coverage has ended. You have every update.");
    } catch {
      // A failed check (offline, a deploy in progress) is tried again at the next one.
    }
    schedule();
  }

  function offer() {
    if (waiting.length === 0) {
      button.hidden = true;
      return;
    }
    const words = waiting.length === 1 ? "1 new update" : `${waiting.length} new updates`;
    // Announced once per change by the polite status region; the button does not move the page.
    if (note.textContent !== words) note.textContent = words;
    button.textContent = `Show ${words}`;
    button.hidden = false;
  }

  async function show() {
    button.disabled = true;
    try {
      const response = await fetch(location.pathname, { cache: "no-cache" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const added = [];
      for (const id of waiting) {
        const entry = page.getElementById(id);
        if (!entry || document.getElementById(id)) continue;
        // Newest first: each newer entry goes above the last one added.
        list.prepend(document.importNode(entry, true));
        added.push(id);
      }
      const keyEvents = page.querySelector(".live-key-events");
      const current = root.querySelector(".live-key-events");
      if (keyEvents && current) current.replaceWith(document.importNode(keyEvents, true));
      // The first key event: the list goes where the page puts it, before the results box and the updates.
      else if (keyEvents) (root.querySelector(".results-box") ?? root.querySelector(".live-entries"))?.before(document.importNode(keyEvents, true));
      waiting = waiting.filter((id) => !added.includes(id));
      const newest = added.length ? document.getElementById(added[added.length - 1]) : null;
      if (newest) {
        // Focus moves to the newest entry, so keyboard and screen-reader users continue from there.
        newest.tabIndex = -1;
        newest.focus();
      }
      note.textContent = added.length === 1 ? "1 update added." : `${added.length} updates added.`;
    } catch {
      note.textContent = "The new updates could not be loaded. Reload the page to see them.";
    } finally {
      button.disabled = false;
      if (waiting.length) offer();
      else button.hidden = true;
    }
  }

  button.addEventListener("click", show);
  document.addEventListener("visibilitychange", schedule);
  note.textContent = "New updates are offered here as they come in.";
  schedule();
}
