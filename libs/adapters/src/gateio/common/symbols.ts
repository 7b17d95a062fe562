import { separatorSymbolMapper } from '../../core/symbol.js';

/** Gate.io spells pairs and USDT contracts BASE_QUOTE (BTC_USDT). */
export const gateioSymbolMapper = () => separatorSymbolMapper('_');
