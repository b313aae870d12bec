// The numbered events of the built-in glossary — the Party's national congresses, the plenary
// sessions of its Central Committees and the Five-Year Plans — generated from one table of facts,
// seeds/events.json, so that every name an analyst writes for one ("the 19th Party Congress",
// 党的十九大, "the Fifth Plenary Session of the 19th CPC Central Committee", 十九届五中全会, "the
// 14th FYP", “十四五”规划) comes from the same code and none is typed by hand.
// Run: npm run seeds:events (rewrites those entries in seeds/glossary.json).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface EventCitation {
  source: string;
  quote: string;
  prefix?: string;
  suffix?: string;
}

interface Bilingual {
  en: string;
  zh: string;
}

interface EventBase {
  adopted: Bilingual;
  /** More that the entry says, after what the event adopted. */
  about?: Bilingual;
  /** Related entries beyond the series and the generic term, by id. */
  related?: string[];
  /** No name of it occurs in the corpus: its citations name it otherwise ("this plenary session"). */
  contextOnly?: boolean;
  citations: EventCitation[];
}

export interface Congress extends EventBase {
  kind: 'congress';
  number: number;
  start: string;
  end: string;
  place: string;
}

export interface Plenum extends EventBase {
  kind: 'plenum';
  cc: number;
  session: number;
  start: string;
  end: string;
  place: string;
}

export interface FiveYearPlan extends EventBase {
  kind: 'fyp';
  number: number;
  period: [number, number];
  adoptedOn?: string;
  adoptedBy?: string;
  name: { en: string; zh: string };
  outlineTitle?: string;
}

export type NumberedEvent = Congress | Plenum | FiveYearPlan;

/** A glossary entry as seeds/glossary.json holds it. */
export interface EntryJson {
  id: string;
  term: string;
  aliases: string[];
  zh: { simplified: string; traditional: string; pinyin: string; definition: string };
  category: string;
  definition: string;
  firstUse?: string;
  contextOnly?: boolean;
  related: string[];
  citations: EventCitation[];
}

/** How the generator writes Chinese: its traditional form and pinyin (OpenCC and pinyin-pro at build time). */
export interface ChineseTools {
  traditional(simplified: string): string;
  pinyin(simplified: string): string;
}

const ordinalWords = ['', 'First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth', 'Eleventh', 'Twelfth', 'Thirteenth', 'Fourteenth', 'Fifteenth', 'Sixteenth', 'Seventeenth', 'Eighteenth', 'Nineteenth', 'Twentieth'];
const chineseDigits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 19 → "19th", 2 → "2nd". */
export function ordinal(number: number): string {
  const teen = number % 100 >= 11 && number % 100 <= 13;
  const suffix = teen ? 'th' : ['th', 'st', 'nd', 'rd'][number % 10] ?? 'th';
  return `${number}${suffix ?? 'th'}`;
}

/** 19 → "Nineteenth". */
export function ordinalWord(number: number): string {
  const word = ordinalWords[number];
  if (word === undefined || word === '') throw new Error(`no ordinal word for ${number}`);
  return word;
}

/** 19 → 十九, 20 → 二十, 5 → 五 (the numbers the events need, 1 to 99). */
export function chineseNumber(number: number): string {
  if (number < 10) return chineseDigits[number];
  const tens = Math.floor(number / 10);
  return `${tens === 1 ? '' : chineseDigits[tens]}十${chineseDigits[number % 10]}`;
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function englishDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return day === undefined ? `${months[month - 1]} ${year}` : `${day} ${months[month - 1]} ${year}`;
}

function chineseDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return day === undefined ? `${year}年${month}月` : `${year}年${month}月${day}日`;
}

/** "15 November 2002", "18 to 24 October 2017", "25 October to 1 November 1987", "30 December 1990 to 4 January 1991". */
function englishSpan(start: string, end: string): string {
  const [startYear, startMonth, startDay] = start.split('-').map(Number);
  const [endYear, endMonth] = end.split('-').map(Number);
  if (start === end) return englishDate(start);
  if (startYear !== endYear) return `${englishDate(start)} to ${englishDate(end)}`;
  if (startMonth !== endMonth) return `${startDay} ${months[startMonth - 1]} to ${englishDate(end)}`;
  return `${startDay} to ${englishDate(end)}`;
}

