package ai.vtry.job.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.vtry.common.auth.Caller;
import ai.vtry.common.error.FieldErrors;
import ai.vtry.job.mapping.JobView;
import ai.vtry.job.repository.UsageRepository;
import ai.vtry.job.repository.UsageRepository.Grouping;
import ai.vtry.job.repository.UsageRepository.Tally;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * GET /api/v1/usage: what a workspace used, from its jobs. A period is [from, to) by the jobs'
 * creation; 30 days up to now unless given, at most 366 days. A date alone is a whole UTC day:
 * {@code from=2026-12-01&to=2026-12-07} covers the 1st to the 7th, both included.
 */
@ApplicationScoped
public class UsageService {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    /** Jobs by status (QUEUED and PROCESSING are still running). */
    public record Jobs(long queued, long processing, long completed, long failed, long cancelled, long total) {
    }

    /** One group's usage: its jobs, the images they made, the provider's seconds on them. */
    public record Group(String key, Jobs jobs, long images, double providerSeconds) {
    }

    /** The whole period's usage. */
    public record Total(Jobs jobs, long images, double providerSeconds) {
    }

    public record Report(String from, String to, String groupBy, List<Group> groups, Total total) {
    }

    private final UsageRepository usage;

    public UsageService(UsageRepository usage) {
        this.usage = usage;
    }

    public Uni<Report> report(Caller caller, String fromParam, String toParam, String groupByParam) {
        FieldErrors errors = new FieldErrors();
        Instant to = instant(errors, "to", toParam, true);
        Instant from = instant(errors, "from", fromParam, false);
        Grouping grouping = grouping(errors, groupByParam);
        if (to == null && !errors.has("to")) {
            to = Instant.now();
        }
        if (from == null && !errors.has("from") && to != null) {
            from = to.minus(DEFAULT_PERIOD);
        }
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                errors.add("from", "from must be before to");
            } else if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
                errors.add("from", "the period may be at most 366 days");
            }
        }
        errors.throwIfAny();
        Instant start = from;
        Instant end = to;
        return usage.tally(caller.workspaceId(), start, end, grouping)
                .map(tallies -> report(start, end, grouping, tallies));
    }

    private static Report report(Instant from, Instant to, Grouping grouping, List<Tally> tallies) {
        Map<String, List<Tally>> byGroup = new LinkedHashMap<>();
        for (Tally tally : tallies) {
            byGroup.computeIfAbsent(tally.group(), g -> new ArrayList<>()).add(tally);
        }
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((key, rows) -> groups.add(new Group(key, jobs(rows), images(rows), seconds(rows))));
        return new Report(JobView.format(from), JobView.format(to), grouping.name().toLowerCase(Locale.ROOT), groups,
                new Total(jobs(tallies), images(tallies), seconds(tallies)));
    }

    private static Jobs jobs(List<Tally> rows) {
        long queued = 0, processing = 0, completed = 0, failed = 0, cancelled = 0;
        for (Tally row : rows) {
            switch (row.status()) {
                case "QUEUED" -> queued += row.jobs();
                case "PROCESSING" -> processing += row.jobs();
                case "COMPLETED" -> completed += row.jobs();
                case "CANCELLED" -> cancelled += row.jobs();
                default -> failed += row.jobs();
            }
        }
        return new Jobs(queued, processing, completed, failed, cancelled, queued + processing + completed + failed + cancelled);
    }

    private static long images(List<Tally> rows) {
        return rows.stream().mapToLong(Tally::images).sum();
    }

    private static double seconds(List<Tally> rows) {
        return Math.round(rows.stream().mapToDouble(Tally::providerSeconds).sum() * 1000) / 1000.0;
    }

    /** An ISO-8601 instant, or a date: its start (from) or the start of the next day (to, so the day counts). */
    private static Instant instant(FieldErrors errors, String field, String raw, boolean endOfPeriod) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            if (raw.length() == 10) {
                LocalDate day = LocalDate.parse(raw);
                return (endOfPeriod ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            errors.add(field, field + " must be a date (2026-12-01) or a UTC timestamp (2026-12-01T00:00:00Z)");
            return null;
        }
    }

    private static Grouping grouping(FieldErrors errors, String raw) {
        if (raw == null || raw.isBlank()) {
            return Grouping.DAY;
        }
        for (Grouping grouping : Grouping.values()) {
            if (grouping.name().toLowerCase(Locale.ROOT).equals(raw)) {
                return grouping;
            }
        }
        errors.add("groupBy", "groupBy must be one of day, kind, model");
        return Grouping.DAY;
    }
}
