/** Municipalities (tenants), their units and settings, and which tenant a request is for. */
package se.samla.tenancy;
