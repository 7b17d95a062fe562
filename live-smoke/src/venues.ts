import {
  binanceSpotPushReaders,
  binanceSpotRestAnswerReaders,
  binanceUsdmPushReaders,
  binanceUsdmRestAnswerReaders,
  gateioPushReaders,
  gateioRestAnswerReaders,
  mexcJsonAnswerReader,
  mexcRestAnswerReaders,
  type ContractInfo,
  type Pair,
} from '@cexgw/adapters';
import { loadMexcSchema } from '@cexgw/mexc-proto/schema';
import { startBinanceSpotSim, startBinanceUsdmSim, startGateioFuturesSim, startGateioSpotSim, startMexcSpotSim } from '@cexgw/venue-sim';
import {
  binanceConnectorContract,
  ChannelContracts,
  checkBinanceStreamTraffic,
  checkFrameTraffic,
  checkJsonProtobufTraffic,
  checkRestTraffic,
  gateApiContract,
  mexcSpotRestContract,
  mexcSpotWsContract,
  type JsonProtobufContract,
  type RecordedExchange,
  type RecordedFrame,
} from '@cexgw/wire-contracts';

// The venues the suite checks, one entry each: the adapter factory's id, the venue's published
// contracts as libs/wire-contracts offers them, and how to start its simulator. Adding a venue
// is adding its entry here; everything else is venue-neutral.

/** What a contract check needs to know about the run. */
export interface ContractContext {
  readonly symbol: Pair;
  /** Futures contracts as the adapter loaded them (empty for spot venues). */
  readonly contracts: () => ReadonlyMap<string, ContractInfo>;
}

export interface TrafficReport {
  readonly violations: readonly string[];
  /** What the recorded traffic exercised: operations (REST) or channels (websocket). */
  readonly covered: ReadonlySet<string>;
}

/** A venue's published contract for one kind of traffic, as the framework offers it. */
export interface ContractCheck<Traffic> {
  /** The source, e.g. "npm gate-api 7.2.144". */
  readonly source: string;
  check(traffic: readonly Traffic[], context: ContractContext): TrafficReport;
}

/** A contract the framework does not offer yet: why, so the report can say what went unchecked. */
export type Missing = { readonly missing: string };

/** A started simulator: where it answers and its published test key pair. */
export interface SimVenue {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  close(): Promise<void>;
}

export interface SmokeVenue {
  readonly id: string;
  readonly restContract: ContractCheck<RecordedExchange> | Missing;
  readonly frameContract: ContractCheck<RecordedFrame> | Missing;
  /** Starts the venue's simulator listing `symbol`, seeded so that runs repeat. */
  startSim(symbol: Pair): Promise<SimVenue>;
}

const SIM_SEED = 10;

/** Gate.io REST, spot and futures alike: gate-api's models and operations, read from the installed package. */
const gateRest: ContractCheck<RecordedExchange> = {
  get source() {
    return `npm gate-api ${gateApiContract().version}`;
  },
  check: (exchanges, { symbol, contracts }) => checkRestTraffic(exchanges, gateApiContract(), gateioRestAnswerReaders(symbol, contracts)),
};

/** Gate.io websocket, spot and futures alike: Gate's documented examples, kept with their provenance in libs/wire-contracts/sources. */
const GATE_WEBSOCKET_SOURCE = 'gateio-websocket.json';
let gateChannels: ChannelContracts | undefined;
const gateWebsocket: ContractCheck<RecordedFrame> = {
  source: `Gate's documented websocket messages (@cexgw/wire-contracts sources/${GATE_WEBSOCKET_SOURCE})`,
  check: (frames, { symbol, contracts }) => checkFrameTraffic(frames, (gateChannels ??= ChannelContracts.load(GATE_WEBSOCKET_SOURCE)), gateioPushReaders(symbol, contracts)),
};

/** MEXC spot REST: MEXC's API docs (and live captures where they are short), as data in libs/wire-contracts/sources. */
const mexcRest: ContractCheck<RecordedExchange> = {
  source: "MEXC's documented REST answers (@cexgw/wire-contracts sources/mexc-spot-rest.json)",
  check: (exchanges, { symbol }) => checkRestTraffic(exchanges, mexcSpotRestContract(), mexcRestAnswerReaders(symbol)),
};