/** 2002年11月15日, 2017年10月18日至24日, 1987年10月25日至11月1日. */
function chineseSpan(start: string, end: string): string {
  const [startYear, startMonth] = start.split('-').map(Number);
  const [endYear, endMonth, endDay] = end.split('-').map(Number);
  if (start === end) return chineseDate(start);
  if (startYear !== endYear) return `${chineseDate(start)}至${chineseDate(end)}`;
  if (startMonth !== endMonth) return `${chineseDate(start)}至${endMonth}月${endDay}日`;
  return `${chineseDate(start)}至${endDay}日`;
}

/** "4th session of the 13th NPC" → 第十三届全国人民代表大会第四次会议 (undefined where it says otherwise). */
function chineseSession(session: string | undefined): string | undefined {
  const found = /^(\d+)(?:st|nd|rd|th) session of the (\d+)(?:st|nd|rd|th) NPC$/.exec(session ?? '');
  return found === null ? undefined : `第${chineseNumber(Number(found[2]))}届全国人民代表大会第${chineseNumber(Number(found[1]))}次会议`;
}

const year = (iso: string) => iso.slice(0, 4);
const placeZh: Record<string, string> = { Beijing: '北京' };

export function congressId(number: number): string {
  return `cpc-${ordinal(number)}-national-congress`;
}

export function plenumId(cc: number, session: number): string {
  return `cpc-${ordinal(cc)}-central-committee-${ordinal(session)}-plenary-session`;
}

export function planId(number: number): string {
  return `${ordinalWord(number).toLowerCase()}-five-year-plan`;
}

function congressNames(number: number): { term: string; aliases: string[]; zh: string; zhAliases: string[] } {
  const nth = ordinal(number);
  const word = ordinalWord(number);
  const zhNumber = chineseNumber(number);
  return {
    term: `${nth} National Congress of the CPC`,
    aliases: [
      `${nth} National Congress of the Communist Party of China`,
      `${nth} CPC National Congress`,
      `${nth} National Congress`,
      `${nth} Party Congress`,
      `${nth} National Party Congress`,
      `${nth} Congress of the CPC`,
      `${word} National Congress of the CPC`,
      `${word} National Congress of the Communist Party of China`,
      `${word} Party Congress`,
    ],
    zh: `中国共产党第${zhNumber}次全国代表大会`,
    zhAliases: [`党的第${zhNumber}次全国代表大会`, `党的${zhNumber}大`, `中共${zhNumber}大`, `${zhNumber}大`],
  };
}

function plenumNames(cc: number, session: number): { term: string; aliases: string[]; zh: string; zhAliases: string[] } {
  const nth = ordinal(cc);
  const sessionWord = ordinalWord(session);
  const sessionNth = ordinal(session);
  const ccWord = ordinalWord(cc);
  const zhCc = chineseNumber(cc);
  const zhSession = chineseNumber(session);
  // The forms official English and commentary write (Qiushi: "the Sixth Plenary Session of the
  // Seventeenth Central Committee of the Communist Party of China"); rarer combinations ("5th Plenum
  // of the Nineteenth Central Committee") are left out, for every name costs the grammar and the
  // matcher's start.
  const committees = [`${nth} CPC Central Committee`, `${nth} Central Committee of the CPC`, `${nth} Central Committee of the Communist Party of China`, `${nth} Central Committee`];
  const wordCommittees = [`${ccWord} CPC Central Committee`, `${ccWord} Central Committee of the Communist Party of China`, `${ccWord} Central Committee`];
  const shortCommittees = [`${nth} CPC Central Committee`, `${nth} Central Committee`];
  return {
    term: `${sessionWord} Plenary Session of the ${nth} CPC Central Committee`,
    aliases: [
      ...[...committees.slice(1), ...wordCommittees].map((committee) => `${sessionWord} Plenary Session of the ${committee}`),
      ...committees.map((committee) => `${sessionNth} Plenary Session of the ${committee}`),
      ...shortCommittees.map((committee) => `${sessionWord} Plenum of the ${committee}`),
      ...shortCommittees.map((committee) => `${sessionNth} Plenum of the ${committee}`),
    ],
    zh: `中国共产党第${zhCc}届中央委员会第${zhSession}次全体会议`,
    zhAliases: [`第${zhCc}届中央委员会第${zhSession}次全体会议`, `党的${zhCc}届${zhSession}中全会`, `中共${zhCc}届${zhSession}中全会`, `${zhCc}届${zhSession}中全会`],
  };
}

