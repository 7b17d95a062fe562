// A strict reader of the Prometheus text exposition format 0.0.4 (what prom-client writes and
// Prometheus scrapes): every line is a HELP or TYPE comment, blank, or a sample
// `name{label="value",...} value`; every sample belongs to a family declared by TYPE (with the
// _sum/_count/_bucket suffixes of summaries and histograms). Throws on the first bad line.
// Names and values as Prometheus reads them: values are Go floats (NaN, +Inf in any case).

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Exposition {
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly Sample[];
  /** Sum of the samples named `name` whose labels include `labels`. */
  value(name: string, labels?: Record<string, string>): number;
  /** Whether any sample is named `name` (with those labels). */
  has(name: string, labels?: Record<string, string>): boolean;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?,?\\})? ([+-]?(?:[0-9.]+(?:e[+-]?[0-9]+)?|inf|nan))(?: -?[0-9]+)?$`, 'i');
const COMMENT = new RegExp(`^# (HELP|TYPE) (${NAME})(?: (.*))?$`);
const TYPES = new Set(['counter', 'gauge', 'summary', 'histogram', 'untyped']);

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  for (const match of text.matchAll(new RegExp(LABEL, 'g'))) {
    if (match[1]! in labels) throw new Error(`label ${match[1]} twice in {${text}}`);
    labels[match[1]!] = match[2]!.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function family(name: string, types: ReadonlyMap<string, string>): string | undefined {
  if (types.has(name)) return name;
  const base = name.replace(/_(sum|count|bucket)$/, '');
  const type = types.get(base);
  return type === 'summary' || type === 'histogram' ? base : undefined;
}

const matches = (sample: Sample, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => sample.labels[k] === v);

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const lines = text.split('\n');
  if (lines.pop() !== '') throw new Error('exposition does not end with a newline');
  lines.forEach((line, i) => {
    if (line === '') return;
    const where = `line ${i + 1}: ${JSON.stringify(line.slice(0, 120))}`;
    const comment = COMMENT.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE') {
        if (!TYPES.has(comment[3] ?? '')) throw new Error(`bad TYPE at ${where}`);
        if (types.has(comment[2]!)) throw new Error(`TYPE declared twice at ${where}`);
        types.set(comment[2]!, comment[3]!);
      }
      return;
    }
    if (line.startsWith('#')) throw new Error(`bad comment at ${where}`);
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`not a sample at ${where}`);
    const name = sample[1]!;
    if (!family(name, types)) throw new Error(`sample without a TYPE at ${where}`);
    const raw = sample[sample.length - 1]!;
    // Go's ParseFloat, which Prometheus uses, takes NaN and Inf in any case (prom-client writes "Nan").
    const lower = raw.toLowerCase();
    const value = lower === 'nan' ? NaN : lower.endsWith('inf') ? (lower.startsWith('-') ? -Infinity : Infinity) : Number(raw);
    samples.push({ name, labels: parseLabels(sample[2]), value });
  });
  return {
    types,
    samples,
    value: (name, labels = {}) => samples.filter((s) => s.name === name && matches(s, labels)).reduce((sum, s) => sum + s.value, 0),
    has: (name, labels = {}) => samples.some((s) => s.name === name && matches(s, labels)),
  };
}

/** GET http://<address>/metrics, checked and parsed. */
export async function scrape(address: string): Promise<Exposition> {
  const response = await fetch(`http://${address}/metrics`);
  if (response.status !== 200) throw new Error(`GET /metrics: ${response.status}`);
  const type = response.headers.get('content-type');
  if (type !== 'text/plain; version=0.0.4; charset=utf-8') throw new Error(`GET /metrics content-type ${type}`);
  return parseExposition(await response.text());
}
