/** Notifications to residents (e-mail, or the demo run's local mailbox), their texts and delivery tracking. */
package se.samla.messaging;
