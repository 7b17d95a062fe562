/** Scale of every balance, lock, fee and margin amount (all other scales rescale into it exactly). */
export const BALANCE_SCALE = 24;
