// The PostgreSQL journal's schema, versioned: each migration runs once per database, in order,
// in its own transaction, recorded in cexgw.schema_migrations. A released migration is never
// edited; a change is a new entry at the end. Applied at start by PgJournal.open (under an
// advisory lock, so two processes starting together apply each one once).
//
// Every table is keyed by `journal` (the venue account: one per trading service pair), so one
// database holds the journals of all venues. Writes go through functions that first check the
// writer's lease (cexgw.fence): one statement, one round trip, and no transaction left open on
// the client side, so a writer that is paused (SIGSTOP) or cut off mid-write can hold no lock
// that blocks its successor.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'journal, fills, orders, values, lease',
    sql: `
CREATE TABLE cexgw.journals (
  journal     text        PRIMARY KEY,
  -- The highest cursor ever assigned; updated in the same transaction as the fills, so a cursor
  -- is assigned once and cursors increase in commit order.
  last_cursor bigint      NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One active writer per journal. The epoch increases at every acquisition and is the fencing
-- token every write carries; version increases at every renewal, so a standby can tell a live
-- holder from a dead one on its own clock (no wall-clock comparison between machines).
CREATE TABLE cexgw.leases (
  journal     text        PRIMARY KEY REFERENCES cexgw.journals,
  epoch       bigint      NOT NULL,
  holder      text        NOT NULL,
  address     text        NOT NULL,
  ttl_ms      integer     NOT NULL CHECK (ttl_ms > 0),
  version     bigint      NOT NULL DEFAULT 0,
  released    boolean     NOT NULL DEFAULT false,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  renewed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cexgw.fills (
  journal         text    NOT NULL REFERENCES cexgw.journals,
  cursor          bigint  NOT NULL,
  fill_id         text    NOT NULL,
  order_id        text    NOT NULL,
  client_order_id text    NOT NULL,
  symbol          text    NOT NULL,
  side            text    NOT NULL,
  price           text    NOT NULL,
  quantity        text    NOT NULL,
  fee             text    NOT NULL,
  fee_asset       text    NOT NULL,
  is_maker        boolean NOT NULL,
  timestamp_ms    bigint  NOT NULL,
  source          text    NOT NULL,
  journaled_ms    bigint  NOT NULL,
  epoch           bigint  NOT NULL,
  PRIMARY KEY (journal, cursor),
  -- A self-trade is one venue trade id reported once per order: order and symbol are part of the key.
  UNIQUE (journal, fill_id, order_id, symbol)
);
CREATE INDEX fills_symbol_time ON cexgw.fills (journal, symbol, timestamp_ms);

CREATE TABLE cexgw.orders (
  journal         text   NOT NULL REFERENCES cexgw.journals,
  client_order_id text   NOT NULL,
  venue_order_id  text   NOT NULL DEFAULT '',
  symbol          text   NOT NULL,
  request         text   NOT NULL,
  state           text,
  status          text   NOT NULL CHECK (status IN ('pending', 'acknowledged', 'unknown', 'failed')),
  reason          text   NOT NULL DEFAULT '',
  created_ms      bigint NOT NULL,
  updated_ms      bigint NOT NULL,
  epoch           bigint NOT NULL,
  PRIMARY KEY (journal, client_order_id)
);
CREATE INDEX orders_status ON cexgw.orders (journal, status);

CREATE TABLE cexgw.kv (
  journal text NOT NULL REFERENCES cexgw.journals,
  key     text NOT NULL,
  value   text NOT NULL,
  PRIMARY KEY (journal, key)
);

-- Raises CX001 unless (holder, epoch) holds the journal's lease. FOR SHARE: a takeover (an
-- UPDATE of the lease row) waits for the write in progress, and no write of the old epoch can
-- commit after it.
CREATE FUNCTION cexgw.fence(p_journal text, p_holder text, p_epoch bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM cexgw.leases l
   WHERE l.journal = p_journal AND l.holder = p_holder AND l.epoch = p_epoch AND NOT l.released
   FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'journal % : lease epoch % of % is no longer held; this writer is deposed', p_journal, p_epoch, p_holder USING ERRCODE = 'CX001';
  END IF;
END $$;

-- p_fills: a JSON array of [fill_id, order_id, client_order_id, symbol, side, price, quantity,
-- fee, fee_asset, is_maker, timestamp_ms]. Returns (position in p_fills, cursor) of the fills
-- not journaled before, in order; the others are skipped without consuming a cursor.
CREATE FUNCTION cexgw.append_fills(p_journal text, p_holder text, p_epoch bigint, p_fills jsonb, p_source text, p_now_ms bigint)
RETURNS TABLE (fill_index integer, assigned_cursor bigint) LANGUAGE plpgsql AS $$
DECLARE
  v_last bigint;
  v_fill jsonb;
  v_position integer := 0;
BEGIN
  PERFORM cexgw.fence(p_journal, p_holder, p_epoch);
  SELECT j.last_cursor INTO v_last FROM cexgw.journals j WHERE j.journal = p_journal FOR UPDATE;
  FOR v_fill IN SELECT e.value FROM jsonb_array_elements(p_fills) AS e LOOP
    INSERT INTO cexgw.fills (journal, cursor, fill_id, order_id, client_order_id, symbol, side, price, quantity, fee, fee_asset, is_maker, timestamp_ms, source, journaled_ms, epoch)
    VALUES (p_journal, v_last + 1, v_fill->>0, v_fill->>1, v_fill->>2, v_fill->>3, v_fill->>4, v_fill->>5, v_fill->>6, v_fill->>7, v_fill->>8, (v_fill->>9)::boolean, (v_fill->>10)::bigint, p_source, p_now_ms, p_epoch)
    ON CONFLICT (journal, fill_id, order_id, symbol) DO NOTHING;
    IF FOUND THEN
      v_last := v_last + 1;
      fill_index := v_position;
      assigned_cursor := v_last;
      RETURN NEXT;
    END IF;
    v_position := v_position + 1;
  END LOOP;
  UPDATE cexgw.journals SET last_cursor = v_last WHERE journal = p_journal;
END $$;

CREATE FUNCTION cexgw.insert_order(p_journal text, p_holder text, p_epoch bigint, p_client_order_id text, p_symbol text, p_request text, p_now_ms bigint)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cexgw.fence(p_journal, p_holder, p_epoch);
  INSERT INTO cexgw.orders (journal, client_order_id, symbol, request, status, created_ms, updated_ms, epoch)
  VALUES (p_journal, p_client_order_id, p_symbol, p_request, 'pending', p_now_ms, p_now_ms, p_epoch)
  ON CONFLICT (journal, client_order_id) DO NOTHING;
  RETURN FOUND;
END $$;

-- NULL leaves a field as it is.
CREATE FUNCTION cexgw.update_order(p_journal text, p_holder text, p_epoch bigint, p_client_order_id text, p_status text, p_venue_order_id text, p_state text, p_reason text, p_now_ms bigint)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cexgw.fence(p_journal, p_holder, p_epoch);
  UPDATE cexgw.orders SET
    status = COALESCE(p_status, status),
    venue_order_id = COALESCE(p_venue_order_id, venue_order_id),
    state = COALESCE(p_state, state),
    reason = COALESCE(p_reason, reason),
    updated_ms = p_now_ms,
    epoch = p_epoch
  WHERE journal = p_journal AND client_order_id = p_client_order_id;
END $$;

CREATE FUNCTION cexgw.delete_order(p_journal text, p_holder text, p_epoch bigint, p_client_order_id text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cexgw.fence(p_journal, p_holder, p_epoch);
  DELETE FROM cexgw.orders WHERE journal = p_journal AND client_order_id = p_client_order_id;
END $$;

CREATE FUNCTION cexgw.set_value(p_journal text, p_holder text, p_epoch bigint, p_key text, p_value text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cexgw.fence(p_journal, p_holder, p_epoch);
  INSERT INTO cexgw.kv (journal, key, value) VALUES (p_journal, p_key, p_value)
  ON CONFLICT (journal, key) DO UPDATE SET value = excluded.value;
END $$;
`,
  },
];
