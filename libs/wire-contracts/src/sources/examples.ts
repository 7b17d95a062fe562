import { readFileSync } from 'node:fs';
import { Models, type Provenance, type WireType } from '../schema.js';

// Contracts from a venue's documented example messages, for what no machine-readable model
// covers (websocket pushes). Each venue keeps its examples as data in sources/<venue>-*.json,
// every example naming its source; a field's type is the JSON type the examples give it, and a
// push may carry only fields an example (or the documented envelope) names.

/** A field type as written in a source file: a JSON type name, a list of one, or an object of fields. */
type FieldSpec = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'any' | [FieldSpec] | { readonly [field: string]: FieldSpec };

interface ExampleEntry {
  readonly source: string;
  readonly line?: number;
  readonly heading?: string;
  readonly note?: string;
  readonly example: unknown;
  /** The documented field table of the push's result (or of its items), where the docs give one. */
  readonly fields?: Readonly<Record<string, FieldSpec>>;
}

/** One websocket API channel (event "api"): its documented requests and answers, and the REST call it stands for. */
interface ApiChannelEntry {
  /** The gate-api model of the REST answer this channel's result is (e.g. "Order"). */
  readonly rest?: string;
  /** The documented field table of payload.req_param. */
  readonly param?: { readonly source: string; readonly line?: number; readonly fields: Readonly<Record<string, FieldSpec>> };
  readonly requests: readonly ExampleEntry[];
  readonly answers: readonly ExampleEntry[];
}

/** A venue's request/answer websocket API (Gate's order channels), beside its subscriptions. */
interface ApiSection {
  readonly note?: string;
  /** What every API request carries (the payload's members by field table). */
  readonly request: { readonly source: string; readonly note?: string; readonly fields: Readonly<Record<string, FieldSpec>> };
  /** Documented error answers: any channel may answer so. */
  readonly errors: readonly ExampleEntry[];
  readonly channels: Readonly<Record<string, ApiChannelEntry>>;
}

/** The shape of sources/<venue>-websocket.json. */
export interface ExampleSourceFile {
  readonly about: string;
  readonly sources: Readonly<Record<string, Provenance>>;
  /** What a client sends (subscribe, unsubscribe, ping). */
  readonly request: { readonly source: string; readonly note?: string; readonly fields: Readonly<Record<string, FieldSpec>> };
  /** What every venue message carries around its channel-specific part. */
  readonly envelope: { readonly source: string; readonly note?: string; readonly fields: Readonly<Record<string, FieldSpec>> };
  /** Members documented to arrive as a string or a number (e.g. sizes with a decimal opt-in), by channel. */
  readonly stringSizes?: { readonly source: string; readonly note?: string; readonly channels: readonly string[]; readonly fields: readonly string[] };
  /** Documented pushes, by channel. */
  readonly channels: Readonly<Record<string, readonly ExampleEntry[]>>;
  readonly api?: ApiSection;
}

const SOURCES_DIR = new URL('../../sources/', import.meta.url);
const STRING_OR_NUMBER: WireType = { kind: 'oneOf', types: [{ kind: 'number' }, { kind: 'string' }] };

/** Every channel's push, the subscription answers and the client's requests, as wire types. */
export class ChannelContracts {
  readonly models = new Models();
  private readonly pushes = new Map<string, WireType>();
  private readonly apiRequests = new Map<string, WireType>();
  private readonly apiAnswers = new Map<string, WireType>();
  private readonly apiRest = new Map<string, string>();
  readonly request: WireType;
  readonly answer: WireType;

  /** `file`: a file of the package's sources/ folder, e.g. "gateio-websocket.json". */
  static load(file: string): ChannelContracts {
    return new ChannelContracts(JSON.parse(readFileSync(new URL(file, SOURCES_DIR), 'utf8')) as ExampleSourceFile, file);
  }