function planNames(plan: FiveYearPlan): { term: string; aliases: string[]; zh: string; zhAliases: string[] } {
  const nth = ordinal(plan.number);
  const word = ordinalWord(plan.number);
  const zhNumber = chineseNumber(plan.number);
  // From the 11th on a plan is a 规划 (a guideline plan), before it a 计划; English says Plan for both.
  const guideline = plan.number >= 11;
  const kind = guideline ? '规划' : '计划';
  const short = `${zhNumber}五`;
  // The outline's official title, with and without the country's name before it.
  const bareOutline = plan.outlineTitle?.replace(/^中华人民共和国/, '');
  const outline = bareOutline === undefined ? [] : [`中华人民共和国${bareOutline}`, bareOutline];
  return {
    term: `${nth} Five-Year Plan`,
    aliases: [
      `${word} Five-Year Plan`,
      `${nth} Five-Year Plan period`,
      `${nth} FYP`,
      `${nth} Five-Year Plan for National Economic and Social Development`,
      `Outline of the ${nth} Five-Year Plan`,
      // The official English of the 11th and 12th called them programs.
      ...(plan.number === 11 || plan.number === 12 ? [`${nth} Five-Year Program`, `${word} Five-Year Program`] : []),
    ],
    zh: plan.name.zh,
    zhAliases: [
      `第${zhNumber}个五年${kind}`,
      `${short}${kind}`,
      `${short}时期`,
      // A bare 十四五 names the plan; a bare 六五 is as often a number.
      ...(guideline ? [short] : []),
      ...outline,
    ].filter((name) => name !== plan.name.zh),
  };
}

function englishPeriodOf(plan: FiveYearPlan): string {
  return `${plan.period[0]}–${plan.period[1]}`;
}

/** The entry of one event: its names, its facts in the project's words, and where the corpus cites it. */
export function eventEntry(event: NumberedEvent, events: readonly NumberedEvent[], chinese: ChineseTools): EntryJson {
  // Only cited events become entries: related ids name those.
  const has = (id: string) => events.some((other) => other.citations.length > 0 && entryIdOf(other) === id);
  const neighbours = (ids: string[]) => ids.filter(has);
  let names: ReturnType<typeof congressNames>;
  let definition: string;
  let zhDefinition: string;
  let related: string[];
  if (event.kind === 'congress') {
    names = congressNames(event.number);
    const before = events.find((other) => other.kind === 'congress' && other.number === event.number - 1) as Congress | undefined;
    const after = events.find((other) => other.kind === 'congress' && other.number === event.number + 1) as Congress | undefined;
    const series = [before && `after the ${ordinal(before.number)} (${year(before.start)})`, after && `before the ${ordinal(after.number)} (${year(after.start)})`].filter(Boolean).join(' and ');
    definition = `The ${ordinal(event.number)} National Congress of the Communist Party of China, held in ${event.place} ${event.start === event.end ? 'on' : 'from'} ${englishSpan(event.start, event.end)}${series === '' ? '' : `, ${series}`}. ${event.adopted.en}`;
    const zhSeries = [before && `上承党的${chineseNumber(before.number)}大（${year(before.start)}年）`, after && `下接党的${chineseNumber(after.number)}大（${year(after.start)}年）`].filter(Boolean).join('，');
    zhDefinition = `${names.zh}，即党的${chineseNumber(event.number)}大，${chineseSpan(event.start, event.end)}在${placeZh[event.place] ?? event.place}举行${zhSeries === '' ? '' : `，${zhSeries}`}。${event.adopted.zh}`;
    related = ['cpc-national-congress', ...neighbours([congressId(event.number - 1), congressId(event.number + 1), plenumId(event.number, 1)])];
  } else if (event.kind === 'plenum') {
    names = plenumNames(event.cc, event.session);
    definition = `The ${ordinalWord(event.session).toLowerCase()} plenary session of the Central Committee that the ${ordinal(event.cc)} National Congress elected, held in ${event.place} ${event.start === event.end ? 'on' : 'from'} ${englishSpan(event.start, event.end)}. ${event.adopted.en}`;
    zhDefinition = `${names.zh}，即${chineseNumber(event.cc)}届${chineseNumber(event.session)}中全会，${chineseSpan(event.start, event.end)}在${placeZh[event.place] ?? event.place}举行，是党的${chineseNumber(event.cc)}大选出的中央委员会的第${chineseNumber(event.session)}次全体会议。${event.adopted.zh}`;
    related = ['plenary-session-of-the-cpc-central-committee', ...neighbours([congressId(event.cc), plenumId(event.cc, event.session - 1), plenumId(event.cc, event.session + 1)])];
  } else {
    names = planNames(event);
    const approval = event.adoptedOn === undefined ? '' : `, approved${event.adoptedBy === undefined ? '' : ` by the ${event.adoptedBy}`} on ${englishDate(event.adoptedOn)}`;
    definition = `China's ${ordinal(event.number)} Five-Year Plan for National Economic and Social Development, for ${englishPeriodOf(event)}${approval}; the first of the series began in 1953. ${event.adopted.en}`;
    const zhApproval = event.adoptedOn === undefined ? '' : `，${chineseDate(event.adoptedOn)}经${chineseSession(event.adoptedBy) ?? '全国人民代表大会'}批准`;
    zhDefinition = `${event.name.zh}（${event.period[0]}—${event.period[1]}年）${zhApproval}；五年${event.number >= 11 ? '规划' : '计划'}自1953年开始编制。${event.adopted.zh}`;
    related = ['five-year-plan', ...neighbours([planId(event.number - 1), planId(event.number + 1)])];
  }
  if (event.about !== undefined) {
    definition += ` ${event.about.en}`;
    zhDefinition += event.about.zh;
  }
  related.push(...(event.related ?? []).filter((id) => !related.includes(id)));
  return {
    id: entryIdOf(event),
    term: names.term,
    aliases: [...new Set([...names.aliases, ...names.zhAliases])].filter((name) => name !== names.term && name !== names.zh),
    zh: { simplified: names.zh, traditional: chinese.traditional(names.zh), pinyin: chinese.pinyin(names.zh), definition: zhDefinition },
    category: event.kind === 'fyp' ? 'document' : 'event',
    definition,
    ...(event.kind === 'fyp' ? {} : { firstUse: `${event.start === event.end ? '' : 'From '}${englishSpan(event.start, event.end)}, ${event.place}` }),
    ...(event.contextOnly ? { contextOnly: true } : {}),
    related,
    citations: event.citations,
  };
}

