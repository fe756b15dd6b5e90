// Queries the index lwkd-search writes (see that crate's doc comment for the files): the
// query's terms fetch one small file each, the editions holding every term are ranked, and
// the best ones get an excerpt from their text with the matches marked.

// A word and a term, as `terms.rs` defines them: the two must agree, or a query misses
// what the index holds.
const WORD = /(?:[\p{Alphabetic}\p{N}]|(?<=[0-9])\.(?=[0-9]))+/gu;

export function term(word) {
  let term = word.toLowerCase();
  const length = [...term].length;
  // `status`, `class` and `this` are not plurals.
  if (length > 3 && /(?<![sui])s$/.test(term)) term = term.slice(0, -1);
  return length >= 2 ? term : null;
}

export function terms(text) {
  return [...text.matchAll(WORD)].map((m) => term(m[0])).filter((t) => t !== null);
}

function shardKey(term) {
  return [...term].slice(0, 2).map((c) => (/[a-z0-9]/.test(c) ? c : "_")).join("");
}

// BM25's usual constants: how fast repeats stop counting, and how much length matters.
const SATURATION = 1.2;
const LENGTH_WEIGHT = 0.75;

export class SearchIndex {
  // `root`: the URL of the index's folder; `base`: the site's path (`/` or `/lwkd/`), which
  // the editions' site paths go under.
  constructor(root, base) {
    this.root = new URL(root, location.href);
    this.base = base.replace(/\/$/, "");
    this.editions = null;
    this.shards = new Map();
  }

  // A file of the index; a missing one (404) is for the caller to read as empty.
  async load(path) {
    const response = await fetch(new URL(path, this.root));
    if (!response.ok && response.status !== 404) throw new Error(`${path}: HTTP ${response.status}`);
    return response;
  }

  // Loaded once, when the first query comes: every search needs it.
  list() {
    this.editions ??= this.load("editions.json").then((r) => r.json()).then((index) => index.editions);
    return this.editions;
  }

  // A shard that does not exist holds no terms.
  shard(key) {
    if (!this.shards.has(key)) {
      this.shards.set(key, this.load(`terms/${key}.json`).then((r) => (r.ok ? r.json() : {})));
    }
    return this.shards.get(key);
  }

  // The editions holding every term of `query`, best first: `total` of them, the first
  // `limit` with their excerpts.
  async search(query, limit) {
    const wanted = [...new Set(terms(query))];
    if (wanted.length === 0) return { total: 0, results: [] };
    const [editions, ...shards] = await Promise.all([this.list(), ...wanted.map((t) => this.shard(shardKey(t)))]);
    const averageWords = editions.reduce((sum, e) => sum + e.words, 0) / editions.length;
    const matched = new Set();
    let scores = null;
    wanted.forEach((wantedTerm, n) => {
      const shard = shards[n];
      // A term the index lacks is taken as the start of a word still being typed.
      const found = Object.hasOwn(shard, wantedTerm) ? [wantedTerm] : Object.keys(shard).filter((t) => t.startsWith(wantedTerm));
      const counts = new Map();
      for (const t of found) {
        matched.add(t);
        const postings = shard[t];
        for (let i = 0; i < postings.length; i += 2) counts.set(postings[i], (counts.get(postings[i]) ?? 0) + postings[i + 1]);
      }
      const rarity = Math.log(1 + (editions.length - counts.size + 0.5) / (counts.size + 0.5));
      const next = new Map();
      for (const [edition, count] of counts) {
        if (scores !== null && !scores.has(edition)) continue;
        const length = editions[edition].words / averageWords;
        const weight = (count * (SATURATION + 1)) / (count + SATURATION * (1 - LENGTH_WEIGHT + LENGTH_WEIGHT * length));
        next.set(edition, (scores?.get(edition) ?? 0) + rarity * weight);
      }
      scores = next;
    });
    const ranked = [...scores].sort(([a, x], [b, y]) => y - x || editions[b].datetime.localeCompare(editions[a].datetime));
    const results = await Promise.all(ranked.slice(0, limit).map(async ([n]) => {
      const edition = editions[n];
      const text = await this.load(edition.text).then((r) => (r.ok ? r.text() : ""));
      return { url: this.base + edition.url, title: edition.title, date: edition.date, datetime: edition.datetime, excerpt: excerpt(text, matched) };
    }));
    return { total: ranked.length, results };
  }
}

const EXCERPT_WORDS = 36;

// HTML of about `EXCERPT_WORDS` words of `text` around its first match, the matches marked.
function excerpt(text, matched) {
  const words = [...text.matchAll(WORD)];
  const hits = words.map((m) => matched.has(term(m[0])));
  const from = Math.max(0, Math.min(hits.indexOf(true) - 8, words.length - EXCERPT_WORDS));
  const to = Math.min(words.length, from + EXCERPT_WORDS);
  let html = from > 0 ? "… " : "";
  for (let i = from; i < to; i++) {
    if (i > from) html += escape(text.slice(words[i - 1].index + words[i - 1][0].length, words[i].index));
    html += hits[i] ? `<mark>${escape(words[i][0])}</mark>` : escape(words[i][0]);
  }
  return to < words.length ? `${html} …` : html;
}

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}
