// The words of a glossary's phrases, found from a document's text without building a string: a
// hash of the word's key units, computed in place, into an open-addressing table. The matcher
// meets every word of a document here, so this is its hot path (see `npm run bench`).
//
// A lookup trusts the 32-bit hash instead of comparing the word with the key, which saves a read
// of the key's string for every word of a document; a document word outside the table shares a
// key's hash only about once in 2^32 / size words. The matcher compares the
// words of each match it reports (`isKeyAt`) and walks again exactly when one differs. Keys that
// share a hash with another key are flagged in the table and always compared, so a word that is
// in the table is always found as itself.
import { isApostrophe, isCjk, isCjkHighSurrogate, isWordCode, keyUnit } from './text';

export class WordTable {
  private keys: string[] = [];
  /**
   * Every key's code units, one key after another: key `entry` is [keyStarts[entry],
   * keyStarts[entry + 1]). isKeyAt compares every word of every match with its key, and reading
   * the key strings (ropes and slices scattered over the heap) cost ~10% of a scan of the seed
   * texts; from this one array the scan ran 62.8 → 64.9 MB/s (CPU time, best of 3, interleaved).
   */
  private keyUnits = new Uint16Array(256);
  private keyStarts: number[] = [0];
  /** For each entry, the entry of its singular as a term's last word, or -1. */
  private lastOf: number[] = [];
  /** For each entry, the entry of the spelling it stands for (its American form; itself for most). */
  private canonicalOf: number[] = [];
  /**
   * Pairs of (hash, entry + 1), 0 for an empty slot, negated for a key whose hash another key
   * shares: the probe reads one cache line, not two arrays.
   */
  private slots = new Int32Array(128);
  private mask = 63;

  get size(): number {
    return this.keys.length;
  }

  /** The entry of `key`, added if new. */
  add(key: string): number {
    const hash = hashKey(key);
    let shared = false;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[2 * slot + 1];
      if (stored === 0) {
        const added = this.keys.length;
        this.keys.push(key);
        this.lastOf.push(-1);
        this.canonicalOf.push(added);
        this.addKeyUnits(key);
        this.slots[2 * slot] = hash;
        this.slots[2 * slot + 1] = shared ? -(added + 1) : added + 1;
        if (this.keys.length * 2 > this.mask + 1) this.rehash();
        return added;
      }
      if (this.slots[2 * slot] === hash) {
        const entry = Math.abs(stored) - 1;
        if (this.keys[entry] === key) return entry;
        shared = true;
        this.slots[2 * slot + 1] = -(entry + 1);
      }
    }
  }

  /** The entry of `key`, or -1 when it is not in the table. */
  entryOf(key: string): number {
    const hash = hashKey(key);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[2 * slot + 1];
      if (stored === 0) return -1;
      if (this.slots[2 * slot] === hash && this.keys[Math.abs(stored) - 1] === key) return Math.abs(stored) - 1;
    }
  }

  /** Declares that `form`, as a phrase's last word, stands for `singular` (plural, possessive). */
  setLast(form: string, singular: number): void {
    this.lastOf[this.add(form)] = singular;
  }

  /** Declares that `entry` is another spelling of `canonical`: a walk takes one for the other. */
  setCanonical(entry: number, canonical: number): void {
    this.canonicalOf[entry] = canonical;
  }

  /** Each entry's canonical entry, by entry. */
  canonicals(): Int32Array {
    return Int32Array.from(this.canonicalOf);
  }

  /** The key of an entry. */
  keyOf(entry: number): string {
    return this.keys[entry];
  }

  /** The entries declared by `setLast`, by the entry of the singular they stand for. */
  formsBySingular(): Map<number, number[]> {
    const forms = new Map<number, number[]>();
    this.lastOf.forEach((singular, form) => {
      if (singular < 0) return;
      const list = forms.get(singular);
      if (list === undefined) forms.set(singular, [form]);
      else list.push(form);
    });
    return forms;
  }

  /** Where the word read by the last `findWordAt` ends. */
  wordStop = 0;

  /**
   * Reads the word that starts at `start` (its end in `wordStop`, as `wordEnd` finds it) and
   * hashes it in the same pass: the entry with its hash, or -1 when there is none. `wordStop` is
   * `start` where no word starts. Unless `exact`, the entry may be a key other than the word (see
   * the file's head); `exact` compares them.
   */
  findWordAt(text: string, start: number, exact: boolean): number {
    const length = text.length;
    const code = text.charCodeAt(start);
    let end = start + 1;
    let hash = Math.imul(offsetBasis ^ keyUnit(code), prime);
    if (isCjk(code)) {
      // One character, one word.
    } else if (isCjkHighSurrogate(code)) {
      end = start + 2;
      hash = Math.imul(hash ^ text.charCodeAt(start + 1), prime);
    } else if (isWordCode(code)) {
      while (end < length) {
        const next = text.charCodeAt(end);
        const asciiKey = next < 0x80 ? asciiKeys[next] : 0;
        if (asciiKey !== 0) {
          hash = Math.imul(hash ^ asciiKey, prime);
          end++;
        } else if (next >= 0x80 && isWordCode(next)) {
          hash = Math.imul(hash ^ keyUnit(next), prime);
          end++;
        } else if (isApostrophe(next) && end + 1 < length && isWordCode(text.charCodeAt(end + 1))) {
          hash = Math.imul(Math.imul(hash ^ 0x27, prime) ^ keyUnit(text.charCodeAt(end + 1)), prime);
          end += 2;
        } else {
          break;
        }
      }
    } else {
      this.wordStop = start;
      return -1;
    }
    this.wordStop = end;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[2 * slot + 1];
      if (stored === 0) return -1;
      if (this.slots[2 * slot] === hash) {
        if (stored > 0 && !exact) return stored - 1;
        const entry = Math.abs(stored) - 1;
        if (this.isKeyAt(entry, text, start, end)) return entry;
      }
    }
  }

  /** True when the text [start, end) is the key of `entry`, as the matcher's rules read words. */
  isKeyAt(entry: number, text: string, start: number, end: number): boolean {
    const first = this.keyStarts[entry];
    if (this.keyStarts[entry + 1] - first !== end - start) return false;
    for (let i = start; i < end; i++) if (this.keyUnits[first + i - start] !== keyUnit(text.charCodeAt(i))) return false;
    return true;
  }

  private addKeyUnits(key: string): void {
    const first = this.keyStarts[this.keyStarts.length - 1];
    if (first + key.length > this.keyUnits.length) {
      const grown = new Uint16Array(2 * (first + key.length));
      grown.set(this.keyUnits);
      this.keyUnits = grown;
    }
    for (let i = 0; i < key.length; i++) this.keyUnits[first + i] = key.charCodeAt(i);
    this.keyStarts.push(first + key.length);
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length / 2 - 1;
    for (let slot = 0; slot < old.length; slot += 2) {
      if (old[slot + 1] === 0) continue;
      let target = old[slot] & this.mask;
      while (this.slots[2 * target + 1] !== 0) target = (target + 1) & this.mask;
      this.slots[2 * target] = old[slot];
      this.slots[2 * target + 1] = old[slot + 1];
    }
  }
}

/** The key unit of each ASCII letter and digit, 0 for other ASCII: one load per character of most words. */
const asciiKeys = new Uint8Array(0x80).map((_, code) => (isWordCode(code) ? keyUnit(code) : 0));

/** FNV-1a over the key's code units. */
const offsetBasis = 0x811c9dc5 | 0;
const prime = 0x01000193;

export function hashKey(key: string): number {
  let hash = offsetBasis;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), prime);
  return hash;
}