  constructor(
    readonly file: ExampleSourceFile,
    readonly name: string,
  ) {
    const provenance = (id: string, note?: string): Provenance => ({ ...(file.sources[id] ?? { origin: id }), note });
    this.request = this.fromSpec('request', file.request.fields, provenance(file.request.source, file.request.note));
    const envelopeSource = provenance(file.envelope.source, file.envelope.note);
    this.answer = this.fromSpec('envelope', file.envelope.fields, envelopeSource);
    for (const [channel, entries] of Object.entries(file.channels)) {
      const examples = entries.map((entry) => entry.example);
      const stringSized = file.stringSizes?.channels.includes(channel) ? new Set(file.stringSizes.fields) : undefined;
      const origin = entries.map((entry) => `${file.sources[entry.source]?.origin ?? entry.source}${entry.line ? ` line ${entry.line}` : ''}${entry.note ? ` (${entry.note})` : ''}`).join('; ');
      const result = this.infer(
        `${channel} result`,
        examples.map((e) => (e as Record<string, unknown>).result),
        { origin, note: `examples of ${channel}` },
        stringSized,
      );
      for (const entry of entries) if (entry.fields) this.addTableFields(result, entry.fields, stringSized);
      const envelope = this.models.model('envelope')!;
      const fields = new Map(envelope.fields);
      for (const example of examples) {
        for (const [key, value] of Object.entries(example as Record<string, unknown>)) {
          if (!fields.has(key)) fields.set(key, this.infer(`${channel} ${key}`, [value], { origin }, undefined));
        }
      }
      fields.set('result', result);
      this.models.add({ name: `${channel} push`, fields, source: { origin: `${envelopeSource.origin} (envelope); ${origin}` } });
      this.pushes.set(channel, { kind: 'model', name: `${channel} push` });
    }
    if (file.api) for (const [channel, entry] of Object.entries(file.api.channels)) this.addApiChannel(channel, entry, file.api);
  }

  /** A websocket API channel's request and answer models; a `rest` result is left to its REST model. */
  private addApiChannel(channel: string, entry: ApiChannelEntry, api: ApiSection): void {
    const { file } = this;
    const stringSized = file.stringSizes?.channels.includes(channel) ? new Set(file.stringSizes.fields) : undefined;
    const origin = (entries: readonly ExampleEntry[]) => entries.map((e) => `${file.sources[e.source]?.origin ?? e.source}${e.line ? ` line ${e.line}` : ''}`).join('; ');
    const payload = api.request.fields.payload;
    const fields: Record<string, FieldSpec> = { ...api.request.fields };
    if (entry.param && typeof payload === 'object' && !Array.isArray(payload)) fields.payload = { ...payload, req_param: entry.param.fields };
    const requestOrigin = `${file.sources[api.request.source]?.origin ?? api.request.source} (${api.request.note ?? 'request'}); ${origin(entry.requests)}`;
    this.apiRequests.set(channel, this.fromSpec(`${channel} api request`, fields, { origin: requestOrigin }, stringSized));
    const answers = [...entry.answers, ...api.errors];
    const answer = this.infer(
      `${channel} api answer`,
      answers.map((e) => e.example),
      { origin: origin(answers), note: `answers of ${channel}` },
      stringSized,
    );
    if (entry.rest) {
      this.apiRest.set(channel, entry.rest);
      const data = this.models.model(`${channel} api answer.data`);
      if (data) this.models.add({ ...data, fields: new Map(data.fields).set('result', { kind: 'any' }) });
    }
    this.apiAnswers.set(channel, answer);
  }

  /** A websocket API request (event "api") on `channel`, or undefined when the docs show none. */
  apiRequest(channel: string): WireType | undefined {
    return this.apiRequests.get(channel);
  }

  /** A websocket API answer (ack, result or errs) on `channel`. */
  apiAnswer(channel: string): WireType | undefined {
    return this.apiAnswers.get(channel);
  }

