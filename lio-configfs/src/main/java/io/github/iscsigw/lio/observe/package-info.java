/**
 * Reading configfs into the model (never writes); see
 * {@link io.github.iscsigw.lio.observe.ConfigfsReader} for what is looked at and what is
 * left alone.
 */
package io.github.iscsigw.lio.observe;
