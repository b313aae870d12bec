// The numbered events of the built-in glossary: generated from seeds/events.json by code, every
// congress, plenary session and Five-Year Plan of the ranges there, and each recognised in
// the forms analysts write.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildChineseTools, chineseNumber, entryIdOf, eventEntries, NumberedEvent, ordinal, ordinalWord } from '../../server/src/tools/numberedEvents';
import { lexicon, parsed, seeds } from '../support/builtinGlossary';
import { find } from '../support/matching';

const events: NumberedEvent[] = JSON.parse(readFileSync(path.join(seeds, 'events.json'), 'utf8'));

describe('numbered events', () => {
  it('spells ordinals and Chinese numbers as the names need them', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 19, 20, 21, 22].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '19th', '20th', '21st', '22nd']);
    assert.deepEqual([5, 10, 14, 19, 20].map(chineseNumber), ['五', '十', '十四', '十九', '二十']);
    assert.equal(ordinalWord(19), 'Nineteenth');
  });

  it('holds every congress from the 12th to the 20th, every plenary session of the 16th–20th Central Committees and every Five-Year Plan from the 6th to the 15th', () => {
    const ids = new Set(events.map(entryIdOf));
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
    for (const number of range(12, 20)) assert.ok(ids.has(`cpc-${ordinal(number)}-national-congress`), `congress ${number}`);
    for (const cc of range(16, 19)) for (const session of range(1, 7)) assert.ok(ids.has(`cpc-${ordinal(cc)}-central-committee-${ordinal(session)}-plenary-session`), `${cc}/${session}`);
    for (const session of range(1, 4)) assert.ok(ids.has(`cpc-20th-central-committee-${ordinal(session)}-plenary-session`), `20/${session}`);
    for (const number of range(6, 15)) assert.ok(ids.has(`${ordinalWord(number).toLowerCase()}-five-year-plan`), `plan ${number}`);
    for (const event of events) assert.ok(event.citations.length > 0, `${entryIdOf(event)} is cited`);
  });

  it('keeps the glossary’s event entries as the generator writes them from the table (npm run seeds:events)', () => {
    const generated = eventEntries(events, buildChineseTools());
    const inGlossary = new Map(JSON.parse(readFileSync(path.join(seeds, 'glossary.json'), 'utf8')).terms.map((term: { id: string }) => [term.id, term]));
    for (const entry of generated) assert.deepEqual(inGlossary.get(entry.id), entry, `${entry.id}: run npm run seeds:events`);
  });

  it('recognises each event in the forms analysts write, in English and Chinese', () => {
    const cases: [string, string][] = [
      ['the 19th Party Congress', 'cpc-19th-national-congress'],
      ['the Nineteenth National Congress of the CPC', 'cpc-19th-national-congress'],
      ['the 19th CPC National Congress', 'cpc-19th-national-congress'],
      ['党的十九大', 'cpc-19th-national-congress'],
      ['中共十九大', 'cpc-19th-national-congress'],
      ['the Fifth Plenary Session of the 19th CPC Central Committee', 'cpc-19th-central-committee-5th-plenary-session'],
      ['the 5th Plenum of the 19th Central Committee', 'cpc-19th-central-committee-5th-plenary-session'],
      ['十九届五中全会', 'cpc-19th-central-committee-5th-plenary-session'],
      ['中國共產黨第十九屆中央委員會第五次全體會議', 'cpc-19th-central-committee-5th-plenary-session'],
      ['the 14th FYP', 'fourteenth-five-year-plan'],
      ['“十四五”规划', 'fourteenth-five-year-plan'],
      ['the Sixth Five-Year Plan', 'sixth-five-year-plan'],
      ['“六五”计划', 'sixth-five-year-plan'],
      ['the 12th Five-Year Programme', 'twelfth-five-year-plan'],
    ];
    for (const [text, id] of cases) {
      const found = find(lexicon.matcher, `In short, ${text}.`);
      assert.deepEqual(found.map((match) => lexicon.terms[match.term].entry.id), [id], text);
    }
    assert.ok(parsed.terms.filter((term) => /^cpc-\d/.test(term.id) || term.id.endsWith('-five-year-plan')).length >= 51);
  });
});
