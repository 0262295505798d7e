/** People and staff who log in (OIDC), their identity numbers, staff roles per unit, and the demo identity provider. */
package se.samla.identity;
