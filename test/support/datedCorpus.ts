// A generated corpus of dated documents, for the compare and trend tests over stdio and on the
// command line: each date source (file name, front matter, a manifest), an English and a Chinese
// version of one document paired by the manifest, and one document with no date.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Per document: its text, and how often it says new quality productive forces (NQPF) and common prosperity. */
export const datedDocuments: Record<string, { text: string; nqpf: number; prosperity: number; date?: string }> = {
  'report-2021.txt': { text: 'Common prosperity for all. Common prosperity again. We keep growing steadily.\n', nqpf: 0, prosperity: 2, date: '2021' },
  'report-2022.txt': { text: 'Common prosperity once. New quality productive forces appear in this report too.\n', nqpf: 1, prosperity: 1, date: '2022' },
  'notes/plan.md': {
    text: '---\ntitle: The 2023 plan\ndate: 2023-03-05\n---\n# Plan\n\nNew quality productive forces and new quality productive forces, 𠀀😀 again.\n',
    nqpf: 2,
    prosperity: 0,
    date: '2023-03-05',
  },
  'gwr-en.txt': { text: 'Report on the work: new quality productive forces, three times: new quality productive forces, new quality productive forces.\n', nqpf: 3, prosperity: 0, date: '2024-03-05' },
  'gwr-zh.txt': { text: '政府工作报告：加快发展新质生产力，推进共同富裕。\n', nqpf: 1, prosperity: 1, date: '2024-03-05' },
  'undated.txt': { text: 'New quality productive forces, with no date at all.\n', nqpf: 1, prosperity: 0 },
};

export const datedManifest = {
  documents: [
    { path: 'gwr-en.txt', date: '2024-03-05', title: 'Report on the Work of the Government 2024', type: 'full text', language: 'en', group: 'gwr-2024' },
    { path: 'gwr-zh.txt', date: '2024-03-05', title: '2024年政府工作报告', type: 'full text', language: 'zh', group: 'gwr-2024' },
  ],
};

/** Writes the corpus into `folder`. */
export function writeDatedCorpus(folder: string): void {
  for (const [name, { text }] of Object.entries(datedDocuments)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  writeFileSync(path.join(folder, 'policy-lens.corpus.json'), JSON.stringify(datedManifest, null, 2));
}

/** Two documents written for the compare tests: B adds the Belt and Road Initiative and drops common prosperity. */
export const comparedPair = {
  a: 'Common prosperity matters. Common prosperity again. New quality productive forces. Zinc harbour methods are old.\n',
  b: 'New quality productive forces. The Belt and Road Initiative. The Belt and Road Initiative. Harbour cloud lamps one. Harbour cloud lamps two. Harbour cloud lamps three. Harbour cloud lamps four.\n',
};
