// Queries the index lwkd-search writes (see that crate's doc comment for the files): each
// word of the query fetches the small file of its terms, the editions holding every word
// (and every quoted phrase) are ranked by BM25, and each result's excerpt is cut, when the
// page asks for it, from the window of its text densest in the query's words, linked to the
// heading it sits under. KEP, SIG and release pages the query names come first.

import { stem } from "./stem.js";

export { stem };

// A word, a word's parts, its terms: as `terms.rs` defines them. The two must agree, or a
// query misses what the index holds.
const WORD = /[\p{Alphabetic}\p{N}]+(?:[-_.][\p{Alphabetic}\p{N}]+)*/gu;
const PART_BREAK = /[-_]|(?<![0-9])\.|\.(?![0-9])/;
const VERSION = /^[vV]?([0-9]+(?:\.[0-9]+)+)$/;
const LOWER = /\p{Lowercase}/u;
const UPPER = /\p{Uppercase}/u;

// Lowercased, accents dropped, stemmed when all ASCII letters.
function normal(text) {
  let lower = text.toLowerCase();
  if (!/^[\x00-\x7f]*$/.test(text)) lower = lower.normalize("NFD").replace(/\p{M}/gu, "");
  return /^[a-z]+$/.test(lower) ? stem(lower) : lower;
}

const keep = (term) => [...term].length >= 2;
// A site path as the build links it (canonical, as CONTRACT.md fixes): no index.html, no .html.
const canonical = (path) => path.replace(/(index)?\.html$/, "");

// `HTTPServer` is `HTTP` and `Server`; `IPv6` stays whole.
function camelPieces(part) {
  const chars = [...part];
  const pieces = [];
  let piece = chars[0];
  for (let i = 1; i < chars.length; i++) {
    const [prev, c] = [chars[i - 1], chars[i]];
    const lowerThenUpper = LOWER.test(prev) && UPPER.test(c);
    const capitalsThenWord = UPPER.test(prev) && UPPER.test(c) && LOWER.test(chars[i + 1] ?? "") && LOWER.test(chars[i + 2] ?? "");
    if (lowerThenUpper || capitalsThenWord) {
      pieces.push(piece);
      piece = "";
    }
    piece += c;
  }
  pieces.push(piece);
  return pieces;
}

// The terms of one word, and the one a query looks it up by (`key`), with the pieces a
// CamelCase word may be written as instead (`pieces`).
function analyse(word) {
  const terms = [];
  const wholes = [];
  let pieces = null;
  for (const part of word.split(PART_BREAK)) {
    const version = VERSION.exec(part);
    if (version) {
      const v = version[1];
      terms.push(v);
      const numbers = v.split(".");
      if (numbers.length >= 3) terms.push(`${numbers[0]}.${numbers[1]}`);
      wholes.push(v);
      continue;
    }
    const split = part.includes(".") ? [part] : camelPieces(part);
    if (split.length > 1) {
      pieces = split.map(normal).filter(keep);
      terms.push(...pieces);
      // Its beginnings too, as a reader names it short (`NFTablesProxyMode`: `nftables`).
      for (let end = 2; end < split.length; end++) terms.push(normal(split.slice(0, end).join("")));
    }
    const whole = normal(part);
    if (keep(whole)) terms.push(whole);
    wholes.push(whole);
  }
  if (wholes.length > 1) {
    terms.push(wholes.join("-"));
    pieces = wholes.filter(keep);
  }
  const key = wholes.length > 1 ? terms.at(-1) : VERSION.test(word) ? terms[0] : keep(wholes[0]) ? wholes[0] : null;
  return { terms, key, pieces: pieces?.length > 1 ? pieces : null };
}

export function wordTerms(word) {
  return analyse(word).terms;
}

export function terms(text) {
  return [...text.matchAll(WORD)].flatMap((m) => wordTerms(m[0]));
}

// Which file holds a key (`shards.rs`): the last of the files' first keys, sorted, that is
// not after it, or the first; `null` when there are none. Keys compare by code point, as
// Rust compares strings.
export function shardOf(firsts, key) {
  let [low, high] = [0, firsts.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareKeys(firsts[mid], key) <= 0) low = mid + 1;
    else high = mid;
  }
  return firsts[Math.max(low - 1, 0)] ?? null;
}

