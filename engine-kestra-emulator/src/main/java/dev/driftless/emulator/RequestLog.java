package dev.driftless.emulator;

import java.util.List;
import java.util.Map;

/**
 * Every request the emulator received on its API, in order, with the status it got. Readable from
 * code and over HTTP: {@code GET /_emulator/requests} returns the same entries as JSON and
 * {@code DELETE /_emulator/requests} clears them (those two calls are neither logged nor subject to
 * authentication or faults). An entry is recorded before its answer is sent, so a client that has
 * its response can already see it here. Thread-safe.
 */
public interface RequestLog {

    /** A snapshot of all entries, oldest first. */
    List<RecordedRequest> all();

    /** The number of entries. */
    int size();

    /**
     * The number of entries whose method and path match.
     *
     * @param method   an HTTP method, or {@code *} for any
     * @param pathGlob a path pattern: {@code *} matches within one segment, {@code **} across
     *                 segments, {@code ?} one character; for example {@code /api/v1/main/flows/**}
     */
    long count(String method, String pathGlob);

    /** Entry counts keyed by {@link RecordedRequest#route()}, in order of first appearance. */
    Map<String, Long> countsByRoute();

    /** Forgets every entry; sequence numbers restart at 1. */
    void clear();
}
