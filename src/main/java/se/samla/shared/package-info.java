/** Small, stable value types used by every module: tenant id, the current tenant, Swedish identity numbers. */
package se.samla.shared;
