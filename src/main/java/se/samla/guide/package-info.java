/** Where a resident starts: the life events, the one search over what is public and their own, and its index. */
package se.samla.guide;
