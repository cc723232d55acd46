/**
 * The LIO object model: records that validate and normalise in their compact
 * constructors, keep children in canonical order and redact secrets.
 * {@link io.github.iscsigw.lio.model.LioConfig} is the root.
 */
package io.github.iscsigw.lio.model;
