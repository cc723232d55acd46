/**
 * A configfs simulator in an ordinary directory that behaves like the kernel's LIO tree,
 * with the kernel's files, modes and defaults (used by tests and embedded mode).
 */
package io.github.iscsigw.lio.sim;
