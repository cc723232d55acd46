/**
 * The {@code plan|apply|dump} command line (the {@code -cli} jar).
 */
package io.github.iscsigw.lio.cli;
