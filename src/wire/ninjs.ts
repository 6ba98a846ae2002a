/**
 * Reads IPTC ninjs ("News in JSON") text items of versions 1.x, 2.x and 3.x
 * into one shape. 1.x has `headline`, `body_html` and `byline` strings and
 * `associations` as an object; 2.x has `headlines`, `bodies` and
 * `descriptions` arrays, `by` and `associations` as an array; 3.x is 2.x with
 * camelCase names (`versionCreated`, `copyrightHolder`, `contentType`).
 */

import { escapeMarkup } from "../markup.ts";
import { parseJson } from "../sources/json.ts";

export type NinjsVersion = 1 | 2 | 3;

/** A word or name the wire tagged the story with, to map onto our topics. */
export interface WireTerm {
  kind: "subject" | "keyword" | "person" | "organisation" | "place";
  name: string;
  /** Other forms that may match an alias: a subject's code, URI or literal id. */
  ids: string[];
}

export interface WirePicture {
  /** The association's name, such as `featureimage`. */
  name: string;
  caption?: string;
  alt?: string;
  credit?: string;
  /** Rendition links, best first; the importer looks for these files locally. */
  hrefs: string[];
}

/** A wire story, whatever ninjs version it came in. Text fields are plain text; the body is HTML. */
export interface WireStory {
  version: NinjsVersion;
  /** `uri` (or `guid`): the same for every version of the story. */
  id: string;
  headline: string;
  summary?: string;
  bodyHtml: string;
  byline?: string;
  /** The agency: copyright holder, else the providing info source. */
  credit?: string;
  located?: string;
  terms: WireTerm[];
  firstCreated?: string;
  versionCreated?: string;
  embargoedUntil?: string;
  picture?: WirePicture;
}

/** What is wrong with the input, named by its ninjs field. */
export interface WireError {
  field: string;
  message: string;
}

export type WireResult = { ok: true; story: WireStory } | { ok: false; errors: WireError[] };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** 3.x's camelCase names of the 1.x/2.x lowercase properties we read. */
const CAMEL: Record<string, string> = {
  versioncreated: "versionCreated",
  firstcreated: "firstCreated",
  embargoed: "embargoedUntil",
  copyrightholder: "copyrightHolder",
  infosources: "infoSources",
  contenttype: "contentType",
};

/** Properties only 3.x spells in camelCase: any of them marks a document as 3.x. */
const CAMEL_ONLY = ["versionCreated", "firstCreated", "contentCreated", "embargoedUntil", "copyrightHolder", "copyrightNotice", "infoSources", "altIds", "pubStatus", "usageTerms", "edNote", "representationType", "rightsInfo", "trustIndicators"];

/** The value of a property under its name in this version, or under the other spelling. */
function prop(item: Json, version: NinjsVersion, name: string): unknown {
  const camel = CAMEL[name];
  const [first, second] = version === 3 && camel ? [camel, name] : [name, camel];
  return item[first] ?? (second ? item[second] : undefined);
}

/** Which ninjs version a document is: from `$schema` when given, else from its shape. */
export function detectVersion(doc: Json): NinjsVersion | WireError {
  const schema = doc.$schema ?? doc.$id;
  if (typeof schema === "string") {
    const match = /ninjs-schema_(\d+)/i.exec(schema) ?? /ninjs[^0-9]*(\d+)\./i.exec(schema);
    const major = match ? Number(match[1]) : NaN;
    if (major === 1 || major === 2 || major === 3) return major;
    return { field: "$schema", message: `"${schema}" is not a ninjs 1.x, 2.x or 3.x schema` };
  }
  if (Array.isArray(doc.headlines) || Array.isArray(doc.bodies) || Array.isArray(doc.descriptions)) {
    const parts = [doc, ...[doc.headlines, doc.bodies, doc.descriptions].flatMap((list) => (Array.isArray(list) ? list.filter(isObject) : []))];
    return parts.some((part) => CAMEL_ONLY.some((key) => key in part) || "contentType" in part) ? 3 : 2;
  }
  if (typeof doc.headline === "string" || typeof doc.byline === "string" || Object.keys(doc).some((key) => /^(body|description|headline)_/.test(key))) return 1;
  return {
    field: "(document)",
    message: "not a ninjs news item: expected `headline` and `body_html` (ninjs 1.x) or `headlines` and `bodies` (ninjs 2.x and 3.x)",
  };
}

