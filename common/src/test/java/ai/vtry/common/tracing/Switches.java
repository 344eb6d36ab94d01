package ai.vtry.common.tracing;

/** The two tracing switches, as a {@link TracingConfig} for unit tests. */
record Switches(boolean enabled, boolean logSpans) implements TracingConfig {

    static final Switches OFF = new Switches(false, false);
    static final Switches OTLP = new Switches(true, false);
    static final Switches LOG = new Switches(false, true);
    static final Switches BOTH = new Switches(true, true);
}
