package dev.grove.server;

/** Who may call a route: the one decision {@link Guard} makes per request. */
enum Access {
    /** Anyone who reaches the server: health, the OpenAPI document, the dashboard's files (they hold no data). */
    OPEN,
    /** Reads and predictions: open on a loopback address, the token needed elsewhere unless reads were opened. */
    READ,
    /** Everything that changes state: always the token. */
    WRITE
}