/** MEXC spot websocket: documented JSON messages, and the published protobuf schema (protos/mexc) for pushes. */
let mexcFrames: JsonProtobufContract | undefined;
const mexcWebsocket: ContractCheck<RecordedFrame> = {
  source: "MEXC's documented JSON frames (sources/mexc-spot-ws.json) and its protobuf schema (mexcdevelop/websocket-proto, vendored)",
  check: (frames) => checkJsonProtobufTraffic(frames, (mexcFrames ??= { messages: mexcSpotWsContract(), schema: loadMexcSchema(), pushMessage: 'PushDataV3ApiWrapper' }), mexcJsonAnswerReader),
};

const SPOT_CONNECTOR = '@binance/spot';
const USDM_CONNECTOR = '@binance/derivatives-trading-usds-futures';

/** Binance REST: the models and operations of its official connectors, read from the installed packages. */
const binanceSpotRest: ContractCheck<RecordedExchange> = {
  get source() {
    return `npm ${SPOT_CONNECTOR} ${binanceConnectorContract(SPOT_CONNECTOR).version}`;
  },
  check: (exchanges, { symbol }) => checkRestTraffic(exchanges, binanceConnectorContract(SPOT_CONNECTOR), binanceSpotRestAnswerReaders(symbol)),
};

/** The listed contract of the run's symbol, as the adapter loaded it. */
function usdmContract({ symbol, contracts }: ContractContext): ContractInfo | undefined {
  return [...contracts().values()].find((c) => c.symbol.base === symbol.base && c.symbol.quote === symbol.quote);
}

const binanceUsdmRest: ContractCheck<RecordedExchange> = {
  get source() {
    return `npm ${USDM_CONNECTOR} ${binanceConnectorContract(USDM_CONNECTOR).version}`;
  },
  check: (exchanges, context) => {
    const contract = usdmContract(context);
    return checkRestTraffic(exchanges, binanceConnectorContract(USDM_CONNECTOR), contract ? binanceUsdmRestAnswerReaders(contract) : {});
  },
};

/** Binance websocket traffic (streams, user data, the WebSocket API): the connectors' models too. */
const binanceSpotFrames: ContractCheck<RecordedFrame> = {
  get source() {
    return `npm ${SPOT_CONNECTOR} ${binanceConnectorContract(SPOT_CONNECTOR).version} (websocket-streams and websocket-api models)`;
  },
  check: (frames, { symbol }) => checkBinanceStreamTraffic(frames, binanceConnectorContract(SPOT_CONNECTOR), binanceSpotPushReaders(symbol)),
};

const binanceUsdmFrames: ContractCheck<RecordedFrame> = {
  get source() {
    return `npm ${USDM_CONNECTOR} ${binanceConnectorContract(USDM_CONNECTOR).version} (websocket-streams models)`;
  },
  check: (frames, context) => {
    const contract = usdmContract(context);
    return checkBinanceStreamTraffic(frames, binanceConnectorContract(USDM_CONNECTOR), contract ? binanceUsdmPushReaders(contract) : {});
  },
};

export const SMOKE_VENUES: readonly SmokeVenue[] = [
  {
    id: 'mexc_spot',
    restContract: mexcRest,
    frameContract: mexcWebsocket,
    startSim: (symbol) => startMexcSpotSim({ seed: SIM_SEED, symbols: [`${symbol.base}${symbol.quote}`] }),
  },
  {
    id: 'gateio_spot',
    restContract: gateRest,
    frameContract: gateWebsocket,
    startSim: (symbol) => startGateioSpotSim({ seed: SIM_SEED, symbols: [`${symbol.base}_${symbol.quote}`] }),
  },
  {
    id: 'gateio_futures',
    restContract: gateRest,
    frameContract: gateWebsocket,
    startSim: (symbol) => startGateioFuturesSim({ seed: SIM_SEED, symbols: [`${symbol.base}_${symbol.quote}`] }),
  },
  {
    id: 'binance_spot',
    restContract: binanceSpotRest,
    frameContract: binanceSpotFrames,
    startSim: (symbol) => startBinanceSpotSim({ seed: SIM_SEED, symbols: [`${symbol.base}${symbol.quote}`] }),
  },
  {
    id: 'binance_usdm',
    restContract: binanceUsdmRest,
    frameContract: binanceUsdmFrames,
    startSim: (symbol) => startBinanceUsdmSim({ seed: SIM_SEED, symbols: [`${symbol.base}${symbol.quote}`], liquidationIntervalMs: 0 }),
  },
];
