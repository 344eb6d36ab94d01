package ai.vtry.client.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The period and grouping of {@code GET /api/v1/usage}. Unset: the 30 days up to now, by day.
 *
 * @param from a UTC timestamp or a date (from its first moment), or null
 * @param to excluded; a date includes that whole day; or null for now
 */
public record UsageQuery(String from, String to, UsageGroupBy groupBy) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link UsageQuery}. */
    public static final class Builder {
        private String from;
        private String to;
        private UsageGroupBy groupBy;

        private Builder() {
        }

        public Builder from(Instant from) {
            this.from = from.toString();
            return this;
        }

        /** From the first moment of that UTC day. */
        public Builder from(LocalDate from) {
            this.from = from.toString();
            return this;
        }

        public Builder to(Instant to) {
            this.to = to.toString();
            return this;
        }

        /** Up to and including that whole UTC day. */
        public Builder to(LocalDate to) {
            this.to = to.toString();
            return this;
        }

        public Builder groupBy(UsageGroupBy groupBy) {
            this.groupBy = groupBy;
            return this;
        }

        public UsageQuery build() {
            return new UsageQuery(from, to, groupBy);
        }
    }
}
