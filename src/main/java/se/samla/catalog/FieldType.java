package se.samla.catalog;

/** The kinds of question a form can ask. */
public enum FieldType {
    TEXT,
    LONG_TEXT,
    NUMBER,
    DATE,
    CHOICE,
    MULTI_CHOICE,
    YES_NO,
    PERSONAL_NUMBER,
    ORGANISATION_NUMBER,
    ADDRESS,
    EMAIL,
    PHONE,
    FILE
}