/** Parses ninjs JSON text into a wire story, or says which fields are missing or wrong. */
export function parseNinjs(text: string): WireResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, errors: [{ field: "(file)", message: `not valid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}` }] };
  const doc = parsed.value;
  if (!isObject(doc)) {
    return { ok: false, errors: [{ field: "(document)", message: `expected one ninjs object, got ${Array.isArray(doc) ? "a list" : typeof doc}` }] };
  }
  const version = detectVersion(doc);
  if (typeof version !== "number") return { ok: false, errors: [version] };
  return readStory(doc, version);
}

function readStory(doc: Json, version: NinjsVersion): WireResult {
  const errors: WireError[] = [];
  const v1 = version === 1;

  if (nonEmpty(doc.type) && doc.type !== "text" && doc.type !== "composite") {
    errors.push({ field: "type", message: `"${doc.type}" items cannot be imported; expected a text story (type "text")` });
  }

  const id = [doc.uri, doc.guid].find(nonEmpty);
  if (!id) errors.push({ field: "uri", message: "is required: the story's id, which every version of it shares" });

  const headline = v1 ? firstOf(doc.headline, ...patterned(doc, "headline_")) : pickText(doc.headlines, version, ["main", "headline"]);
  if (headline === undefined) errors.push({ field: v1 ? "headline" : "headlines", message: "is required: the story has no headline" });

  const body = v1 ? bodyV1(doc) : bodyFromList(doc.bodies, version);
  if (!body) errors.push({ field: v1 ? "body_html" : "bodies", message: "is required: the story has no body text" });

  const summary = v1
    ? firstOf(doc.description_text, htmlText(doc.description_html), ...patterned(doc, "description_"))
    : pickText(doc.descriptions, version, ["summary", "abstract", "standfirst", "teaser", "lead", "description", "main"]);

  const dates: Partial<Record<"firstCreated" | "versionCreated" | "embargoedUntil", string>> = {};
  for (const [key, name] of [["firstCreated", "firstcreated"], ["versionCreated", "versioncreated"], ["embargoedUntil", "embargoed"]] as const) {
    const value = prop(doc, version, name);
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
      errors.push({ field: fieldName(version, name), message: `expected an ISO 8601 date-time such as "2023-03-19T15:40:00Z", got ${JSON.stringify(value)}` });
    } else dates[key] = value;
  }

  if (errors.length > 0 || !id || headline === undefined || !body) return { ok: false, errors };

  const byline = firstOf(v1 ? doc.byline : doc.by);
  const located = firstOf(doc.located);
  const picture = leadPicture(doc.associations, version);
  return {
    ok: true,
    story: {
      version,
      id: id.trim(),
      headline,
      ...(summary !== undefined ? { summary } : {}),
      bodyHtml: body,
      ...(byline !== undefined ? { byline } : {}),
      ...optional("credit", creditOf(doc, version)),
      ...(located !== undefined ? { located } : {}),
      terms: termsOf(doc, version),
      ...dates,
      ...(picture ? { picture } : {}),
    },
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
}

/** The field as this version spells it, for error messages. */
function fieldName(version: NinjsVersion, name: string): string {
  return version === 3 ? (CAMEL[name] ?? name) : name;
}

/** The first non-empty string, trimmed and with runs of white space made single. */
function firstOf(...values: unknown[]): string | undefined {
  const found = values.find(nonEmpty);
  return found === undefined ? undefined : found.replace(/\s+/g, " ").trim();
}

/** Values of 1.x's patterned properties (`headline_main`, `body_text`...), in document order. */
function patterned(doc: Json, prefix: string): unknown[] {
  return Object.keys(doc).filter((key) => key.startsWith(prefix)).map((key) => doc[key]);
}

