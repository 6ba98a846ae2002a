// Instant results on the search page, from the Pagefind index built with the site.
// Without JavaScript the form still works: the page then shows its list of sections and topics.
const form = document.querySelector("[data-search-form]");
const input = form?.querySelector("input[type=search]");
const output = document.querySelector("[data-search-results]");
const status = document.querySelector("[data-search-status]");
const correction = document.querySelector("[data-search-correction]");
// The query string parameter of "search instead for ...": the query is taken as typed.
const AS_TYPED = "as-typed";

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

// Misspelt names (see search-spelling.js): the module and the list of names, loaded on first use.
let spelling;
async function loadSpelling() {
  const [module, names] = await Promise.all([import(form.dataset.spelling), fetch(form.dataset.names).then((response) => response.json())]);
  return { ...module, names };
}

/** The query with misspelt names corrected, or undefined; a word the index finds as typed is kept. */
async function corrected(query, find) {
  spelling ??= loadSpelling().catch(() => undefined);
  const tools = await spelling;
  if (!tools) return undefined;
  const doubtful = tools.queryWords(query).filter((word) => tools.nearestName(word, tools.names));
  const found = new Set();
  for (const word of doubtful) {
    const { results } = await find(word);
    const excerpts = (await Promise.all(results.slice(0, 5).map((result) => result.data()))).map((data) => data.excerpt);
    if (tools.foundAsTyped(word, excerpts)) found.add(word);
  }
  return tools.correctQuery(query, tools.names, (word) => found.has(word));
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
async function search(query, asTyped = false) {
  const run = ++latest;
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  if (asTyped) url.searchParams.set(AS_TYPED, "");
  else url.searchParams.delete(AS_TYPED);
  history.replaceState(null, "", url);
  if (!query.trim()) {
    output.replaceChildren();
    status.textContent = "";
    showCorrection(undefined, query);
    document.documentElement.classList.remove("has-results");
    return;
  }
  const { search: find } = await engine();
  const response = await find(query);
  // "Tokaev" shows the stories about Tokayev (Pagefind itself would match "to"), unless the reader asked for it as typed.
  const better = asTyped ? undefined : await corrected(query, find);
  const betterResponse = better ? await find(better) : undefined;
  const shownQuery = betterResponse?.results.length ? better : query;
  const shown = shownQuery === query ? response.results : betterResponse.results;
  const results = await Promise.all(shown.slice(0, 20).map((r) => r.data()));
  if (run !== latest) return;
  const words = `${query} ${shownQuery}`.split(/[\s,.;:!?"“”]+/u).filter(Boolean);
  output.replaceChildren(...results.map((data) => resultItem(data, words)));
  // The browse list is for readers without results (or without JavaScript).
  document.documentElement.classList.toggle("has-results", results.length > 0);
  showCorrection(shownQuery === query ? undefined : shownQuery, query);
  status.textContent = results.length === 0 ? `No stories match “${query}”.` : `${shown.length} ${shown.length === 1 ? "story matches" : "stories match"} “${shownQuery}”.`;
}

/** "Showing results for Tokayev. Search instead for Tokaev", as news sites say it. */
function showCorrection(shownQuery, query) {
  if (!correction) return;
  correction.hidden = !shownQuery;
  if (!shownQuery) return correction.replaceChildren();
  const instead = document.createElement("a");
  const url = new URL("/search/", location.href);
  url.searchParams.set("q", query);
  url.searchParams.set(AS_TYPED, "");
  instead.href = url.pathname + url.search;
  instead.textContent = query;
  const strong = document.createElement("strong");
  strong.textContent = shownQuery;
  correction.replaceChildren("Showing results for ", strong, ". Search instead for ", instead, ".");
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
  const params = new URL(location.href).searchParams;
  const initial = params.get("q");
  if (initial) {
    input.value = initial;
    search(initial, params.has(AS_TYPED));
  }
}
