/** The case (ärende): parties, answers, status history, messages, completion requests, notes, decisions, attachments. */
package se.samla.cases;
