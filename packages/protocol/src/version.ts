/** Version of every message format on our Unix sockets; a message carries it as `v`. */
export const PROTOCOL_VERSION = 1;
