package se.samla.cases;

import java.time.Instant;
import java.util.UUID;

/** A step of a case's course: the status it moved to and when. Nothing of who moved it. */
public record CaseStep(UUID caseId, int seq, String status, Instant at) {}
