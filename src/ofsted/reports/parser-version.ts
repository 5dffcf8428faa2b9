/**
 * Stored with every parsed report. Bump it whenever a parser change could read a stored PDF differently,
 * so `reparse` knows which stored reports to re-derive.
 */
export const PARSER_VERSION = '4';
