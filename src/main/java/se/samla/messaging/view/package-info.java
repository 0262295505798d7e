/** What the messaging module's templates show: letters, the resident's post and the post settings. */
package se.samla.messaging.view;
