package io.greenhub.sample.aggregate;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /aggregate} answers: the answers that arrived in time by downstream
 * name, and the names of those that did not.
 *
 * @param parts the answers that arrived in time, in the order of
 * {@code sample.aggregate.delays}
 * @param timedOut the downstreams that did not answer within the timeout
 * @param failed the downstreams that answered with an error, with the error
 */
public record Aggregate(Map<String, String> parts, List<String> timedOut, Map<String, String> failed) {

}
