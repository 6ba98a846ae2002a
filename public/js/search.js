// Instant results on the search page, from the Pagefind index built with the site.
// Without JavaScript the form still works: the page then shows its list of sections and topics.
const form = document.querySelector("[data-search-form]");
const input = form?.querySelector("input[type=search]");
const output = document.querySelector("[data-search-results]");
const status = document.querySelector("[data-search-status]");

// One index a year (see src/search/index.ts): the newest is loaded, the others merged into it.
let pagefind;
async function load() {
  const { bundles } = await (await fetch("/pagefind/bundles.json")).json();
  if (bundles.length === 0) return { search: async () => ({ results: [] }) };
  const engine = await import(`${bundles[0]}pagefind.js`);
  for (const bundle of bundles.slice(1)) await engine.mergeIndex(bundle);
  return engine;
}
function engine() {
  pagefind ??= load();
  return pagefind;
}

// The query's words marked where they start a word of the text, as Pagefind matches them (by prefix).
function marked(text, words) {
  const fragment = document.createDocumentFragment();
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (escaped.length === 0) return text;
  let last = 0;
  for (const match of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})[\\p{L}\\p{N}]*`, "giu"))) {
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    fragment.append(text.slice(last, match.index), mark);
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

function resultItem(data, words) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__headline";
  const link = document.createElement("a");
  link.href = data.url;
  link.append(marked(data.meta.title ?? data.url, words));
  heading.append(link);
  item.append(heading);
  if (data.meta.date) {
    const time = document.createElement("p");
    time.className = "search-result__date";
    time.textContent = data.meta.date;
    item.append(time);
  }
  const summary = document.createElement("p");
  summary.className = "search-result__summary";
  summary.append(marked(data.meta.summary ?? "", words));
  item.append(summary);
  return item;
}

let latest = 0;
async function search(query) {
  const run = ++latest;
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!query.trim()) {
    output.replaceChildren();
    status.textContent = "";
    document.documentElement.classList.remove("has-results");
    return;
  }
  const { search: find } = await engine();
  const response = await find(query);
  const results = await Promise.all(response.results.slice(0, 20).map((r) => r.data()));
  if (run !== latest) return;
  const words = query.split(/[\s,.;:!?"“”]+/u).filter(Boolean);
  output.replaceChildren(...results.map((data) => resultItem(data, words)));
  // The browse list is for readers without results (or without JavaScript).
  document.documentElement.classList.toggle("has-results", results.length > 0);
  status.textContent = results.length === 0 ? `No stories match “${query}”.` : `${response.results.length} ${response.results.length === 1 ? "story matches" : "stories match"} “${query}”.`;
}

if (form && input && output && status) {
  document.documentElement.classList.add("has-search");
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
  });
  const initial = new URL(location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
}
