// The search page: the query from the address (?q=…&province=…&document=…&year=…&sort=…),
// results from the Pagefind index that `luutru build` writes into pagefind/ (see search.py).
//
// Each article page ends with a hidden tail (after U+205C ⁜): its words with đ typed as d,
// and other spellings of its documents, so that "dang bo" finds "Đảng bộ". Excerpts are made
// here from the article's own words only, with every word that matches the query marked,
// however it was typed.

const form = document.getElementById("search-form");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const say = form.dataset;
const PAGE = 20;
const SENTINEL = "\u205c";
const FIELDS = ["q", "sort", "province", "document", "year"];

const fold = (s) => s.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
const key = (w) => fold(w).replace(/[^\p{L}\p{N}]/gu, "");
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// "05-CT/TW" is also typed "ct05" or "05ct".
function aliases(word) {
  const m = fold(word).match(/^(\d+)[-/ ]?(\p{L}+)/u);
  if (!m) return [];
  return [m[2] + m[1], m[2] + m[1].replace(/^0+(?=\d)/, ""), m[1] + m[2]];
}

function matches(word, term) {
  const k = key(word);
  return k !== "" && (k.startsWith(term) || aliases(word).some((a) => a.startsWith(term)));
}

// The query's terms as the words are compared: folded, without punctuation, and for
// "124-QĐ/TW" its parts too (but lone letters), which Pagefind also searches for apart.
// A number and a document type typed apart ("05 CT TW", "ct 05") are also one term,
// "05ct" or "ct05", so that they mark "Chỉ thị 05" as "ct05" does.
function queryTerms(query) {
  const terms = [];
  const words = (query || "").split(/\s+/);
  for (const word of words) {
    const parts = fold(word).split(/[^\p{L}\p{N}]+/u);
    terms.push(key(word), ...(parts.length > 1 ? parts.filter((p) => p.length > 1 || /\d/.test(p)) : []));
  }
  const keys = words.map(key);
  for (let i = 0; i + 1 < keys.length; i++) {
    const [a, b] = [keys[i], keys[i + 1]];
    if ((/^\d+$/.test(a) && CODES.has(b)) || (CODES.has(a) && /^\d+$/.test(b))) terms.push(a + b);
  }
  return [...new Set(terms.filter(Boolean))];
}

// Document types in words, folded ("chi thi" → "ct"): from the page, which has them from
// luutru's registry, so that "ct05" also marks "Chỉ thị 05" and "Chỉ thị số 05".
const TYPES = JSON.parse(say.types || "{}");
const CODES = new Set(Object.values(TYPES));

// For each word, the query term it matches (-1: none), however either is typed.
function matchWords(words, terms) {
  const hit = words.map((w) => terms.findIndex((t) => matches(w, t)));
  const ids = terms.filter((t) => /\p{L}/u.test(t) && /\d/.test(t));
  if (!ids.length) return hit;
  for (let i = 0; i + 2 < words.length; i++) {
    const type = TYPES[`${key(words[i])} ${key(words[i + 1])}`];
    if (!type) continue;
    let last = i + 2;
    if (key(words[last]) === "so" && last + 1 < words.length) last++;
    const number = key(words[last]).match(/^\d+/);
    if (!number) continue;
    const n = number[0];
    const forms = [type + n, n + type, type + n.replace(/^0+(?=\d)/, "")];
    // "ct0" (still typing) and "124-QĐ/TW" (naming the issuer too) mark "Quy định 124";
    // "ct051" does not mark "Chỉ thị 05".
    const names = (t, f) => f.startsWith(t) || (t.startsWith(f) && !/^\d/.test(t.slice(f.length)));
    const term = ids.find((t) => forms.some((f) => names(t, f)));
    if (term === undefined) continue;
    for (let j = i; j <= last; j++) hit[j] = terms.indexOf(term);
  }
  return hit;
}

// Up to `size` words of the article's own text around the best cluster of matches.
export function excerpt(content, title, query, size = 32) {
  let text = content;
  const cut = text.indexOf(SENTINEL);
  if (cut >= 0) text = text.slice(0, cut);
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.\s]+/, "");
  const words = text.split(/\s+/).filter(Boolean);
  const terms = queryTerms(query);
  const hit = terms.length ? matchWords(words, terms) : words.map(() => -1);
  let start = 0;
  if (terms.length && words.length > size) {
    let best = -1;
    for (let i = 0; i + size <= words.length; i++) {
      const seen = new Set();
      let n = 0;
      for (let j = i; j < i + size; j++) {
        if (hit[j] >= 0) {
          n++;
          seen.add(hit[j]);
        }
      }
      // Most different terms first, then most matches, then the earliest place.
      const score = seen.size * 1000 + n;
      if (score > best) {
        best = score;
        start = i;
      }
    }
    // Start a little before the first match, rather than on it.
    const first = hit.findIndex((h, i) => i >= start && h >= 0);
    if (first > start + 3) start = Math.min(first - 3, Math.max(0, words.length - size));
  }
  const end = Math.min(words.length, start + size);
  const shown = [];
  for (let i = start; i < end; i++) {
    shown.push(hit[i] >= 0 ? `<mark>${escapeHtml(words[i])}</mark>` : escapeHtml(words[i]));
  }
  // Marked words side by side make one mark: "<mark>Chỉ thị 05</mark>".
  const html = shown.join(" ").replace(/<\/mark> <mark>/g, " ");
  return (start > 0 ? "… " : "") + html + (end < words.length ? " …" : "");
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const f of FIELDS) state[f] = (params.get(f) || "").trim();
  return state;
}

