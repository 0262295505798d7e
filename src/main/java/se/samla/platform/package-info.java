/**
 * Runtime plumbing every module stands on: the database (embedded or a server), tenant-scoped
 * transactions for row-level security, request ids and start-up diagnostics.
 */
package se.samla.platform;
