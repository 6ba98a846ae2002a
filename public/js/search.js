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

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__headline";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
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
  summary.textContent = data.meta.summary ?? "";
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
    return;
  }
  const { search: find } = await engine();
  const response = await find(query);
  const results = await Promise.all(response.results.slice(0, 20).map((r) => r.data()));
  if (run !== latest) return;
  output.replaceChildren(...results.map(resultItem));
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
