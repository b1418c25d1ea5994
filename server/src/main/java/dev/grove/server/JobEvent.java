package dev.grove.server;

import java.util.Map;

/**
 * One server-sent event of a training: {@code queued}, {@code started}, {@code recorded} (the run
 * id is known), {@code stage} (a stage began, advanced or ended, with the elapsed time) and
 * {@code done} (the final status, the run, the error). Ids count from 1 per job, so a client
 * reconnecting with {@code Last-Event-ID} misses nothing.
 */
record JobEvent(long id, String type, Map<String, Object> data) {
}
