package se.samla.cases.view;

/** The start page of one e-service: what it is for, who may use it, and how long it takes. */
public record EServiceView(
        String code,
        String name,
        String description,
        String plainLanguage,
        String unit,
        boolean needsLogin,
        Integer assuranceLevel,
        int serviceNormDays,
        boolean confidential,
        boolean hasDraft) {}
