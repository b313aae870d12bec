// `npm run docs:images`: after the end-to-end run, copies the screenshots that the README and
// docs/ show into docs/images/, so that the pictures are always of the extension as it is.
import { copyFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { cacheDir, root } from '../vscode/codeServer';

/** docs/images/ name ← the e2e step whose screenshot it is. */
export const docsImages: Record<string, string> = {
  'hover-bilingual-report.png': '07-government-work-report',
  'hover-bilingual-report-dark.png': '07b-government-work-report-dark',
  'annotation-with-codes.png': '12-annotation-hover',
  'codes-view.png': '13-codes-view',
  'dispersion-plot.png': '25b-dispersion-two-terms',
  'concordance.png': '22-concordance-sorted-left',
  'suggest-terms.png': '14-suggest-terms',
  'chinese-hover.png': '13b-zh-cn-chinese-hover',
  'compare-reports.png': '28-compare-table',
  'compare-reports-dark.png': '28b-compare-table-dark',
  'term-trend.png': '29-term-trend',
  'term-trend-dark.png': '29b-term-trend-dark',
};

function main(): void {
  const shots = path.join(cacheDir, 'e2e', 'screenshots');
  const missing = Object.values(docsImages).filter((step) => !existsSync(path.join(shots, `${step}.png`)));
  if (missing.length > 0) throw new Error(`No screenshot of ${missing.join(', ')} in ${shots}: run npm run test:e2e first.`);
  for (const [image, step] of Object.entries(docsImages)) copyFileSync(path.join(shots, `${step}.png`), path.join(root, 'docs', 'images', image));
  console.log(`Copied ${Object.keys(docsImages).length} screenshots into docs/images/.`);
}

if (require.main === module) main();