function compareKeys(a, b) {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

// A file's name from its first key: ASCII lowercase letters and digits kept, any other
// character as `_<hex>_`.
export function shardName(first) {
  return [...first].map((c) => (/[a-z0-9]/.test(c) ? c : `_${c.codePointAt(0).toString(16)}_`)).join("");
}

// What a query asks for: its words (`slots`), each with the terms that satisfy it, and its
// quoted phrases as runs of slots.
export function parseQuery(query) {
  const slots = [];
  const phrases = [];
  // Quotes split the query: odd pieces are phrases.
  query.split(/["“”]/).forEach((piece, n) => {
    const phrase = [];
    for (const m of piece.matchAll(WORD)) {
      const { key, pieces, terms } = analyse(m[0]);
      if (key === null) continue;
      const slot = { word: m[0], key, pieces, whole: terms.at(-1), phrase: n % 2 === 1, end: m.index + m[0].length === piece.length };
      slots.push(slot);
      phrase.push(slot);
    }
    if (n % 2 === 1 && phrase.length > 1) phrases.push(phrase);
  });
  // The word still being typed (the query's last, not followed by a space or a quote).
  const last = slots.at(-1);
  if (last && !last.phrase && last.end && /[\p{Alphabetic}\p{N}]$/u.test(query)) last.typing = true;
  return { slots, phrases };
}

// BM25's usual constants: how fast repeats stop counting, and how much length matters.
const SATURATION = 1.2;
const LENGTH_WEIGHT = 0.75;

// A term's weight in a document of `length` times the average.
function bm25(weight, length) {
  return (weight * (SATURATION + 1)) / (weight + SATURATION * (1 - LENGTH_WEIGHT + LENGTH_WEIGHT * length));
}
// How much more words side by side count than apart.
const TOGETHER = 2;
// How many of the first editions a query of several words reads for its words in one line.
const PROXIMITY_READ = 10;
// Pages answering a query are looked at when it names at most `NAMED`, and the first
// `ANSWERS` of those it names well are shown first.
const NAMED = 12;
const ANSWERS = 3;

export class SearchIndex {
  // `root`: the URL of the index's folder; `base`: the site's path (`/` or `/lwkd/`), which
  // the editions' site paths go under.
  constructor(root, base) {
    this.root = new URL(root, globalThis.location?.href);
    this.base = base.replace(/\/$/, "");
    this.files = new Map();
  }

  // A file of the index as JSON (gunzipped when its name ends in `.gz`), fetched once and
  // passed through `read`; a missing one (404) is `empty`.
  json(path, empty, read = (value) => value) {
    if (!this.files.has(path)) {
      this.files.set(path, fetch(new URL(path, this.root)).then(async (response) => {
        if (response.status === 404) return empty;
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        return read(await (path.endsWith(".gz") ? new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json() : response.json()));
      }));
    }
    return this.files.get(path);
  }

  // Every search needs the list: loaded once, with the first query.
  list() {
    this.editions ??= this.json("editions.json", { editions: [], pages: 0, page_chunk: 1, terms: [], pairs: [] }).then((list) => ({
      ...list,
      editions: list.editions.map(([when, words, url, title], n, all) => {
        // A number of days after the edition before's date.
        const datetime = typeof when === "number" ? isoDate(all[n - 1][0], when) : when;
        all[n][0] = datetime;
        const date = readableDate(datetime);
        // A number of days: the week that many days off the date.
        if (typeof title === "number") title = `Week Ending ${readableDate(datetime, title)}`;
        return { url: url ?? `/${datetime.slice(0, 4)}/${datetime.replaceAll("-", "")}.html`, title: title ?? `Week Ending ${date}`, datetime, words, date };
      }),
    }));
    return this.editions;
  }

  // The postings of the keys in the file of `folder` (`terms` or `pairs`) holding `key`,
  // each a flat list `[document, weight, ...]`, document numbers in full.
  async shard(key, folder = "terms") {
    const first = shardOf((await this.list())[folder], key);
    if (first === null) return {};
    return this.json(`${folder}/${shardName(first)}.json.gz`, {}, (shard) => {
      for (const list of Object.values(shard)) for (let i = 2; i < list.length; i += 2) list[i] += list[i - 2];
      return shard;
    });
  }

  // Every term beginning with `prefix`, from the files that may hold one.
  async prefixed(prefix) {
    const { terms: firsts } = await this.list();
    const [from, to] = [shardOf(firsts, prefix), shardOf(firsts, prefix + "\u{10ffff}")];
    if (from === null) return {};
    const files = firsts.slice(firsts.indexOf(from), firsts.indexOf(to) + 1);
    const shards = await Promise.all(files.map((first) => this.shard(first)));
    return Object.assign({}, ...shards.map((shard) => Object.fromEntries(Object.entries(shard).filter(([t]) => t.startsWith(prefix)))));
  }

  // An edition's passages `[anchor, heading, text]`.
  passages(edition) {
    return this.json(`text/${edition.url.replace(/^\//, "").replace(/\.html$/, "")}.json.gz`, []);
  }

  // The documents holding `slot` (its key, or all its pieces), each with its term weight.
  async postings(slot) {
    let shard = await this.shard(slot.key);
    let found = Object.hasOwn(shard, slot.key) ? [slot.key] : [];
    if (found.length === 0 && slot.typing) {
      // The word being typed matches the terms it starts, stemmed or not.
      const typed = slot.word.toLowerCase();
      shard = Object.assign(await this.prefixed(slot.key), typed.startsWith(slot.key) ? {} : await this.prefixed(typed));
      found = Object.keys(shard);
    }
    const weights = (lists) => {
      const into = new Map();
      for (const postings of lists) for (let i = 0; i < postings.length; i += 2) into.set(postings[i], (into.get(postings[i]) ?? 0) + postings[i + 1]);
      return into;
    };
    const whole = weights(found.map((t) => shard[t]));
    if (slot.pieces) {
      // The pieces side by side are the word written apart (`kube proxy`, `dual stack`):
      // they count as the whole does, once, not as the whole and a pair of words besides.
      const apart = await Promise.all(slot.pieces.slice(1).map(async (p, n) => {
        const pair = `${slot.pieces[n]} ${p}`;
        return weights([(await this.shard(pair, "pairs"))[pair] ?? []]);
      }));
      for (const [doc, w] of apart[0]) {
        if (apart.every((m) => m.has(doc))) whole.set(doc, (whole.get(doc) ?? 0) + Math.min(w, ...apart.map((m) => m.get(doc))));
      }
      // Every piece, in a document that holds neither: weighed as half its rarest piece,
      // the whole being what was asked.
      const pieces = await Promise.all(slot.pieces.map(async (piece) => weights([(await this.shard(piece))[piece] ?? []])));
      for (const [doc, w] of pieces[0]) {
        if (whole.has(doc) || !pieces.every((m) => m.has(doc))) continue;
        whole.set(doc, Math.min(w, ...pieces.map((m) => m.get(doc))) / 2);
      }
    }
    return { terms: found.length ? found : [...(slot.pieces ?? [])], weights: whole };
  }

  // The results for `query`: `answers` (pages it names), `total` editions, and `results`,
  // each with `details()` for its excerpt and section. `options.sort` "date" puts the
  // newest first; `options.year` keeps one year's.
  async search(query, options = {}) {
    const { slots, phrases } = parseQuery(query);
    const empty = { answers: [], total: 0, results: [], years: [], suggestions: [] };
    if (slots.length === 0) return empty;
    const [{ editions }, found] = await Promise.all([this.list(), Promise.all(slots.map((s) => this.postings(s)))]);
    // Two words of the query written as one (`cgroup v2` as `cgroupv2`, `dual stack` as
    // `dualstack`) satisfy both.
    await Promise.all(slots.slice(1).map(async (b, n) => {
      const a = slots[n];
      if (a.phrase || b.phrase) return;
      const closed = normal(a.word + b.word);
      const postings = (await this.shard(closed))[closed] ?? [];
      for (let i = 0; i < postings.length; i += 2) {
        for (const f of [found[n], found[n + 1]]) if (!f.weights.has(postings[i])) f.weights.set(postings[i], postings[i + 1]);
      }
      if (postings.length) found[n].terms.push(closed), found[n + 1].terms.push(closed);
    }));
    const count = editions.length;
    const averageWords = editions.reduce((sum, e) => sum + e.words, 0) / Math.max(count, 1);
    // Pages named by every word of the query.
    let named = null;
    let scores = null;
    found.forEach(({ weights }) => {
      const inEditions = [...weights.keys()].filter((d) => d < count).length;
      const rarity = Math.log(1 + (count - inEditions + 0.5) / (inEditions + 0.5));
      const next = new Map();
      const nextNamed = new Set();
      for (const [doc, weight] of weights) {
        if (doc >= count) {
          if (named === null || named.has(doc)) nextNamed.add(doc);
          continue;
        }
        if (scores !== null && !scores.has(doc)) continue;
        next.set(doc, (scores?.get(doc) ?? 0) + rarity * bm25(weight, editions[doc].words / averageWords));
      }
      scores = next;
      named = nextNamed;
    });
    // Words side by side in a document as in the query (`feature gates`, the pieces of
    // `dual-stack` written `dual stack`), and two words the index holds joined as a name
    // (`SIG Node`: `sig-node`, from the taxonomy), add to its score.
    const together = slots.slice(1).map((b, n) => ["pairs", `${slots[n].whole} ${b.whole}`]);
    const joined = slots.slice(1).map((b, n) => ["terms", `${slots[n].key}-${b.key}`]);
    const lists = await Promise.all([...together, ...joined].map(async ([folder, key]) => (await this.shard(key, folder))[key] ?? []));
    for (const postings of lists) {
      const holding = postings.filter((_, i) => i % 2 === 0 && postings[i] < count).length;
      const rarity = Math.log(1 + (count - holding + 0.5) / (holding + 0.5));
      for (let i = 0; i < postings.length; i += 2) {
        const [doc, weight] = [postings[i], postings[i + 1]];
        if (scores.has(doc)) scores.set(doc, scores.get(doc) + TOGETHER * rarity * bm25(weight, editions[doc].words / averageWords));
      }
    }
    const suggestions = await this.suggest(slots, found);
    let ranked = [...scores].map(([doc, score]) => ({ doc, score, edition: editions[doc] }));
    if (phrases.length) {
      const holds = await Promise.all(ranked.map(async (r) => containsPhrases(await this.passages(r.edition), phrases)));
      ranked = ranked.filter((_, n) => holds[n]);
    }
    const years = [...new Set(ranked.map((r) => r.edition.datetime.slice(0, 4)))].sort().reverse();
    if (options.year) ranked = ranked.filter((r) => r.edition.datetime.startsWith(options.year));
    const newer = (a, b) => b.edition.datetime.localeCompare(a.edition.datetime);
    const byScore = (a, b) => b.score - a.score || newer(a, b);
    ranked.sort(byScore);
    // An edition that holds the query's words in one line (a merge, a paragraph, a
    // heading) is about them; one with them scattered over a long list of merges is not.
    // The first editions are read to tell (their excerpts are fetched anyway), and those
    // holding them together go first among them.
    if (new Set(slots.map((s) => s.key)).size > 1) {
      const first = ranked.slice(0, PROXIMITY_READ);
      const together = await Promise.all(first.map(async (r) => inOneLine(await this.passages(r.edition), slots, found)));
      ranked.splice(0, first.length, ...first.filter((_, n) => together[n]), ...first.filter((_, n) => !together[n]));
    }
    if (options.sort === "date") ranked.sort(newer);
    const answers = named.size > 0 && named.size <= NAMED ? await this.answers([...named].map((d) => d - count), slots, found) : [];
    const results = ranked.map(({ edition }) => ({
      url: this.base + canonical(edition.url),
      title: edition.title,
      date: edition.date,
      datetime: edition.datetime,
      details: async () => excerpt(await this.passages(edition), slots, found),
    }));
    return { answers, total: ranked.length, results, years, suggestions };
  }

  // The pages by number (`{kind, url, title}`) that the query names: by a number
  // (`3136`, `KEP-3136`, `1.30`), or by most of their title's words. Releases, then SIGs,
  // then KEPs.
  async answers(numbers, slots, found) {
    const { page_chunk: chunk } = await this.list();
    const rows = await Promise.all(numbers.map(async (n) => (await this.json(`pages/${Math.floor(n / chunk)}.json`, []))[n % chunk]));
    const asked = new Set(found.flatMap((f) => f.terms).concat(slots.flatMap((s) => [s.key, ...(s.pieces ?? [])])));
    const byNumber = slots.some((s) => /^([0-9.]+|kep-[0-9]+)$/.test(s.key));
    const namesWell = (title) => {
      const words = new Set(terms(title).filter((t) => t !== "kep" && !/^[0-9]+$/.test(t) && !t.includes("-")));
      const named = [...words].filter((t) => asked.has(t)).length;
      return words.size > 0 && named * 3 >= words.size * 2;
    };
    const order = ["release", "sig", "kep"];
    return rows
      .filter((row) => row && (byNumber || namesWell(row[2])))
      .map(([kind, url, title]) => ({ kind, url: this.base + canonical(url), title }))
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.url.localeCompare(b.url, undefined, { numeric: true }))
      .slice(0, ANSWERS);
  }

  // For each word the index lacks: the closest term near it in sorted order (at most two
  // edits; one for a short word), the one in most documents among equals.
  async suggest(slots, found) {
    const out = [];
    for (const [n, slot] of slots.entries()) {
      if (found[n].weights.size > 0 || slot.typing) continue;
      // The key's file and its neighbours: a close term may sort just across a boundary
      // (`contan` after `contain`).
      const { terms: firsts } = await this.list();
      const at = firsts.indexOf(shardOf(firsts, slot.key));
      const shard = Object.assign({}, ...(await Promise.all(firsts.slice(Math.max(at - 1, 0), at + 2).map((first) => this.shard(first)))));
      const word = slot.word.toLowerCase();
      const most = word.length <= 4 ? 1 : 2;
      let best = null;
      for (const [term, postings] of Object.entries(shard)) {
        if (!/^[a-z0-9]+$/.test(term)) continue;
        const d = Math.min(distance(term, slot.key, most), distance(term, word, most));
        if (d > most) continue;
        if (best === null || d < best.d || (d === best.d && postings.length > best.size)) best = { term, d, size: postings.length };
      }
      if (best) out.push({ word: slot.word, instead: await this.wordFor(best.term, shard[best.term]) });
    }
    return out;
  }

  // The word of the archive that `term` stands for (`scheduling` for `schedul`): its most
  // frequent form in the first edition holding it. The index keeps stems; a reader wants a
  // word. Only a query with no hits pays for the text fetched.
  async wordFor(term, postings) {
    const { editions } = await this.list();
    const doc = postings.find((d, i) => i % 2 === 0 && d < editions.length);
    if (doc === undefined) return term;
    const forms = new Map();
    for (const w of documentWords(await this.passages(editions[doc]))) {
      if (w.terms.length === 1 && w.terms[0] === term) forms.set(w.word.toLowerCase(), (forms.get(w.word.toLowerCase()) ?? 0) + 1);
    }
    const [best] = [...forms].sort(([a, m], [b, n]) => n - m || a.length - b.length || a.localeCompare(b));
    return best?.[0] ?? term;
  }
}