  /** The REST answer model (gate-api) a channel's result is, when it stands for a REST call. */
  apiRestModel(channel: string): string | undefined {
    return this.apiRest.get(channel);
  }

  /** The whole push frame of a channel, or undefined when no example documents it. */
  push(channel: string): WireType | undefined {
    return this.pushes.get(channel);
  }

  get channels(): string[] {
    return [...this.pushes.keys()];
  }

  private fromSpec(name: string, fields: Readonly<Record<string, FieldSpec>>, source: Provenance, stringSized?: ReadonlySet<string>): WireType {
    const typed = new Map<string, WireType>();
    for (const [key, spec] of Object.entries(fields)) typed.set(key, stringSized?.has(key) ? STRING_OR_NUMBER : this.specType(`${name} ${key}`, spec, source, stringSized));
    this.models.add({ name, fields: typed, source });
    return { kind: 'model', name };
  }

  private specType(name: string, spec: FieldSpec, source: Provenance, stringSized?: ReadonlySet<string>): WireType {
    if (Array.isArray(spec)) return { kind: 'array', items: this.specType(name, spec[0], source, stringSized) };
    if (typeof spec === 'object') return this.fromSpec(name, spec, source, stringSized);
    switch (spec) {
      case 'integer':
        return { kind: 'number', integer: true };
      case 'number':
        return { kind: 'number' };
      case 'string':
        return { kind: 'string' };
      case 'boolean':
        return { kind: 'boolean' };
      case 'object':
        return { kind: 'object' };
      default:
        return { kind: 'any' };
    }
  }

  /** Fields of the documented table that the examples leave out, added to the result's (items') model. */
  private addTableFields(result: WireType, table: Readonly<Record<string, FieldSpec>>, stringSized: ReadonlySet<string> | undefined): void {
    const target = result.kind === 'model' ? result : result.kind === 'array' && result.items.kind === 'model' ? result.items : undefined;
    const model = target && this.models.model(target.name);
    if (!model) return;
    const fields = new Map(model.fields);
    for (const [key, spec] of Object.entries(table)) {
      const documented = stringSized?.has(key) ? STRING_OR_NUMBER : this.specType(`${model.name}.${key}`, spec, model.source);
      const seen = fields.get(key);
      if (!seen) fields.set(key, documented);
      else if (seen.kind !== documented.kind && seen.kind !== 'oneOf' && documented.kind !== 'any') fields.set(key, { kind: 'oneOf', types: [seen, documented] });
    }
    this.models.add({ ...model, fields });
  }

  /** The type the examples give a value: objects as models whose fields are the union over examples. */
  private infer(name: string, values: readonly unknown[], source: Provenance, stringSized: ReadonlySet<string> | undefined): WireType {
    const present = values.filter((v) => v !== undefined);
    if (present.length === 0 || present.every((v) => v === null)) return { kind: 'any' };
    const objects = present.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
    const arrays = present.filter((v): v is unknown[] => Array.isArray(v));
    const types: WireType[] = [];
    if (objects.length > 0) {
      const fields = new Map<string, WireType>();
      const keys = new Set(objects.flatMap((o) => Object.keys(o)));
      for (const key of keys) {
        const type = this.infer(
          `${name}.${key}`,
          objects.map((o) => o[key]),
          source,
          stringSized,
        );
        fields.set(key, stringSized?.has(key) ? STRING_OR_NUMBER : type);
      }
      this.models.add({ name, fields, source });
      types.push({ kind: 'model', name });
    }
    if (arrays.length > 0) types.push({ kind: 'array', items: this.infer(`${name}[]`, arrays.flat(), source, stringSized) });
    for (const kind of ['string', 'number', 'boolean'] as const) {
      if (present.some((v) => typeof v === kind)) types.push({ kind });
    }
    return types.length === 1 ? types[0]! : { kind: 'oneOf', types };
  }
}