/** A 2.x/3.x `{ role, contenttype, value }` list's best entry by role, as plain text. */
function pickText(list: unknown, version: NinjsVersion, roles: readonly string[]): string | undefined {
  const items = Array.isArray(list) ? list.filter(isObject).filter((item) => nonEmpty(item.value)) : [];
  const byRole = roles.map((role) => items.find((item) => typeof item.role === "string" && item.role.toLowerCase() === role)).find(Boolean);
  const item = byRole ?? items.find((entry) => entry.role === undefined) ?? items[0];
  if (!item) return undefined;
  const value = String(item.value);
  return isHtml(prop(item, version, "contenttype"), value) ? htmlText(value) : firstOf(value);
}

const HTML_TYPE = /html|xml/i;
const looksLikeHtml = (value: string) => /<(p|div|br|h[1-6]|ul|ol|li|blockquote|span|a|b|i|em|strong)\b[^>]*>/i.test(value);

function isHtml(contentType: unknown, value: string): boolean {
  return typeof contentType === "string" ? HTML_TYPE.test(contentType) : looksLikeHtml(value);
}

/** 1.x body: `body_html` or another marked-up body first, else plain text as paragraphs. */
function bodyV1(doc: Json): string | undefined {
  const keys = Object.keys(doc).filter((key) => key.startsWith("body_") && nonEmpty(doc[key]));
  const html = ["body_html", "body_xhtml", "body_richtext"].find((key) => keys.includes(key)) ?? keys.find((key) => HTML_TYPE.test(key));
  if (html) return String(doc[html]);
  const plain = keys.find((key) => key === "body_text") ?? keys[0];
  return plain ? textToHtml(String(doc[plain])) : undefined;
}

/** 2.x/3.x body: marked-up first (the `main` role preferred), then NITF, then plain text as paragraphs. */
function bodyFromList(list: unknown, version: NinjsVersion): string | undefined {
  const items = Array.isArray(list) ? list.filter(isObject).filter((item) => nonEmpty(item.value)) : [];
  const kind = (item: Json) => bodyKind(prop(item, version, "contenttype"), String(item.value));
  const best = (wanted: string) => {
    const found = items.filter((item) => kind(item) === wanted);
    return found.find((item) => item.role === "main") ?? found[0];
  };
  const html = best("html");
  if (html) return String(html.value);
  const nitf = best("nitf");
  const nitfBody = nitf ? nitfToHtml(String(nitf.value)) : undefined;
  if (nitfBody) return nitfBody;
  const plain = best("text");
  return plain ? textToHtml(String(plain.value)) : undefined;
}

/** What a body holds, by its content type, or by a look at it when there is none. */
function bodyKind(contentType: unknown, value: string): "html" | "nitf" | "text" | "other" {
  if (typeof contentType !== "string") return looksLikeHtml(value) ? "html" : "text";
  if (/nitf/i.test(contentType)) return "nitf";
  if (HTML_TYPE.test(contentType)) return "html";
  return /^text\/plain/i.test(contentType) ? "text" : "other";
}

/** The story part of an IPTC NITF document (`body.content`), its `hl2` subheadings as `h2`. */
function nitfToHtml(nitf: string): string | undefined {
  const content = /<body\.content[^>]*>([\s\S]*?)<\/body\.content>/i.exec(nitf)?.[1];
  return content?.replace(/<(\/?)hl2\b[^>]*>/gi, "<$1h2>");
}

/** Plain wire text as HTML paragraphs, one a blank-line-separated block. */
export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeMarkup(block).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}


const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", hellip: "…" };

/** Plain text of a short piece of HTML (a headline, a caption): tags dropped, entities decoded. */
export function htmlText(html: unknown): string | undefined {
  if (!nonEmpty(html)) return undefined;
  const text = html
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code = name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
  return firstOf(text);
}

/** The agency to credit: the copyright holder, else the info source that provided the story. */
function creditOf(doc: Json, version: NinjsVersion): string | undefined {
  const holder = firstOf(prop(doc, version, "copyrightholder"));
  if (holder) return holder;
  const sources = version === 1 ? doc.infosource : prop(doc, version, "infosources");
  const list = Array.isArray(sources) ? sources.filter(isObject).filter((source) => nonEmpty(source.name)) : [];
  const role = (source: Json) => String(source.role ?? source.rel ?? "");
  const provider = list.find((source) => /provider|originat|source|distributor/i.test(role(source))) ?? list[0];
  return provider ? firstOf(provider.name) : undefined;
}