// `days` after `2024-08-18`, written so.
function isoDate(datetime, days) {
  const date = new Date(`${datetime}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// `2024-08-18` as `August 18, 2024`, as the site writes dates; `days` later.
function readableDate(datetime, days = 0) {
  const date = new Date(`${datetime}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

// Levenshtein distance of `a` and `b`, or `most + 1` once it is surely above `most`.
function distance(a, b, most) {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...next) > most) return most + 1;
    row = next;
  }
  return row[b.length];
}

// The words of a document's passages, each with its terms and the passage it is in; a
// passage's heading is read before its text.
function documentWords(passages) {
  const words = [];
  passages.forEach(([, heading, text], passage) => {
    for (const [part, body] of [[heading, false], [text, true]]) {
      let line = 0;
      let counted = 0;
      for (const m of part.matchAll(WORD)) {
        for (; counted < m.index; counted++) if (part[counted] === "\n") line++;
        words.push({ passage, body, line, text: part, at: m.index, word: m[0], terms: wordTerms(m[0]) });
      }
    }
  });
  return words;
}

// Whether the words of the document hold each phrase's slots one after the other.
function containsPhrases(passages, phrases) {
  const words = documentWords(passages);
  return phrases.every((phrase) =>
    words.some((_, i) => phrase.every((slot, k) => words[i + k] && words[i + k].passage === words[i].passage && fits(words[i + k].terms, slot))),
  );
}