export function entryIdOf(event: NumberedEvent): string {
  return event.kind === 'congress' ? congressId(event.number) : event.kind === 'plenum' ? plenumId(event.cc, event.session) : planId(event.number);
}

/** Every event's entry, cited ones only: the built-in glossary cites a source for every entry. */
export function eventEntries(events: readonly NumberedEvent[], chinese: ChineseTools): EntryJson[] {
  return events.filter((event) => event.citations.length > 0).map((event) => eventEntry(event, events, chinese));
}

/** OpenCC (simplified → traditional) and pinyin-pro, word by word as ICU segments the name. */
export function buildChineseTools(): ChineseTools {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const toTraditional = (require('opencc-js/cn2t') as typeof import('opencc-js')).Converter({ from: 'cn', to: 't' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pinyin } = require('pinyin-pro') as typeof import('pinyin-pro');
  const words = new Intl.Segmenter('zh', { granularity: 'word' });
  return {
    traditional: toTraditional,
    // A number (第十九) is one word, as ICU does not always keep it whole (第十|九届).
    pinyin: (simplified) =>
      simplified
        .split(/(第?[〇一二三四五六七八九十]+)/)
        .filter((run) => run !== '')
        .flatMap((run) => (/^第?[〇一二三四五六七八九十]+$/.test(run) ? [run] : [...words.segment(run)].map(({ segment }) => segment)))
        .map((word) =>
          pinyin(word, { type: 'array' })
            .map((syllable, index) => (index > 0 && /^[aeoāáǎàēéěèōóǒò]/.test(syllable) ? `'${syllable}` : syllable))
            .join(''),
        )
        // An event's name is a proper name: each word capitalised, as names are written in pinyin.
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' '),
  };
}

/** The glossary's terms with the events' entries in place of those of the same ids, new ones at the end. */
export function withEventEntries(terms: { id: string }[], entries: EntryJson[]): object[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const kept = terms.map((term) => byId.get(term.id) ?? term);
  const present = new Set(terms.map((term) => term.id));
  return [...kept, ...entries.filter((entry) => !present.has(entry.id))];
}

if (require.main === module) {
  const seeds = path.resolve(__dirname, '..', '..', '..', '..', 'seeds');
  const events: NumberedEvent[] = JSON.parse(readFileSync(path.join(seeds, 'events.json'), 'utf8'));
  const glossaryFile = path.join(seeds, 'glossary.json');
  const glossary = JSON.parse(readFileSync(glossaryFile, 'utf8'));
  glossary.terms = withEventEntries(glossary.terms, eventEntries(events, buildChineseTools()));
  writeFileSync(glossaryFile, JSON.stringify(glossary, null, 2) + '\n');
  console.log(`${glossaryFile}: ${events.filter((event) => event.citations.length > 0).length} numbered events of ${events.length} (the others have no citation yet)`);
}
