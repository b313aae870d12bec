// The words of a glossary's phrases, found from a document's text without building a string: a
// hash of the word's key units, computed in place, into an open-addressing table. The matcher
// meets every word of a document here, so this is its hot path (see `npm run bench`).
import { isApostrophe, isCjk, isCjkHighSurrogate, isWordCode, keyUnit } from './text';

export class WordTable {
  private keys: string[] = [];
  /** For each entry, the entry of its singular as a term's last word, or -1. */
  private lastOf: number[] = [];
  /** Pairs of (hash, entry + 1), 0 for an empty slot: the probe reads one cache line, not two arrays. */
  private slots = new Int32Array(128);
  private mask = 63;

  get size(): number {
    return this.keys.length;
  }

  /** The entry of `key`, added if new. */
  add(key: string): number {
    const hash = hashKey(key);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[2 * slot + 1] - 1;
      if (stored < 0) {
        const added = this.keys.length;
        this.keys.push(key);
        this.lastOf.push(-1);
        this.slots[2 * slot] = hash;
        this.slots[2 * slot + 1] = added + 1;
        if (this.keys.length * 2 > this.mask + 1) this.rehash();
        return added;
      }
      if (this.slots[2 * slot] === hash && this.keys[stored] === key) return stored;
    }
  }

  /** Declares that `form`, as a phrase's last word, stands for `singular` (plural, possessive). */
  setLast(form: string, singular: number): void {
    this.lastOf[this.add(form)] = singular;
  }

  lastEntry(entry: number): number {
    return this.lastOf[entry];
  }

  /** Where the word read by the last `findWordAt` ends. */
  wordStop = 0;

  /**
   * Reads the word that starts at `start` (its end in `wordStop`, as `wordEnd` finds it) and
   * hashes it in the same pass: its entry, or -1 when no phrase has it. `wordStop` is `start`
   * where no word starts.
   */
  findWordAt(text: string, start: number): number {
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
        if (isWordCode(next)) {
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
    const wordLength = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[2 * slot + 1] - 1;
      if (entry < 0) return -1;
      if (this.slots[2 * slot] === hash && this.keys[entry].length === wordLength && this.sameKey(this.keys[entry], text, start)) return entry;
    }
  }

  private sameKey(key: string, text: string, start: number): boolean {
    for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== keyUnit(text.charCodeAt(start + i))) return false;
    return true;
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

/** FNV-1a over the key's code units. */
const offsetBasis = 0x811c9dc5 | 0;
const prime = 0x01000193;

function hashKey(key: string): number {
  let hash = offsetBasis;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), prime);
  return hash;
}
