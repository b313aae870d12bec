// Copies the scraped seed articles into seeds/ under readable names, stripping only scraper
// chrome that is not article text. Article text stays word for word: citations quote it.
// Usage: node seeds/import-seeds.mjs [path/to/shared/seeds]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const from = process.argv[2] ?? join(here, '..', '..', 'shared', 'seeds');

export const articles = [
  { original: '000_4dd8a3144fa8a6fa.txt', file: 'driving-growth-momentum.txt' },
  { original: '001_01050cfd1ba9e0c8.txt', file: 'pen-abcs-of-new-quality-productive-forces.txt' },
  { original: '002_8182cdfbd94dcf82.txt', file: 'global-times-xiconomics-in-practice.txt' },
  { original: '003_4b1561362f7b0322.txt', file: 'qiu-ping-innovation-drives-development.txt' },
  { original: '004_7606b83641c0bdf1.txt', file: 'business-recorder-high-quality-development.txt' },
];

// PHP warnings printed into the page by the scraped site's WordPress install.
const phpWarning = /^Warning: Undefined array key \d+ in \S+ on line \d+$/;
// The comment form and navigation link that close several pages.
const trailingChrome = new Set([
  'Leave a Reply',
  'Your email address will not be published. Required fields are marked *',
  'Back To Top',
]);

export function stripChrome(text) {
  const lines = text.split('\n').filter((line) => !phpWarning.test(line));
  const kept = [];
  for (const line of lines) {
    // Collapse the blank runs the removed warnings leave behind.
    if (line === '' && kept.length > 0 && kept[kept.length - 1] === '') continue;
    kept.push(line);
  }
  while (kept.length > 0 && (kept[kept.length - 1] === '' || trailingChrome.has(kept[kept.length - 1]))) {
    kept.pop();
  }
  return kept.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { original, file } of articles) {
    const text = readFileSync(join(from, original), 'utf8');
    writeFileSync(join(here, file), stripChrome(text));
    console.log(`${original} -> seeds/${file}`);
  }
}