/** Subjects, keywords, people, organisations and places the wire tagged the story with. */
function termsOf(doc: Json, version: NinjsVersion): WireTerm[] {
  const v1 = version === 1;
  const named = (kind: WireTerm["kind"], list: unknown): WireTerm[] =>
    (Array.isArray(list) ? list.filter(isObject) : []).flatMap((item) => {
      const ids = [item.code, item.qcode, item.uri, item.literal].filter(nonEmpty).map((id) => id.trim());
      const name = firstOf(item.name, item.literal, ...ids);
      return name ? [{ kind, name, ids }] : [];
    });
  const keywords = (Array.isArray(doc.keywords) ? doc.keywords : []).filter(nonEmpty).map((name): WireTerm => ({ kind: "keyword", name: name.trim(), ids: [] }));
  return [
    ...named("subject", v1 ? doc.subject : doc.subjects),
    ...keywords,
    ...named("person", v1 ? doc.person : doc.people),
    ...named("organisation", v1 ? doc.organisation : doc.organisations),
    ...named("place", v1 ? doc.place : doc.places),
  ];
}

/** Associations as `[name, item]` pairs: an object in 1.x, a list of items with `name` after. */
function associationsOf(associations: unknown): [string, Json][] {
  if (isObject(associations)) return Object.entries(associations).flatMap(([name, item]) => (isObject(item) ? [[name, item] as [string, Json]] : []));
  if (Array.isArray(associations)) {
    return associations.filter(isObject).map((item, index) => [typeof item.name === "string" ? item.name : `associations[${index}]`, item]);
  }
  return [];
}

/** The lead picture: a picture association named like `featureimage` or `main`, else the first picture. */
function leadPicture(associations: unknown, version: NinjsVersion): WirePicture | undefined {
  const pictures = associationsOf(associations).filter(([, item]) => item.type === "picture" || item.type === "graphic" || (item.type === undefined && item.renditions !== undefined));
  const lead = pictures.find(([name]) => /^(feature|main|lead|primary|top)/i.test(name)) ?? pictures[0];
  if (!lead) return undefined;
  const [name, item] = lead;
  const v1 = version === 1;
  const caption = v1
    ? firstOf(item.description_caption, item.description_text, htmlText(item.description_html), item.headline)
    : firstOf(pickText(item.descriptions, version, ["caption", "description", "main", "summary"]), pickText(item.headlines, version, ["main"]));
  const alt = v1
    ? firstOf(item.description_alt, item.description_alttext, item.description_accessibility)
    : pickRole(item.descriptions, ["alt", "alttext", "alt-text", "alternative", "accessibility", "accessibilitydescription"]);
  const credit = firstOf(v1 ? item.byline : item.by, prop(item, version, "copyrightholder"));
  return { name, ...optional("caption", caption), ...optional("alt", alt), ...optional("credit", credit), hrefs: renditionHrefs(item.renditions) };
}

/** The value of a description with one of these roles only, never a fallback. */
function pickRole(list: unknown, roles: readonly string[]): string | undefined {
  const items = Array.isArray(list) ? list.filter(isObject) : [];
  const item = items.find((entry) => typeof entry.role === "string" && roles.includes(entry.role.toLowerCase().replace(/\s+/g, "")) && nonEmpty(entry.value));
  return item ? firstOf(item.value) : undefined;
}

/** Rendition links, the original or largest first: an object of renditions in 1.x, a list after. */
function renditionHrefs(renditions: unknown): string[] {
  const list: Json[] = isObject(renditions)
    ? Object.entries(renditions).flatMap(([name, item]) => (isObject(item) ? [{ name, ...item }] : []))
    : Array.isArray(renditions)
      ? renditions.filter(isObject)
      : [];
  const rank = (item: Json) => (/^(original|highres|baseimage|full)/i.test(String(item.name ?? "")) ? 0 : 1);
  const width = (item: Json) => (typeof item.width === "number" ? item.width : 0);
  return [...list]
    .sort((a, b) => rank(a) - rank(b) || width(b) - width(a))
    .map((item) => item.href)
    .filter(nonEmpty);
}
