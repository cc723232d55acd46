/**
 * The configfs root and the operations on it, injected everywhere
 * ({@link io.github.iscsigw.lio.fs.Configfs}).
 */
package io.github.iscsigw.lio.fs;
