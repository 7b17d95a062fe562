// The StreamOrderBook client replica lives with the soak harness, which checks books the same way.
export * from '../../soak/src/book-replica.js';
