// The Snowball English ("Porter2") stemmer, as the Rust crate rust-stemmers runs it when the
// index is built: the query must stem as the index did. Written for lwkd from the algorithm's
// description at snowballstem.org (english.sbl); tests/search_terms.rs holds it to the Rust
// crate on every word of the archive. It reads lowercase ASCII words only.

const VOWELS = "aeiouy";
const isVowel = (c) => c !== undefined && VOWELS.includes(c);

// Whole words the algorithm does not take apart.
const EXCEPTIONS = new Map([
  ["skis", "ski"], ["skies", "sky"], ["dying", "die"], ["lying", "lie"], ["tying", "tie"],
  ["idly", "idl"], ["gently", "gentl"], ["ugly", "ugli"], ["early", "earli"], ["only", "onli"],
  ["singly", "singl"], ["sky", "sky"], ["news", "news"], ["howe", "howe"], ["atlas", "atlas"],
  ["cosmos", "cosmos"], ["bias", "bias"], ["andes", "andes"],
]);
// Left alone after step 1a.
const INVARIANT = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);

const STEP2 = [
  ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["entli", "ent"],
  ["izer", "ize"], ["ization", "ize"], ["ational", "ate"], ["ation", "ate"], ["ator", "ate"],
  ["alism", "al"], ["aliti", "al"], ["alli", "al"], ["fulness", "ful"], ["ousli", "ous"],
  ["ousness", "ous"], ["iveness", "ive"], ["iviti", "ive"], ["biliti", "ble"], ["bli", "ble"],
  ["ogi", "og"], ["fulli", "ful"], ["lessli", "less"], ["li", ""],
];
const STEP3 = [
  ["tional", "tion"], ["ational", "ate"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
  ["ical", "ic"], ["ful", ""], ["ness", ""], ["ative", ""],
];
const STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

// The longest of `suffixes` that `w` ends with (Snowball's `among`), or undefined.
function longest(w, suffixes) {
  let best;
  for (const s of suffixes) if (w.endsWith(s) && (best === undefined || s.length > best.length)) best = s;
  return best;
}

// Whether `w[0..end)` ends in a short syllable.
function shortSyllable(w, end) {
  if (end >= 3 && !isVowel(w[end - 1]) && !"wxY".includes(w[end - 1]) && isVowel(w[end - 2]) && !isVowel(w[end - 3])) return true;
  return end === 2 && !isVowel(w[1]) && isVowel(w[0]);
}

// Where the first non-vowel after a vowel from `from` ends, or the word's length.
function region(w, from) {
  let i = from;
  while (i < w.length && !isVowel(w[i])) i++;
  while (i < w.length && isVowel(w[i])) i++;
  return Math.min(i + 1, w.length);
}

export function stem(word) {
  if (word.length < 3) return word;
  if (EXCEPTIONS.has(word)) return EXCEPTIONS.get(word);
  // A `y` that starts the word or follows a vowel is a consonant: `Y`.
  let w = word[0] === "y" ? "Y" + word.slice(1) : word;
  for (let i = 1; i < w.length; i++) if (w[i] === "y" && isVowel(w[i - 1])) w = w.slice(0, i) + "Y" + w.slice(i + 1);
  const special = ["gener", "commun", "arsen"].find((p) => w.startsWith(p));
  const p1 = special ? special.length : region(w, 0);
  const p2 = region(w, p1);
  const cut = (n) => w.slice(0, w.length - n);

  // Step 1a
  const s1a = longest(w, ["sses", "ied", "ies", "us", "ss", "s"]);
  if (s1a === "sses") w = cut(2);
  else if (s1a === "ied" || s1a === "ies") w = cut(3) + (w.length - 3 >= 2 ? "i" : "ie");
  else if (s1a === "s" && [...w.slice(0, -2)].some(isVowel)) w = cut(1);
  if (INVARIANT.has(w)) return w;

  // Step 1b
  const s1b = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
  if (s1b === "eed" || s1b === "eedly") {
    if (w.length - s1b.length >= p1) w = cut(s1b.length) + "ee";
  } else if (s1b !== undefined && [...w.slice(0, -s1b.length)].some(isVowel)) {
    w = cut(s1b.length);
    if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
    else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = cut(1);
    else if (p1 === w.length && shortSyllable(w, w.length)) w += "e";
  }

  // Step 1c
  if ((w.endsWith("y") || w.endsWith("Y")) && w.length > 2 && !isVowel(w[w.length - 2])) w = cut(1) + "i";

  // Step 2
  const s2 = longest(w, STEP2.map(([s]) => s));
  if (s2 !== undefined && w.length - s2.length >= p1) {
    const before = w[w.length - s2.length - 1];
    const ok = s2 === "ogi" ? before === "l" : s2 === "li" ? before !== undefined && "cdeghkmnrt".includes(before) : true;
    if (ok) w = cut(s2.length) + STEP2.find(([s]) => s === s2)[1];
  }

  // Step 3
  const s3 = longest(w, STEP3.map(([s]) => s));
  if (s3 !== undefined && w.length - s3.length >= p1 && (s3 !== "ative" || w.length - s3.length >= p2)) {
    w = cut(s3.length) + STEP3.find(([s]) => s === s3)[1];
  }

  // Step 4
  const s4 = longest(w, STEP4);
  if (s4 !== undefined && w.length - s4.length >= p2) {
    const before = w[w.length - 4];
    if (s4 !== "ion" || before === "s" || before === "t") w = cut(s4.length);
  }

  // Step 5
  if (w.endsWith("e")) {
    const at = w.length - 1;
    if (at >= p2 || (at >= p1 && !shortSyllable(w, at))) w = cut(1);
  } else if (w.endsWith("l") && w.length - 1 >= p2 && w[w.length - 2] === "l") {
    w = cut(1);
  }
  return w.replaceAll("Y", "y");
}
