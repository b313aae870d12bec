// XML for every format that is XML (REFI-QDA projects and codebooks, TBX term bases). sax reads it;
// writing is hand-written here, escaping and indentation in one place: an XML library beside sax
// cost ~60 KB of the bundle's 1 MB budget only to build these strings.
import type { QualifiedTag, Tag } from 'sax';

/** An element with either text or child elements: the formats written here have no mixed content. */
export interface XmlElement {
  name: string;
  /** In the order written; undefined ones are left out. */
  attributes?: Record<string, string | number | undefined>;
  content?: string | XmlElement[];
}

export function element(name: string, attributes?: XmlElement['attributes'], content?: XmlElement['content']): XmlElement {
  return { name, attributes, content };
}

const references: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Characters XML 1.0 cannot hold at all, not even as references: they are left out rather than make the file unreadable. */
const notXml = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text.replace(notXml, '').replace(/[&<>]/g, (char) => references[char]);
}

/** Line breaks and tabs as references too: a parser would read them as plain spaces in an attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(notXml, '').replace(/[&<>"\t\n\r]/g, (char) => references[char]);
}

function lines(node: XmlElement, indent: string): string[] {
  const attributes = Object.entries(node.attributes ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');
  const open = `${indent}<${node.name}${attributes}`;
  if (node.content === undefined || node.content.length === 0) return [`${open}/>`];
  if (typeof node.content === 'string') return [`${open}>${escapeText(node.content)}</${node.name}>`];
  return [`${open}>`, ...node.content.flatMap((child) => lines(child, `${indent}  `)), `${indent}</${node.name}>`];
}

/** A UTF-8 XML document, two spaces an indent level, after any processing instructions given. */
export function xmlDocument(root: XmlElement, ...instructions: string[]): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...instructions, ...lines(root, ''), ''].join('\n');
}

/** An attribute's value from a sax tag, whether or not sax was reading namespaces. */
export function attributeOf(tag: Tag | QualifiedTag, key: string): string | undefined {
  const value = tag.attributes[key];
  return typeof value === 'string' ? value : value?.value;
}