function fits(terms, slot) {
  return terms.includes(slot.key) || (slot.pieces !== null && slot.pieces.every((p) => terms.includes(p)));
}

// Which slot of the query each word answers, or -1.
function slotHits(words, slots, found) {
  const asked = slots.map((slot, s) => new Set([slot.key, ...(slot.pieces ?? []), ...found[s].terms]));
  return words.map((w) => asked.findIndex((terms) => w.terms.some((t) => terms.has(t))));
}

// Whether one line of a heading or a passage's text answers every word of the query.
function inOneLine(passages, slots, found) {
  const words = documentWords(passages);
  const hit = slotHits(words, slots, found);
  const wanted = new Set(slots.map((slot) => slot.key)).size;
  const lines = new Map();
  words.forEach((w, i) => {
    if (hit[i] < 0) return;
    const line = `${w.passage} ${w.body} ${w.line}`;
    if (!lines.has(line)) lines.set(line, new Set());
    lines.get(line).add(slots[hit[i]].key);
  });
  return [...lines.values()].some((keys) => keys.size === wanted);
}

// Words an excerpt shows.
const EXCERPT_WORDS = 32;

// The excerpt of a document for a query: about `EXCERPT_WORDS` words where the most
// different words of the query are, and the most of them, within one passage, the matches
// marked; with that passage's heading and anchor.
function excerpt(passages, slots, found) {
  const words = documentWords(passages);
  const hit = slotHits(words, slots, found);
  let best = { from: 0, score: [-1] };
  for (let from = 0; from < words.length; from++) {
    if (hit[from] < 0) continue;
    const seen = new Set();
    let [exact, hits] = [0, 0];
    for (let i = from; i < Math.min(words.length, from + EXCERPT_WORDS) && words[i].passage === words[from].passage; i++) {
      if (hit[i] >= 0) {
        seen.add(hit[i]);
        hits++;
        if (words[i].terms.includes(slots[hit[i]].key)) exact++;
      }
    }
    // The most different words of the query; then the most words as asked (`KEP-3136`,
    // `BackoffLimitPerIndex`), not merely one of their pieces (a `KEP`, a `limit`).
    const score = [seen.size, exact, hits];
    const better = score.findIndex((n, k) => n !== best.score[k]);
    if (better >= 0 && score[better] > (best.score[better] ?? -1)) best = { from, score };
  }
  const passage = words.length ? words[best.from].passage : 0;
  const inPassage = words.filter((w) => w.passage === passage && w.body);
  const firstHit = Math.max(0, inPassage.indexOf(words[best.from]));
  const start = Math.max(0, Math.min(firstHit - 4, inPassage.length - EXCERPT_WORDS));
  const shown = inPassage.slice(start, start + EXCERPT_WORDS);
  let html = start > 0 ? "… " : "";
  shown.forEach((w, i) => {
    if (i > 0) html += escape(w.text.slice(shown[i - 1].at + shown[i - 1].word.length, w.at).replace(/\s+/g, " "));
    html += hit[words.indexOf(w)] >= 0 ? `<mark>${escape(w.word)}</mark>` : escape(w.word);
  });
  if (start + EXCERPT_WORDS < inPassage.length) html += " …";
  const [anchor, heading] = passages[passage] ?? [null, ""];
  return { excerpt: html, anchor, heading };
}

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}
