// The built-in glossary as the server loads it, for the tests that check it as content.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGlossary } from '../../server/src/glossary';
import { buildLexicon } from '../../server/src/lexicon';

export const seeds = path.resolve(__dirname, '..', '..', '..', 'seeds');
export const glossaryPath = path.join(seeds, 'glossary.json');
export const glossaryText = readFileSync(glossaryPath, 'utf8');
export const parsed = parseGlossary(glossaryText);
export const readSource = (file: string) => readFileSync(file, 'utf8');
export const lexicon = buildLexicon([{ path: glossaryPath, parsed }], readSource);
