package se.samla.cases;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * When a case's decision can be expected from the unit's queue as it is now and its recent pace, beside the date
 * the service norm promises. Provided by the module that keeps the figures (insights); without one, no forecast.
 */
public interface DecisionForecasts {

    /**
     * The forecast for an open case of the current tenant, given its kind, unit and when it came in; empty when
     * the unit decided too few cases lately to say.
     */
    Optional<LocalDate> forecast(UUID caseId, String caseType, String unit, java.time.Instant submittedAt);
}
