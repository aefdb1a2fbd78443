package dev.obskit.examples;

import java.time.Duration;
import java.util.Locale;

/**
 * What one pipeline run did, for the person who started it. Replaces a
 * process-local metrics tracker object: runtime metrics flow through the observability facade,
 * and this small value is all the caller gets back.
 *
 * @param generated questions the generator produced
 * @param evaluated questions the judge scored
 * @param deduplicated evaluated questions dropped as duplicates
 * @param stored questions written to the store
 * @param errors errors captured during the run
 * @param duration wall-clock time of the run
 */
public record RunSummary(int generated, int evaluated, int deduplicated, int stored, int errors, Duration duration) {
  /** A human-readable multi-line report. */
  public String render() {
    return String.format(Locale.ROOT,
        "RunSummary%n  generated     %d%n  evaluated     %d%n  deduplicated  %d%n  stored        %d%n"
            + "  errors        %d%n  duration      %.1f ms%n",
        generated, evaluated, deduplicated, stored, errors, duration.toNanos() / 1_000_000.0);
  }
}
