/** The shared page layout, start pages, error pages and languages; each module keeps its own controllers and templates. */
package se.samla.web;