function writeForm(state) {
  for (const f of FIELDS) {
    const field = form.elements[f];
    if (!field) continue;
    if (field.tagName === "SELECT" && state[f] && ![...field.options].some((o) => o.value === state[f])) {
      field.add(new Option(state[f], state[f]));
    }
    field.value = state[f];
  }
}

function readForm() {
  const state = {};
  for (const f of FIELDS) state[f] = (form.elements[f].value || "").trim();
  return state;
}

function address(state) {
  const params = new URLSearchParams();
  for (const f of FIELDS) if (state[f]) params.set(f, state[f]);
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

function fillFilters(filters) {
  const language = say.language || "vi";
  for (const select of form.querySelectorAll("select[data-filter]")) {
    const values = filters[select.dataset.filter] || {};
    let names = Object.keys(values);
    if (select.dataset.filter === "year") names.sort((a, b) => b.localeCompare(a));
    else names.sort((a, b) => a.localeCompare(b, "vi"));
    const chosen = select.value;
    select.length = 1;
    for (const name of names) {
      select.add(new Option(`${name} (${values[name].toLocaleString(language)})`, name));
    }
    select.value = chosen;
  }
}

function resultItem(data, query) {
  const li = document.createElement("li");
  const title = data.meta.title || data.url;
  const meta = [data.meta.date, data.meta.place].filter(Boolean).map(escapeHtml).join(' <span class="sep" aria-hidden="true">·</span> ');
  li.innerHTML =
    `<article><h2 class="title" lang="vi"><a href="${escapeHtml(data.url)}">${escapeHtml(title)}</a></h2>` +
    (meta ? `<p class="meta">${meta}</p>` : "") +
    `<p class="lead excerpt" lang="vi">${excerpt(data.content, data.meta.title, query)}</p></article>`;
  return li;
}

let pagefind = null;
let current = null; // {results, shown, query}
let generation = 0;

// The next batch of results as list items, or null when a newer search began meanwhile.
async function nextItems(mine) {
  const batch = current.results.slice(current.shown, current.shown + PAGE);
  const datas = await Promise.all(batch.map((r) => r.data()));
  if (mine !== generation) return null;
  current.shown += batch.length;
  more.hidden = current.shown >= current.results.length;
  return datas.map((data) => resultItem(data, current.query));
}

async function showMore() {
  const items = await nextItems(generation);
  if (items) list.append(...items);
}

async function run(state) {
  const mine = ++generation;
  const filters = {};
  for (const f of ["province", "document", "year"]) if (state[f]) filters[f] = state[f];
  // Two sort keys (search.py), so that undated articles come last either way.
  const sort = state.sort === "newest" ? { newest: "desc" } : state.sort === "oldest" ? { oldest: "asc" } : undefined;
  if (!state.q && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  status.textContent = say.loading;
  delete form.dataset.shown;
  const search = await pagefind.search(state.q || null, { filters, ...(sort ? { sort } : {}) });
  if (mine !== generation || search === null) return;
  current = { results: search.results, shown: 0, query: state.q };
  // The old results stay until the new ones are ready, then go in one step.
  const items = await nextItems(mine);
  if (!items) return;
  list.replaceChildren(...items);
  const n = search.results.length;
  status.textContent = n ? (n === 1 ? say.countOne : say.count).replace("{n}", n.toLocaleString(say.language || "vi")) : say.none;
  form.dataset.shown = state.q; // the query whose results are on the page
}

async function start() {
  const state = readAddress();
  writeForm(state);
  if (location.protocol === "file:") return; // the page's own note says why
  document.getElementById("search-offline").remove();
  try {
    pagefind = await import(new URL("../pagefind/pagefind.js", import.meta.url).href);
    await pagefind.options({ excerptLength: 30 });
    fillFilters(await pagefind.filters());
  } catch (error) {
    status.textContent = say.missing;
    return;
  }
  writeForm(state);
  let typing = null;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing); // Enter already searches what was typed
    const next = readForm();
    history.pushState(next, "", address(next));
    run(next);
  });
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => {
      const next = readForm();
      history.replaceState(next, "", address(next));
      run(next);
    });
  }
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const next = readForm();
      history.replaceState(next, "", address(next));
      run(next);
    }, 250);
  });
  more.addEventListener("click", () => showMore());
  window.addEventListener("popstate", () => {
    const next = readAddress();
    writeForm(next);
    run(next);
  });
  form.dataset.ready = "true";
  await run(state);
}

start();
