/** Management insight: its own projection of the cases' facts, and the figures managers see and export from it. */
package se.samla.insights;
