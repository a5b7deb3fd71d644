package run.hatchet.examples;

/**
 * The input of tasks that take none. It is sent as {@code {}}, the same JSON other SDKs send for an
 * empty input, so any SDK can trigger these tasks.
 */
public record EmptyModel() {}
