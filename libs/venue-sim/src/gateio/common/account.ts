// What spot and futures share of a Gate.io account's private answers.

/** User-defined text: "t-" then at most 28 bytes of 0-9 A-Z a-z _ - . */
export const TEXT_RE = /^t-[0-9A-Za-z_.-]{1,28}$/;

/** GET /account/detail (ccxt reads key.mode to learn the account is classic, not unified). */
export function accountDetailJson(uid: number): Record<string, unknown> {
  return { user_id: uid, ip_whitelist: [], currency_pairs: [], key: { mode: 1 }, tier: 0, copy_trading_role: 0 };
}
