package se.samla.records.view;

/** A closed case to keep, ready for the e-archive. */
public record ArchiveItem(String caseId, String reference, String title) {}
