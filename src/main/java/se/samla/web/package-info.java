/**
 * The shared page layout, start pages, error pages and languages, and what modules add to Mina sidor of the region;
 * each module keeps its own controllers and templates.
 */
package se.samla.web;
