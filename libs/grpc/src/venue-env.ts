import { GatewayError, readVenueOptions, type VenueModule } from '@cexgw/adapters';

/** The CEXGW_<VENUE>_* names the services read themselves: endpoints and credentials, not adapter options. */
const SERVICE_VARIABLES = ['REST_URL', 'WS_URL', 'API_KEY', 'API_SECRET', 'API_KEY_FILE', 'API_SECRET_FILE'];

export function venueEnvPrefix(venue: string): string {
  return `CEXGW_${venue.toUpperCase()}_`;
}

export interface VenueEnvConfig {
  readonly restBaseUrl?: string;
  readonly wsUrl?: string;
  /** Adapter options by name (book_channel), each one the venue declares, with a value it accepts. */
  readonly options: Readonly<Record<string, string>>;
}

/**
 * A venue's endpoints and options from its CEXGW_<VENUE>_* variables, checked at start-up: every
 * such variable must be an endpoint, a credential or an option the venue module declares, with a
 * value it accepts; anything else is refused with a message naming the variable and what it takes
 * (a typo is never silently ignored).
 */
export function venueConfigFromEnv(module: Pick<VenueModule, 'id' | 'options'>, env: NodeJS.ProcessEnv): VenueEnvConfig {
  const prefix = venueEnvPrefix(module.id);
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(prefix) || value === undefined) continue;
    const name = key.slice(prefix.length);
    if (SERVICE_VARIABLES.includes(name)) continue;
    const option = name.toLowerCase();
    if (!Object.hasOwn(module.options, option)) {
      const known = [...SERVICE_VARIABLES, ...Object.keys(module.options).map((o) => o.toUpperCase())].map((n) => prefix + n);
      throw new GatewayError('invalid_argument', `${key} is not a setting of ${module.id}; it reads ${known.join(', ')}`);
    }
    options[option] = value;
  }
  readVenueOptions(module.id, module.options, options, (option) => prefix + option.toUpperCase());
  return {
    restBaseUrl: endpoint(env, `${prefix}REST_URL`, ['http:', 'https:']),
    wsUrl: endpoint(env, `${prefix}WS_URL`, ['ws:', 'wss:']),
    options,
  };
}

function endpoint(env: NodeJS.ProcessEnv, name: string, protocols: readonly string[]): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = '';
  }
  if (!protocols.includes(protocol)) throw new GatewayError('invalid_argument', `${name} must be a ${protocols.map((p) => p.slice(0, -1)).join(' or ')} URL, got ${JSON.stringify(value)}`);
  return value;
}
